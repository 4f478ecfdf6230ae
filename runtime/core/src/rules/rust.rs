//! Lambda functions written in Rust: the keys `#[function]` takes, the runtime and targets they
//! build for, and what their `bootstrap` may ask of the system it runs on.
//!
//! A Rust function deploys as `provided.al2023`: the stack's own binary, built in release for the
//! function's architecture and zipped as `bootstrap`. Amazon Linux 2023 ships glibc 2.34, so the
//! binary must not need a newer symbol version; the ELF machine must match the architecture.
//!
//! ```
//! use lambda_stack_core::rules::rust::{check_glibc_versions, target};
//! assert_eq!(target("arm64").unwrap().triple, "aarch64-unknown-linux-gnu");
//! assert!(check_glibc_versions(["GLIBC_2.2.5", "GLIBC_2.34"]).is_ok());
//! assert_eq!(
//!     check_glibc_versions(["GLIBC_2.17", "GLIBC_2.35"]).unwrap_err(),
//!     "the binary needs glibc 2.35 (symbol version `GLIBC_2.35`), but `provided.al2023` has glibc 2.34; \
//!      build on an older system or with `cargo zigbuild --target TRIPLE.2.34`"
//! );
//! ```

/// The runtime every Rust function deploys as.
pub const RUNTIME: &str = "provided.al2023";

/// The glibc of Amazon Linux 2023, which `provided.al2023` runs on.
pub const MAX_GLIBC: (u32, u32) = (2, 34);

/// Why a key a `function` block takes is not one for a Rust function.
pub fn implied_key(key: &str) -> Option<&'static str> {
    match key {
        "runtime" => Some("a Rust function runs as `provided.al2023`"),
        "handler" => Some("a Rust function's handler is its own name"),
        "code" => Some("a Rust function's code is the stack's own binary, built as `bootstrap`"),
        "exclude" => Some("a Rust function's package is its `bootstrap` alone"),
        "build" => Some("a Rust function's `bootstrap` is the stack's own binary, which cargo builds"),
        "bundle" | "source_map" => {
            Some("a Rust function's package is its `bootstrap`, which cargo builds; bundles are JavaScript")
        }
        _ => None,
    }
}

/// What a Rust function is built for on one architecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// Lambda's name for the architecture: `x86_64`, `arm64`.
    pub arch: &'static str,
    /// The Rust target the binary is built for.
    pub triple: &'static str,
    /// The ELF `e_machine` of a binary for it.
    pub elf_machine: u16,
    /// What the ELF header names that machine.
    pub machine_name: &'static str,
    /// The GCC that links for it from another machine, and the Debian package holding it.
    pub cross_gcc: &'static str,
    pub debian_package: &'static str,
    /// The user-mode emulator that runs its binaries on another machine (Debian's `qemu-user`),
    /// and where Debian's cross C library for it lives (its `-L` sysroot).
    pub qemu: &'static str,
    pub cross_sysroot: &'static str,
}

/// The two architectures Lambda runs.
pub const TARGETS: &[Target] = &[
    Target {
        arch: "x86_64",
        triple: "x86_64-unknown-linux-gnu",
        elf_machine: 62,
        machine_name: "x86-64",
        cross_gcc: "x86_64-linux-gnu-gcc",
        debian_package: "gcc-x86-64-linux-gnu",
        qemu: "qemu-x86_64",
        cross_sysroot: "/usr/x86_64-linux-gnu",
    },
    Target {
        arch: "arm64",
        triple: "aarch64-unknown-linux-gnu",
        elf_machine: 183,
        machine_name: "AArch64",
        cross_gcc: "aarch64-linux-gnu-gcc",
        debian_package: "gcc-aarch64-linux-gnu",
        qemu: "qemu-aarch64",
        cross_sysroot: "/usr/aarch64-linux-gnu",
    },
];

/// The target of this machine's own architecture, when it is one Lambda runs.
pub fn host_target() -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.triple.starts_with(std::env::consts::ARCH))
}

/// The target of a Lambda architecture (`x86_64`, `arm64`).
pub fn target(arch: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.arch == arch)
}

/// A binary for `arch` has that ELF machine.
pub fn check_elf_machine(arch: &str, machine: u16) -> Result<(), String> {
    let Some(target) = target(arch) else { return Err(format!("unknown architecture `{arch}`")) };
    if machine == target.elf_machine {
        return Ok(());
    }
    let found = TARGETS
        .iter()
        .find(|t| t.elf_machine == machine)
        .map_or_else(|| format!("ELF machine {machine}"), |t| format!("{} ({})", t.machine_name, t.arch));
    Err(format!(
        "the binary is built for {found}, but the function runs on {arch}, which needs {}",
        target.machine_name
    ))
}

/// `GLIBC_2.34` → (2, 34); other version names (`GCC_3.0`, `GLIBC_PRIVATE`) → `None`.
pub fn glibc_version(name: &str) -> Option<(u32, u32)> {
    let version = name.strip_prefix("GLIBC_")?;
    let mut parts = version.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next().map_or(Some(0), |m| m.parse().ok())?;
    Some((major, minor))
}

/// The symbol versions a binary needs include no glibc newer than Amazon Linux 2023's.
pub fn check_glibc_versions<'a>(needed: impl IntoIterator<Item = &'a str>) -> Result<(), String> {
    let newest = needed.into_iter().filter_map(|name| glibc_version(name).map(|v| (v, name))).max();
    match newest {
        Some(((major, minor), name)) if (major, minor) > MAX_GLIBC => Err(format!(
            "the binary needs glibc {major}.{minor} (symbol version `{name}`), but `{RUNTIME}` has glibc {}.{}; \
             build on an older system or with `cargo zigbuild --target TRIPLE.{}.{}`",
            MAX_GLIBC.0, MAX_GLIBC.1, MAX_GLIBC.0, MAX_GLIBC.1
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machines() {
        assert!(check_elf_machine("x86_64", 62).is_ok());
        assert!(check_elf_machine("arm64", 183).is_ok());
        let message = check_elf_machine("arm64", 62).unwrap_err();
        assert_eq!(
            message,
            "the binary is built for x86-64 (x86_64), but the function runs on arm64, which needs AArch64"
        );
    }

    #[test]
    fn glibc() {
        assert_eq!(glibc_version("GLIBC_2.2.5"), Some((2, 2)));
        assert_eq!(glibc_version("GLIBC_PRIVATE"), None);
        assert_eq!(glibc_version("GCC_3.0"), None);
        assert!(check_glibc_versions(["GLIBC_2.34", "GLIBC_PRIVATE"]).is_ok());
        assert!(check_glibc_versions(["GLIBC_2.36"]).is_err());
        assert!(check_glibc_versions([]).is_ok());
    }
}
