//! Versions and aliases: `alias: NAME` publishes a version on each deploy and points an alias at
//! it; `provisioned: N` (provisioned concurrency) and `snap_start: true` (Lambda SnapStart) apply
//! to published versions only, so they need the alias.
//!
//! Sources, as of 2026-12-03:
//! * alias names: Lambda API `CreateAlias`, `Name`: 1–128 characters, pattern
//!   `(?!^[0-9]+$)([a-zA-Z0-9-_]+)` (a name of digits only would read as a version number);
//! * SnapStart: Lambda developer guide, "Improving startup performance with Lambda SnapStart",
//!   *Supported features and limitations*: Java 11 and later, Python 3.12 and later, .NET 8 and
//!   later managed runtimes; not OS-only runtimes (`provided.*`, which Rust and Go functions run
//!   on) nor container images; not with provisioned concurrency, Amazon EFS or ephemeral storage
//!   above 512 MB; published versions only (`ApplyOn: PublishedVersions`). The arm64 architecture
//!   was once on the list of limitations and no longer is (SnapStart runs on arm64 since
//!   2024-07-18), so `arch: arm64` is accepted. lambda-stack deploys neither EFS mounts nor
//!   container images, so those two limits cannot arise;
//! * provisioned concurrency: developer guide, "Configuring provisioned concurrency": it "counts
//!   towards a function's reserved concurrency and Regional quotas", "the provisioned concurrency
//!   cannot exceed the reserved concurrency", and it is allocated from the account's unreserved
//!   concurrency minus 100; `PutProvisionedConcurrencyConfig` takes at least 1.

use super::runtimes::{self, Family};

/// The longest alias name Lambda takes.
pub const MAX_ALIAS_CHARS: usize = 128;

/// The least provisioned concurrency Lambda allocates (`ProvisionedConcurrentExecutions` ≥ 1).
pub const MIN_PROVISIONED: u64 = 1;

/// The largest ephemeral storage SnapStart takes, in MB.
pub const SNAP_START_MAX_EPHEMERAL_MB: u64 = 512;

/// An alias name is 1–128 letters, digits, `-` and `_`, and not only digits.
///
/// ```
/// use lambda_stack_core::rules::versions::check_alias_name;
/// assert!(check_alias_name("live").is_ok());
/// assert!(check_alias_name("12").unwrap_err().contains("only digits"));
/// assert!(check_alias_name("blue.green").unwrap_err().contains("`.`"));
/// ```
pub fn check_alias_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("an alias needs a name, such as `live`".to_owned());
    }
    let length = name.chars().count();
    if length > MAX_ALIAS_CHARS {
        return Err(format!("alias `{name}` has {length} characters; Lambda takes at most {MAX_ALIAS_CHARS}"));
    }
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        return Err(format!("alias `{name}` contains `{bad}`; an alias name has only letters, digits, `-` and `_`"));
    }
    if name.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "alias `{name}` has only digits, which Lambda reads as a version number; give it a name such as `live`"
        ));
    }
    Ok(())
}

/// `provisioned` is at least 1, and within the function's `reserved_concurrency` when it has one.
pub fn check_provisioned(provisioned: u64, reserved: Option<u64>) -> Result<(), String> {
    if provisioned < MIN_PROVISIONED {
        return Err(format!(
            "`provisioned` is {provisioned}; Lambda keeps at least {MIN_PROVISIONED} execution environment ready, \
             or leave `provisioned` out"
        ));
    }
    match reserved {
        Some(reserved) if provisioned > reserved => Err(format!(
            "`provisioned: {provisioned}` is above the function's `reserved_concurrency: {reserved}`; provisioned \
             concurrency is taken from the reserved concurrency, so Lambda refuses more of it"
        )),
        _ => Ok(()),
    }
}

/// What a function takes from the account's concurrency: its reserved concurrency, which holds
/// its provisioned concurrency; without one, its provisioned concurrency, allocated from the
/// unreserved pool.
pub fn concurrency_taken(reserved: Option<u64>, provisioned: Option<u64>) -> Option<u64> {
    reserved.or(provisioned)
}

/// SnapStart runs on `runtime` (`rust`: the function is a Rust `#[function]`).
///
/// ```
/// use lambda_stack_core::rules::versions::check_snap_start_runtime;
/// assert!(check_snap_start_runtime("java21", false).is_ok());
/// assert!(check_snap_start_runtime("python3.12", false).is_ok());
/// assert!(check_snap_start_runtime("dotnet8", false).is_ok());
/// assert!(check_snap_start_runtime("python3.11", false).unwrap_err().contains("Python 3.12 and later"));
/// assert!(check_snap_start_runtime("nodejs22.x", false).unwrap_err().contains("`nodejs22.x`"));
/// assert!(check_snap_start_runtime("provided.al2023", true).unwrap_err().contains("Rust"));
/// ```
pub fn check_snap_start_runtime(runtime: &str, rust: bool) -> Result<(), String> {
    const SUPPORTED: &str = "Java 11 and later, Python 3.12 and later and .NET 8 and later";
    if rust {
        return Err(format!(
            "a Rust function runs as `{runtime}`, an OS-only runtime, and SnapStart takes only the managed runtimes \
             of {SUPPORTED}; Rust starts fast without it, so leave `snap_start` out (or keep `provisioned` \
             concurrency for warm environments)"
        ));
    }
    // An unknown runtime is reported by itself.
    let Some(found) = runtimes::lookup(runtime) else { return Ok(()) };
    if snap_start_supports(found.family, found.version) {
        return Ok(());
    }
    let family = found.family.name();
    Err(format!("SnapStart does not run `{runtime}` ({family}); it takes the managed runtimes of {SUPPORTED}"))
}

/// Whether SnapStart takes a runtime of `family` at language `version`.
fn snap_start_supports(family: Family, version: Option<&str>) -> bool {
    let Some(version) = version else { return false };
    let mut parts = version.split('.').map(|part| part.parse::<u64>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    match family {
        Family::Java => major >= 11,
        Family::Python => (major, minor) >= (3, 12),
        Family::Dotnet => major >= 8,
        _ => false,
    }
}

/// SnapStart and provisioned concurrency exclude each other.
pub fn check_snap_start_with_provisioned(provisioned: Option<u64>) -> Result<(), String> {
    match provisioned {
        Some(n) => Err(format!(
            "`snap_start` and `provisioned: {n}` exclude each other: Lambda refuses SnapStart on a function with \
             provisioned concurrency; keep one (provisioned concurrency keeps environments warm, SnapStart restores \
             them from a snapshot)"
        )),
        None => Ok(()),
    }
}

/// SnapStart takes at most 512 MB of ephemeral storage.
pub fn check_snap_start_ephemeral(ephemeral_mb: Option<u64>) -> Result<(), String> {
    match ephemeral_mb {
        Some(mb) if mb > SNAP_START_MAX_EPHEMERAL_MB => Err(format!(
            "`ephemeral_storage: {mb}` with `snap_start`: SnapStart takes at most {SNAP_START_MAX_EPHEMERAL_MB} MB \
             of `/tmp`"
        )),
        _ => Ok(()),
    }
}

/// `key` (`provisioned`, `snap_start`) applies to published versions, which `alias:` creates.
pub fn needs_alias(key: &str, function: &str) -> String {
    format!(
        "`{key}` applies to a published version, and function `{function}` publishes none: add `alias: live` (any \
         name), which publishes a version on each deploy and points every trigger at it"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_names() {
        assert!(check_alias_name("a-b_C9").is_ok());
        assert!(check_alias_name("1a").is_ok());
        assert!(check_alias_name(&"a".repeat(128)).is_ok());
        assert!(check_alias_name(&"a".repeat(129)).is_err());
        assert!(check_alias_name("").is_err());
        assert!(check_alias_name("$LATEST").is_err());
    }

    #[test]
    fn snap_start_runtimes() {
        for ok in ["java11", "java17", "java21", "java25", "python3.12", "python3.13", "dotnet8"] {
            assert!(check_snap_start_runtime(ok, false).is_ok(), "{ok}");
        }
        for no in ["java8.al2", "python3.11", "python3.9", "dotnet6", "nodejs22.x", "ruby3.3", "provided.al2023"] {
            assert!(check_snap_start_runtime(no, false).is_err(), "{no}");
        }
    }

    #[test]
    fn provisioned_within_reserved() {
        assert!(check_provisioned(5, None).is_ok());
        assert!(check_provisioned(5, Some(5)).is_ok());
        assert!(check_provisioned(6, Some(5)).unwrap_err().contains("reserved_concurrency: 5"));
        assert!(check_provisioned(0, None).is_err());
        assert_eq!(concurrency_taken(Some(10), Some(5)), Some(10));
        assert_eq!(concurrency_taken(None, Some(5)), Some(5));
    }
}
