//! What stays out of a package: the default excludes and the user's `exclude:` globs.
//!
//! One syntax for both, the one `.gitignore` taught everybody:
//!
//! * a pattern without `/` matches a name at any depth (`*.pyc`, `tests`);
//! * a pattern with a `/` inside is anchored to the code directory (`docs/*.md`, `tests/**`);
//!   a leading `/` anchors a single name (`/tests` is only the top-level one);
//! * a trailing `/` matches directories only (`__pycache__/`);
//! * `*` and `?` stay within one path segment, `**` crosses them, `{a,b}` and `[a-z]` work as in
//!   globset.
//!
//! An excluded directory takes everything under it along.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::PackageError;

/// Files and directories never packaged: secrets a deployed function must not carry, and the
/// caches and editor/OS junk that only make packages bigger and their hashes unstable.
///
/// They use the `exclude:` syntax (see [`PackageOptions`](super::PackageOptions)): every one is a
/// bare name, so it applies at any depth, and a trailing `/` means directories only. Unlike user
/// patterns they ignore case: `.ENV` and `ID_RSA` are the same secrets on a case-insensitive disk,
/// and a checkout from one keeps its spelling.
///
/// ```
/// use lambda_stack_runtime::package::DEFAULT_EXCLUDES;
/// assert!(DEFAULT_EXCLUDES.contains(&"__pycache__/"));
/// assert!(DEFAULT_EXCLUDES.contains(&"*.pem"));
/// ```
pub const DEFAULT_EXCLUDES: &[&str] = &[
    // Version control. `.git` is also a file in worktrees and submodules.
    ".git",
    ".hg/",
    ".svn/",
    // Secrets: environment files, cloud and tool credentials, private keys.
    ".env",
    ".env.*",
    "*.env",
    ".envrc",
    ".aws/",
    ".ssh/",
    ".gnupg/",
    ".docker/",
    ".kube/",
    ".netrc",
    ".pgpass",
    ".git-credentials",
    ".npmrc",
    ".pypirc",
    // AWS's `credentials` file, the service-account `credentials.json`, the console's key export.
    "credentials",
    "credentials.json",
    "credentials.csv",
    "*_accessKeys.csv",
    "*.pem",
    "*.key",
    "*.p12",
    "*.pfx",
    "*.ppk",
    "*.jks",
    "*.keystore",
    // SSH keys with their backups and copies (`id_rsa.bak`, `id_rsa.old`, `id_ed25519.pub`).
    "id_rsa*",
    "id_dsa*",
    "id_ecdsa*",
    "id_ed25519*",
    // Terraform: state holds resource secrets in plain text, variable files often hold secrets.
    ".terraform/",
    "*.tfstate",
    "*.tfstate.*",
    "*.tfvars",
    "*.tfvars.json",
    // Python environments and caches; `.pyc` files also embed source mtimes.
    ".venv/",
    "__pycache__/",
    "*.pyc",
    "*.pyo",
    ".pytest_cache/",
    ".mypy_cache/",
    ".ruff_cache/",
    ".tox/",
    ".nox/",
    ".hypothesis/",
    ".ipynb_checkpoints/",
    ".coverage",
    ".coverage.*",
    // lambda-stack's own output: packaging it would make each package depend on the previous synth.
    "cdktf.out/",
    // Editors and operating systems. Emacs lock files (`.#name`) are dangling symlinks.
    ".idea/",
    ".vscode/",
    "*.swp",
    "*.swo",
    "*~",
    ".#*",
    ".DS_Store",
    "._*",
    "Thumbs.db",
    "desktop.ini",
];

/// The compiled default and user patterns.
pub(crate) struct Excludes {
    /// Patterns that match files and directories alike.
    any: GlobSet,
    /// Patterns written with a trailing `/`.
    dirs: GlobSet,
}

/// The defaults alone, compiled once: most functions add no pattern of their own, and compiling the
/// set was a quarter of a 1,000-function synth.
pub(crate) fn defaults() -> &'static Excludes {
    static DEFAULTS: std::sync::OnceLock<Excludes> = std::sync::OnceLock::new();
    DEFAULTS.get_or_init(|| Excludes::new(&[]).expect("the default patterns compile"))
}

impl Excludes {
    /// The defaults plus `user`; an invalid user pattern is an error naming it.
    pub(crate) fn new(user: &[String]) -> Result<Self, PackageError> {
        let defaults = DEFAULT_EXCLUDES.iter().map(|pattern| (*pattern, true));
        Self::compile_all(defaults.chain(user.iter().map(|pattern| (pattern.as_str(), false))), user)
    }

    /// `patterns` alone, without the defaults: for trees an installer wrote, where a `*.pem` is a
    /// library's certificate bundle rather than a secret.
    pub(crate) fn only(patterns: &[&str]) -> Result<Self, PackageError> {
        let user: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
        Self::compile_all(patterns.iter().map(|pattern| (*pattern, false)), &user)
    }

    /// `patterns` with, for each, whether it ignores case.
    fn compile_all<'p>(patterns: impl Iterator<Item = (&'p str, bool)>, user: &[String]) -> Result<Self, PackageError> {
        let mut any = GlobSetBuilder::new();
        let mut dirs = GlobSetBuilder::new();
        for (pattern, ignore_case) in patterns {
            let (glob, dir_only) = compile(pattern, ignore_case)?;
            if dir_only {
                dirs.add(glob);
            } else {
                any.add(glob);
            }
        }
        let build = |set: GlobSetBuilder| {
            // Each glob compiled on its own above, so only the combined matcher can fail here (a
            // size limit), and no single pattern is to blame.
            set.build().map_err(|error| PackageError::InvalidExclude {
                pattern: user.join(" "),
                reason: format!("the patterns together are too complex ({error})"),
            })
        };
        Ok(Excludes { any: build(any)?, dirs: build(dirs)? })
    }

    /// `path` (relative, `/`-separated) is excluded by a pattern naming it.
    pub(crate) fn matches(&self, path: &str, is_dir: bool) -> bool {
        self.any.is_match(path) || (is_dir && self.dirs.is_match(path))
    }

    /// `name`, which is not UTF-8, in the directory `prefix` (a `/`-separated relative path, `""`
    /// for the root) is excluded by a pattern naming it. globset matches the name's bytes, so
    /// `*.pyc` covers `caf\xe9.pyc` while a literal pattern cannot name it.
    pub(crate) fn matches_name(&self, prefix: &str, name: &std::ffi::OsStr, is_dir: bool) -> bool {
        let path = join_os(prefix, name);
        self.any.is_match(&path) || (is_dir && self.dirs.is_match(&path))
    }

    /// `path` or one of the directories above it is excluded.
    pub(crate) fn covers(&self, path: &str, is_dir: bool) -> bool {
        let mut ancestors = path.match_indices('/').map(|(at, _)| &path[..at]);
        ancestors.any(|dir| self.matches(dir, true)) || self.matches(path, is_dir)
    }
}

#[cfg(unix)]
fn join_os(prefix: &str, name: &std::ffi::OsStr) -> std::path::PathBuf {
    use std::os::unix::ffi::{OsStrExt as _, OsStringExt as _};
    let mut bytes = Vec::with_capacity(prefix.len() + 1 + name.len());
    if !prefix.is_empty() {
        bytes.extend_from_slice(prefix.as_bytes());
        bytes.push(b'/');
    }
    bytes.extend_from_slice(name.as_bytes());
    std::ffi::OsString::from_vec(bytes).into()
}

#[cfg(not(unix))]
fn join_os(prefix: &str, name: &std::ffi::OsStr) -> std::path::PathBuf {
    let name = name.to_string_lossy();
    if prefix.is_empty() {
        name.into_owned().into()
    } else {
        format!("{prefix}/{name}").into()
    }
}

/// One pattern as a glob over relative paths, and whether it is for directories only.
fn compile(pattern: &str, ignore_case: bool) -> Result<(globset::Glob, bool), PackageError> {
    let invalid =
        |reason: &str| PackageError::InvalidExclude { pattern: pattern.to_string(), reason: reason.to_string() };
    let (body, dir_only) = match pattern.strip_suffix('/') {
        Some(body) => (body, true),
        None => (pattern, false),
    };
    let anchored = body.starts_with('/');
    let body = body.trim_start_matches('/');
    if body.is_empty() {
        return Err(invalid("it matches nothing"));
    }
    if body.split('/').any(|segment| segment == "..") {
        return Err(invalid("patterns are relative to the code directory and cannot use `..`"));
    }
    let glob = if anchored || body.contains('/') { body.to_string() } else { format!("**/{body}") };
    let glob = GlobBuilder::new(&glob)
        .literal_separator(true)
        .case_insensitive(ignore_case)
        .build()
        // globset's messages quote the whole glob, which here may carry our `**/` prefix.
        .map_err(|error| invalid(&error.kind().to_string()))?;
    Ok((glob, dir_only))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(patterns: &[&str]) -> Excludes {
        Excludes::new(&patterns.iter().map(|p| p.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn defaults_apply_at_any_depth() {
        let ex = user(&[]);
        assert!(ex.matches("__pycache__", true));
        assert!(ex.matches("pkg/__pycache__", true));
        assert!(!ex.matches("pkg/__pycache__", false), "`__pycache__/` is for directories");
        assert!(ex.matches("a/b/c.pyc", false));
        assert!(ex.matches(".env", false));
        assert!(ex.matches("cfg/.env.production", false));
        assert!(ex.matches(".git", false), "a worktree's `.git` file");
        assert!(ex.matches("notes.txt~", false));
        assert!(!ex.matches("environment.py", false));
        assert!(!ex.matches("pem.py", false));
        assert!(!ex.matches("envs/x.py", false));
    }

    #[test]
    fn default_secret_patterns_ignore_case_and_catch_near_misses() {
        let ex = user(&[]);
        for secret in [
            ".ENV",
            ".Env.Local",
            "cfg/.env.local",
            "prod.env",
            "ID_RSA",
            "keys/id_rsa.bak",
            "id_ed25519.pub",
            "certs/SERVER.PEM",
            "deploy.Key",
            "credentials",
            "home/.aws/credentials",
            "credentials.json",
            "AKIA_accessKeys.csv",
            "prod.tfvars",
            "terraform.TFSTATE",
        ] {
            assert!(ex.covers(secret, false), "{secret} is packaged");
        }
        for dir in [".AWS", ".Ssh", ".docker", ".KUBE"] {
            assert!(ex.matches(dir, true), "{dir}/ is packaged");
        }
        for kept in ["credentials.py", "id.py", "environment.py", "keys.py", "pem.py", "my_env.py"] {
            assert!(!ex.covers(kept, false), "{kept} is excluded");
        }
        // The user's own patterns keep the case they were written in, as `.gitignore` does.
        let own = user(&["Docs/"]);
        assert!(own.matches("Docs", true) && !own.matches("docs", true));
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_match_by_their_bytes() {
        use std::os::unix::ffi::OsStrExt as _;
        let ex = user(&["data/raw-*"]);
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.pyc");
        assert!(ex.matches_name("pkg", name, false));
        assert!(ex.matches_name("data", std::ffi::OsStr::from_bytes(b"raw-\xff"), false));
        assert!(!ex.matches_name("pkg", std::ffi::OsStr::from_bytes(b"caf\xe9.py"), false));
    }

    #[test]
    fn user_patterns_follow_gitignore() {
        let ex = user(&["*.md", "tests", "docs/*.txt", "/build/", "data/**"]);
        assert!(ex.matches("README.md", false));
        assert!(ex.matches("pkg/README.md", false), "a bare pattern applies at any depth");
        assert!(ex.matches("tests", true));
        assert!(ex.matches("pkg/tests", true));
        assert!(ex.matches("docs/a.txt", false));
        assert!(!ex.matches("docs/sub/a.txt", false), "`*` stays in one segment");
        assert!(!ex.matches("pkg/docs/a.txt", false), "a pattern with `/` is anchored");
        assert!(ex.matches("build", true));
        assert!(!ex.matches("build", false), "`/build/` is for directories");
        assert!(!ex.matches("pkg/build", true), "a leading `/` anchors");
        assert!(ex.matches("data/x/y.csv", false));
        assert!(ex.covers("tests/unit/test_a.py", false));
        assert!(!ex.covers("app/handler.py", false));
    }

    #[test]
    fn bad_patterns_are_named() {
        for bad in ["[a", "", "/", "../secrets", "{a,b"] {
            let error = Excludes::new(&[bad.to_string()]).err().expect(bad);
            let message = error.to_string();
            assert!(message.contains(&format!("`{bad}`")), "{message}");
        }
    }
}
