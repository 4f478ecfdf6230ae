//! The OS-only runtimes' executable: a file named `bootstrap` at the root of the code directory,
//! with an execute bit, which Lambda starts in place of a language runtime.
//!
//! Nothing is parsed here: the check is a directory lookup with exact letter case (Lambda's file
//! system is case-sensitive) and, on Unix, the file's mode.

use std::path::{Path, PathBuf};

use super::zip::Zip;
use super::{absolute, check_code_dir, entry, list_dir, regular_file, shown, DirEntry, Found, Tree};

/// Provided runtimes: an executable (any x bit) file named `bootstrap` at the root of code_dir.
///
/// ```
/// use lambda_stack_core::scan::bootstrap::check_bootstrap;
/// let dir = tempfile::tempdir().unwrap();
/// assert_eq!(
///     check_bootstrap(dir.path(), "functions/resize").unwrap_err(),
///     "no `bootstrap` at the root of `functions/resize`: an OS-only runtime starts the \
///      executable named `bootstrap`"
/// );
/// ```
pub fn check_bootstrap(code_dir: &Path, code_dir_display: &str) -> Result<Vec<PathBuf>, String> {
    check_code_dir(code_dir, code_dir_display)?;
    let path = code_dir.join("bootstrap");
    let display = shown(code_dir_display, "bootstrap");
    at_the_root(&list_dir(code_dir), code_dir_display, &display)?;
    // Never opened, but packaged: a FIFO, a device or a link out of the code directory would
    // fail there, so it fails here first.
    let real = regular_file(code_dir, &path, &display)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode =
            std::fs::metadata(&real).map_err(|error| format!("cannot read `{display}`: {error}"))?.permissions().mode();
        if mode & 0o111 == 0 {
            return Err(format!("`{display}` is not executable; Lambda runs it as a program: `chmod +x {display}`"));
        }
    }
    #[cfg(not(unix))]
    let _ = real;
    Ok(vec![absolute(&path)])
}

/// [`check_bootstrap`] inside a prebuilt zip: a root entry `bootstrap` whose stored Unix mode is
/// executable (a zip deploys with its own modes; the packager does not set them). Returns
/// `bootstrap`, its path inside the zip.
///
/// A zip made without Unix modes (on Windows) cannot carry the execute bit, which is said.
pub fn check_bootstrap_zip(zip: &Zip) -> Result<Vec<PathBuf>, String> {
    let display = zip.shown("bootstrap");
    at_the_root(&zip.list(""), &zip.display, &display)?;
    let not_executable = |what: String| {
        format!(
            "`{display}` is not executable ({what}); Lambda runs it as a program: `chmod +x bootstrap` before \
             zipping, with a zip that keeps Unix modes"
        )
    };
    match zip.mode("bootstrap")? {
        Some(mode) if mode & 0o170_000 != 0 && mode & 0o170_000 != 0o100_000 => {
            Err(format!("`{display}` is not a regular file; an OS-only runtime starts an executable file"))
        }
        Some(mode) if mode & 0o111 == 0 => Err(not_executable(format!("mode {:o}", mode & 0o7777))),
        Some(_) => Ok(vec![zip.tracked("bootstrap")]),
        None => Err(not_executable(format!(
            "`{}` stores no Unix file modes, as zips made on Windows do, so Lambda extracts it without the execute bit",
            zip.display
        ))),
    }
}

/// `bootstrap` is a file in the root listing `entries` of `root` (shown `display`).
fn at_the_root(entries: &[DirEntry], root: &str, display: &str) -> Result<(), String> {
    match entry(entries, "bootstrap") {
        Found::File => Ok(()),
        Found::Dir => {
            Err(format!("`{display}` is a directory; an OS-only runtime starts an executable file named `bootstrap`"))
        }
        found => {
            let mut message = format!(
                "no `bootstrap` at the root of `{root}`: an OS-only runtime starts the executable named `bootstrap`"
            );
            if let Found::OtherCase(actual) = found {
                let other = display.strip_suffix("bootstrap").unwrap_or_default();
                message.push_str(&format!("; found `{other}{actual}`, but Lambda's file system is case-sensitive"));
            }
            Err(message)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::super::tests::code;
    use super::*;

    #[test]
    fn bootstrap_must_exist_and_run() {
        let dir = code(&[]);
        assert_eq!(
            check_bootstrap(dir.path(), "functions/resize/"),
            Err("no `bootstrap` at the root of `functions/resize/`: an OS-only runtime starts the \
                 executable named `bootstrap`"
                .into())
        );
        fs::create_dir(dir.path().join("bootstrap")).unwrap();
        assert!(check_bootstrap(dir.path(), "f").unwrap_err().contains("is a directory"));
        let dir = code(&[("Bootstrap", "")]);
        assert!(check_bootstrap(dir.path(), "f")
            .unwrap_err()
            .ends_with("found `f/Bootstrap`, but Lambda's file system is case-sensitive"));
    }

    #[cfg(unix)]
    #[test]
    fn bootstrap_needs_an_execute_bit() {
        use std::os::unix::fs::PermissionsExt;
        let dir = code(&[("bootstrap", "#!/bin/sh\n")]);
        let path = dir.path().join("bootstrap");
        let set = |mode: u32| fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
        set(0o644);
        assert_eq!(
            check_bootstrap(dir.path(), "functions/resize"),
            Err("`functions/resize/bootstrap` is not executable; Lambda runs it as a program: \
                 `chmod +x functions/resize/bootstrap`"
                .into())
        );
        for mode in [0o755, 0o700, 0o654, 0o645] {
            set(mode);
            let read = check_bootstrap(dir.path(), "functions/resize").unwrap();
            assert!(read[0].is_absolute() && read[0].ends_with("bootstrap"), "{mode:o}");
        }
    }
}
