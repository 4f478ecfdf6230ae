//! Readers of user code: whether the file a handler names exists in the function's code
//! directory, and defines the name at its top level.
//!
//! The macro runs them at compile time, the builders at synth. They are hand-written on purpose: a
//! real Python or JavaScript parser would enter the proc-macro's dependency graph (this crate is
//! std only, and compiles for every user's build), and the need is narrow: find a top-level
//! binding. Each scanner reads a file the way the language's tokenizer does only as far as needed
//! to tell a top-level definition from one in a string or a comment, never runs the code, and
//! gives up (accepting the handler) where a definition cannot be known without running it: `from x
//! import *`, `export * from`, `module.exports = require(..)`.
//!
//! [`python`] and [`node`] read source files, [`bootstrap`] checks the executable of the OS-only
//! runtimes; this module holds what they share: the code directory, directory listings with an
//! exact-case lookup (Lambda's file system is case-sensitive, the user's may not be), and paths as
//! the user writes them.

use std::fs;
use std::path::{Path, PathBuf};

pub mod bootstrap;
pub mod node;
pub mod python;

fn check_code_dir(code_dir: &Path, code_dir_display: &str) -> Result<(), String> {
    if code_dir.is_dir() {
        Ok(())
    } else {
        Err(format!("code directory `{code_dir_display}` not found"))
    }
}

/// `display/relative`, as the user would write it.
fn shown(code_dir_display: &str, relative: &str) -> String {
    let base = code_dir_display.trim_end_matches('/');
    if base.is_empty() || base == "." {
        relative.to_string()
    } else {
        format!("{base}/{relative}")
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn read_source(path: &Path, display: &str) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|error| format!("cannot read `{display}`: {error}"))?;
    // Both languages default to UTF-8; a stray byte should not hide the definitions around it.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

struct DirEntry {
    name: String,
    is_dir: bool,
}

fn list_dir(dir: &Path) -> Vec<DirEntry> {
    let Ok(read) = fs::read_dir(dir) else { return Vec::new() };
    read.filter_map(Result::ok)
        .map(|entry| DirEntry {
            name: entry.file_name().to_string_lossy().into_owned(),
            // `fs::metadata` follows symlinks, as the runtime's `open` would.
            is_dir: fs::metadata(entry.path()).is_ok_and(|meta| meta.is_dir()),
        })
        .collect()
}

enum Found {
    File,
    Dir,
    /// Only a name differing in letter case exists: found on macOS or Windows, not on Lambda.
    OtherCase(String),
    Missing,
}

/// `name` in a directory listing, matched case-sensitively whatever the local file system does.
fn entry(entries: &[DirEntry], name: &str) -> Found {
    if let Some(found) = entries.iter().find(|e| e.name == name) {
        return if found.is_dir { Found::Dir } else { Found::File };
    }
    match entries.iter().find(|e| e.name.eq_ignore_ascii_case(name)) {
        Some(other) => Found::OtherCase(other.name.clone()),
        None => Found::Missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A temporary code directory holding `files` (relative path, text).
    pub(super) fn code(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn displayed_paths() {
        assert_eq!(shown("functions/hello", "app.py"), "functions/hello/app.py");
        assert_eq!(shown("functions/hello/", "app.py"), "functions/hello/app.py");
        assert_eq!(shown(".", "app.py"), "app.py");
        assert_eq!(shown("", "app.py"), "app.py");
    }
}
