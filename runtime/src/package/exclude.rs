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
/// bare name, so it applies at any depth, and a trailing `/` means directories only.
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
    // Secrets: environment files, cloud and tool credentials, private keys, Terraform state (which
    // holds resource secrets in plain text).
    ".env",
    ".env.*",
    ".envrc",
    ".aws/",
    ".ssh/",
    ".gnupg/",
    ".netrc",
    ".git-credentials",
    ".npmrc",
    ".pypirc",
    "*.pem",
    "*.key",
    "*.p12",
    "*.pfx",
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    ".terraform/",
    "*.tfstate",
    "*.tfstate.*",
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
        Self::compile_all(DEFAULT_EXCLUDES.iter().copied().chain(user.iter().map(String::as_str)), user)
    }

    /// `patterns` alone, without the defaults: for trees an installer wrote, where a `*.pem` is a
    /// library's certificate bundle rather than a secret.
    pub(crate) fn only(patterns: &[&str]) -> Result<Self, PackageError> {
        let user: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
        Self::compile_all(patterns.iter().copied(), &user)
    }

    fn compile_all<'p>(patterns: impl Iterator<Item = &'p str>, user: &[String]) -> Result<Self, PackageError> {
        let mut any = GlobSetBuilder::new();
        let mut dirs = GlobSetBuilder::new();
        for pattern in patterns {
            let (glob, dir_only) = compile(pattern)?;
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

    /// `path` or one of the directories above it is excluded.
    pub(crate) fn covers(&self, path: &str, is_dir: bool) -> bool {
        let mut ancestors = path.match_indices('/').map(|(at, _)| &path[..at]);
        ancestors.any(|dir| self.matches(dir, true)) || self.matches(path, is_dir)
    }
}

/// One pattern as a glob over relative paths, and whether it is for directories only.
fn compile(pattern: &str) -> Result<(globset::Glob, bool), PackageError> {
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
