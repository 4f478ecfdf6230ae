//! Where the macro was called from, and paths relative to it.
//!
//! `code:` paths resolve like `include_str!`: against the directory of the file holding the
//! macro call. The expansion refers to them under `CARGO_MANIFEST_DIR` (read at expansion time:
//! it is the crate invoking the macro), so no absolute path is written into the source of the
//! expansion's output, and the project can move.

use std::path::{Component, Path, PathBuf};

/// The calling file's directory and the invoking crate's manifest directory.
pub struct CallSite {
    /// Absolute directory of the file that contains the macro call.
    pub file_dir: Option<PathBuf>,
    /// `CARGO_MANIFEST_DIR` of the crate being compiled.
    pub manifest_dir: Option<PathBuf>,
}

impl CallSite {
    /// From the compiler's name for the calling file (relative to the compiler's working directory
    /// or absolute).
    pub fn new(local_file: Option<PathBuf>) -> Self {
        let cwd = std::env::current_dir().ok();
        let file_dir = local_file.and_then(|file| {
            let absolute = match &cwd {
                Some(cwd) if file.is_relative() => cwd.join(file),
                _ => file,
            };
            absolute.parent().map(normalize)
        });
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).map(|p| normalize(&p));
        CallSite { file_dir, manifest_dir }
    }

    /// Resolves `path` (as written in the macro) against the calling file's directory.
    pub fn resolve(&self, path: &str) -> Result<PathBuf, String> {
        if Path::new(path).is_absolute() {
            return Err(format!(
                "`{path}` is an absolute path; write it relative to this file, so the project builds on other machines"
            ));
        }
        match &self.file_dir {
            Some(dir) => Ok(normalize(&dir.join(path))),
            None => Err("cannot tell which file this macro call is in, to resolve the path".into()),
        }
    }

    /// `path` relative to the manifest directory, `/`-separated, for `concat!(env!("CARGO_MANIFEST_DIR"), "/", ..)`.
    pub fn relative_to_manifest(&self, path: &Path) -> Option<String> {
        let base = self.manifest_dir.as_ref()?;
        let relative = relative_path(base, path);
        Some(relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/"))
    }
}

/// Removes `.` and folds `..` without touching the file system (the path may not exist).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to `base`, with `..` where it leaves it. Both are absolute and normalized.
pub fn relative_path(base: &Path, path: &Path) -> PathBuf {
    let base: Vec<Component> = base.components().collect();
    let target: Vec<Component> = path.components().collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for component in &target[common..] {
        out.push(component.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(relative_path(Path::new("/a/b"), Path::new("/a/b/c/d")), PathBuf::from("c/d"));
        assert_eq!(relative_path(Path::new("/a/b"), Path::new("/a/x")), PathBuf::from("../x"));
        assert_eq!(relative_path(Path::new("/a/b"), Path::new("/a/b")), PathBuf::from("."));
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }
}
