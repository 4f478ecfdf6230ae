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
use std::io::Read as _;
use std::path::{Path, PathBuf};

pub mod bootstrap;
pub mod go;
pub mod java;
pub mod node;
pub mod python;
pub mod terraform;
pub mod zip;

/// Where a scanner looks for the file a handler names: a code directory on disk, or the entries
/// of a prebuilt zip ([`zip::Zip`]). Paths are relative, `/`-separated, `""` for the root.
pub(crate) trait Tree {
    /// The names in directory `dir`.
    fn list(&self, dir: &str) -> Vec<DirEntry>;
    /// The text of the handler module at `relative`, at most [`MAX_SOURCE_BYTES`] of it.
    fn read(&self, relative: &str) -> Result<String, String>;
    /// `relative` as the user would write it (`functions/hello/app.py`, `dist/app.zip/app.py`).
    fn shown(&self, relative: &str) -> String;
    /// What a scanner returns for the file at `relative`: for a directory the file itself (cargo
    /// rebuilds the stack when it changes), for a zip the entry's path inside it.
    fn tracked(&self, relative: &str) -> PathBuf;
}

/// A code directory on disk, as a [`Tree`].
pub(crate) struct CodeDir<'a> {
    pub(crate) dir: &'a Path,
    pub(crate) display: &'a str,
}

impl Tree for CodeDir<'_> {
    fn list(&self, dir: &str) -> Vec<DirEntry> {
        list_dir(&self.dir.join(dir))
    }

    fn read(&self, relative: &str) -> Result<String, String> {
        read_source(self.dir, &self.dir.join(relative), &self.shown(relative))
    }

    fn shown(&self, relative: &str) -> String {
        shown(self.display, relative)
    }

    fn tracked(&self, relative: &str) -> PathBuf {
        absolute(&self.dir.join(relative))
    }
}

/// An environment variable a handler module reads with no default, and the line of its first
/// such read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvRead {
    pub name: String,
    pub line: usize,
}

/// The environment variables the handler module at `module` (a file a scanner found) reads with
/// no default, for the Python and Node.js families; nothing for the others, or when the file
/// cannot be read again.
pub fn handler_env_reads(family: crate::rules::runtimes::Family, module: &Path) -> Vec<EnvRead> {
    use crate::rules::runtimes::Family;
    let scanner: fn(&str) -> Vec<EnvRead> = match family {
        Family::Python => python::env_reads_without_default,
        Family::Node => node::env_reads_without_default,
        _ => return Vec::new(),
    };
    let Ok(file) = fs::File::open(module) else { return Vec::new() };
    let mut bytes = Vec::new();
    if file.take(MAX_SOURCE_BYTES).read_to_end(&mut bytes).is_err() {
        return Vec::new();
    }
    scanner(&String::from_utf8_lossy(&bytes))
}

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

/// The most of a handler module read at compile time. Handler modules are source files, and even
/// a bundled one is a few MiB; the bound keeps a stray multi-gigabyte file (or one that never
/// ends) from making the compiler read it all into memory. The scanners read about 1 MB/s in a
/// debug proc-macro (10 MB/s optimized), so the bound also caps the time at some seconds.
pub const MAX_SOURCE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads the handler module at `path` (found in `code_dir`): see [`regular_file`] for what it must
/// be, and at most [`MAX_SOURCE_BYTES`] of it.
fn read_source(code_dir: &Path, path: &Path, display: &str) -> Result<String, String> {
    let file = regular_file(code_dir, path, display)?;
    let cannot_read = |error: std::io::Error| format!("cannot read `{display}`: {error}");
    let mut options = fs::OpenOptions::new();
    options.read(true);
    // Between the check above and this open the file could be swapped for a FIFO, whose `open`
    // would wait for a writer forever; non-blocking, it returns at once and the `fstat` below
    // refuses it. On a regular file the flag changes nothing.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, O_NONBLOCK);
    let opened = options.open(&file).map_err(cannot_read)?;
    let metadata = opened.metadata().map_err(cannot_read)?;
    if !metadata.is_file() {
        return Err(not_a_file(display, &metadata.file_type()));
    }
    too_big(display, metadata.len())?;
    // Room for the whole file and the read that finds its end: `read_to_end` into an empty
    // buffer probes with reads of 32 bytes and up, five system calls for a small module.
    let mut bytes = Vec::with_capacity(metadata.len() as usize + 1);
    // The file may grow after the `fstat`: the bound holds for what is read, not what was stat'ed.
    opened.take(MAX_SOURCE_BYTES + 1).read_to_end(&mut bytes).map_err(cannot_read)?;
    too_big(display, bytes.len() as u64)?;
    // Both languages default to UTF-8; a stray byte should not hide the definitions around it.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn too_big(display: &str, len: u64) -> Result<(), String> {
    if len <= MAX_SOURCE_BYTES {
        return Ok(());
    }
    let shown_len = if len > MAX_SOURCE_BYTES + 1 {
        format!("{} MiB", len.div_ceil(1024 * 1024))
    } else {
        format!("over {} MiB", MAX_SOURCE_BYTES / (1024 * 1024))
    };
    Err(format!(
        "`{display}` is {shown_len}; lambda-stack reads at most {} MiB of a handler module to check the \
         handler, so keep the handler in a smaller module that imports the rest",
        MAX_SOURCE_BYTES / (1024 * 1024)
    ))
}

/// `path` (found in `code_dir`) is a regular file whose real location is inside the code directory,
/// the one tree that is packaged: a symlink out of it, to a FIFO or to a device (`/dev/zero`) is
/// refused before anything is opened. Returns a path to the file with no symlink left under the
/// code directory (the real path when it had to be resolved).
fn regular_file(code_dir: &Path, path: &Path, display: &str) -> Result<PathBuf, String> {
    let cannot_read = |error: std::io::Error| format!("cannot read `{display}`: {error}");
    if let Some(metadata) = plainly_inside(code_dir, path) {
        if !metadata.is_file() {
            return Err(not_a_file(display, &metadata.file_type()));
        }
        return Ok(path.to_path_buf());
    }
    let root = fs::canonicalize(code_dir).map_err(cannot_read)?;
    let real = fs::canonicalize(path).map_err(cannot_read)?;
    if !real.starts_with(&root) {
        let how = match fs::read_link(path) {
            Ok(target) => format!("is a symlink to `{}`", target.display()),
            Err(_) => "leads through a symlink".to_string(),
        };
        return Err(format!(
            "`{display}` {how}, outside the code directory; Lambda gets only what is inside it, so \
             replace the link with a copy of the file"
        ));
    }
    // Not followed: `real` has no symlink left, so this is the file itself.
    let metadata = fs::symlink_metadata(&real).map_err(cannot_read)?;
    if !metadata.is_file() {
        return Err(not_a_file(display, &metadata.file_type()));
    }
    Ok(real)
}

/// When `path` is `code_dir` followed by plain names none of which is a symlink, it lies inside
/// the code directory wherever that directory really is, and this is its own metadata (not
/// followed). Checking the few names under the code directory costs one `lstat` each, where
/// canonicalizing both paths reads every link of the whole path, twice: the bulk of a synth's
/// system time on a stack of thousands of functions. `None` when that cannot be told so simply
/// (a symlink, `..`, a path not under `code_dir`): the caller canonicalizes.
fn plainly_inside(code_dir: &Path, path: &Path) -> Option<fs::Metadata> {
    use std::path::Component;
    let relative = path.strip_prefix(code_dir).ok()?;
    let mut walked = code_dir.to_path_buf();
    let mut metadata = None;
    for component in relative.components() {
        let Component::Normal(name) = component else { return None };
        walked.push(name);
        let found = fs::symlink_metadata(&walked).ok()?;
        if found.file_type().is_symlink() {
            return None;
        }
        metadata = Some(found);
    }
    metadata
}

fn not_a_file(display: &str, kind: &fs::FileType) -> String {
    let what = if kind.is_dir() { "a directory" } else { special_kind(kind) };
    format!(
        "`{display}` is {what}, not a regular file; Lambda loads the handler from a file, and cannot package {what}"
    )
}

#[cfg(unix)]
fn special_kind(kind: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::FileType) -> &'static str {
    "a special file"
}

// `O_NONBLOCK`, which std does not export (this crate has no `libc`).
#[cfg(all(any(target_os = "linux", target_os = "android"), any(target_arch = "mips", target_arch = "mips64")))]
const O_NONBLOCK: i32 = 0o200;
#[cfg(all(any(target_os = "linux", target_os = "android"), any(target_arch = "sparc", target_arch = "sparc64")))]
const O_NONBLOCK: i32 = 0x4000;
#[cfg(all(
    any(target_os = "linux", target_os = "android"),
    not(any(target_arch = "mips", target_arch = "mips64", target_arch = "sparc", target_arch = "sparc64"))
))]
const O_NONBLOCK: i32 = 0o4000;
#[cfg(any(
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd",
    target_os = "dragonfly"
))]
const O_NONBLOCK: i32 = 0x0004;
// Elsewhere no flag: the `stat` before the open and the `fstat` after it still refuse a FIFO.
#[cfg(all(
    unix,
    not(any(
        target_os = "linux",
        target_os = "android",
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    ))
))]
const O_NONBLOCK: i32 = 0;

pub(crate) struct DirEntry {
    pub(crate) name: String,
    pub(crate) is_dir: bool,
}

fn list_dir(dir: &Path) -> Vec<DirEntry> {
    let Ok(read) = fs::read_dir(dir) else { return Vec::new() };
    read.filter_map(Result::ok)
        .map(|entry| {
            // The listing's own file type where it is final (no `stat` per entry); a symlink is
            // followed, as the runtime's `open` would.
            let is_dir = match entry.file_type() {
                Ok(kind) if !kind.is_symlink() => kind.is_dir(),
                _ => fs::metadata(entry.path()).is_ok_and(|meta| meta.is_dir()),
            };
            DirEntry { name: entry.file_name().to_string_lossy().into_owned(), is_dir }
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

    /// Runs `check` on another thread: a read that blocks (a FIFO with no writer) fails the test
    /// after a few seconds instead of hanging it.
    fn at_once(check: impl FnOnce() -> Result<Vec<PathBuf>, String> + Send + 'static) -> Result<Vec<PathBuf>, String> {
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let start = std::time::Instant::now();
            let result = check();
            let _ = send.send((result, start.elapsed()));
        });
        let (result, took) =
            receive.recv_timeout(std::time::Duration::from_secs(10)).expect("the scanner hung on a special file");
        assert!(took < std::time::Duration::from_secs(2), "took {took:?}");
        result
    }

    /// A FIFO at `path`, made with `mkfifo` (std cannot); `None` (and a `SKIPPED` line) without it.
    #[cfg(unix)]
    fn fifo(path: &Path) -> Option<()> {
        match std::process::Command::new("mkfifo").arg(path).status() {
            Ok(status) if status.success() => Some(()),
            other => {
                assert!(std::env::var_os("CI").is_none(), "mkfifo is needed in CI: {other:?}");
                eprintln!("SKIPPED: `mkfifo` failed or is missing ({other:?}); the FIFO cases did not run");
                None
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_handler_module_is_refused_at_once() {
        let dir = code(&[]);
        let Some(()) = fifo(&dir.path().join("app.py")) else { return };
        let root = dir.path().to_path_buf();
        assert_eq!(
            at_once(move || python::check_python(&root, "functions/hello", "app.handler")),
            Err("`functions/hello/app.py` is a FIFO, not a regular file; Lambda loads the handler from a \
                 file, and cannot package a FIFO"
                .into())
        );
        fs::create_dir(dir.path().join("pkg")).unwrap();
        fifo(&dir.path().join("pkg/__init__.py")).unwrap();
        fifo(&dir.path().join("index.js")).unwrap();
        let root = dir.path().to_path_buf();
        let error = at_once(move || python::check_python(&root, "f", "pkg.handler")).unwrap_err();
        assert!(error.starts_with("`f/pkg/__init__.py` is a FIFO"), "{error}");
        let root = dir.path().to_path_buf();
        let error = at_once(move || node::check_node(&root, "f", "index.handler")).unwrap_err();
        assert!(error.starts_with("`f/index.js` is a FIFO"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_bootstrap_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = code(&[]);
        let path = dir.path().join("bootstrap");
        let Some(()) = fifo(&path) else { return };
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
        let error = bootstrap::check_bootstrap(dir.path(), "f").unwrap_err();
        assert!(error.starts_with("`f/bootstrap` is a FIFO, not a regular file"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_device_is_refused_at_once() {
        let dir = code(&[]);
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("app.py")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("index.mjs")).unwrap();
        let root = dir.path().to_path_buf();
        assert_eq!(
            at_once(move || python::check_python(&root, "functions/hello", "app.handler")),
            Err("`functions/hello/app.py` is a symlink to `/dev/zero`, outside the code directory; \
                 Lambda gets only what is inside it, so replace the link with a copy of the file"
                .into())
        );
        let root = dir.path().to_path_buf();
        let error = at_once(move || node::check_node(&root, "f", "index.handler")).unwrap_err();
        assert!(error.starts_with("`f/index.mjs` is a symlink to `/dev/zero`"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_inside_the_code_directory_is_refused() {
        // A link that stays inside the tree and ends at a device, as a bind mount or a copied
        // `/dev` entry would: the file itself is checked, not only where it lies.
        let Ok(null) = fs::metadata("/dev/null") else {
            eprintln!("SKIPPED: no /dev/null");
            return;
        };
        assert!(!null.is_file());
        let error = not_a_file("f/app.py", &null.file_type());
        assert_eq!(
            error,
            "`f/app.py` is a device, not a regular file; Lambda loads the handler from a file, and cannot package a device"
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_must_stay_inside_the_code_directory() {
        let outside = code(&[("app.py", "def handler(event, context):\n    pass\n"), ("pkg/__init__.py", "")]);
        let dir = code(&[("real.py", "def handler(event, context):\n    pass\n")]);
        let link = |target: &Path, name: &str| std::os::unix::fs::symlink(target, dir.path().join(name)).unwrap();
        link(&outside.path().join("app.py"), "app.py");
        link(&outside.path().join("pkg"), "pkg");
        link(Path::new("real.py"), "alias.py");
        let error = python::check_python(dir.path(), "f", "app.handler").unwrap_err();
        assert!(error.starts_with("`f/app.py` is a symlink to `/"), "{error}");
        assert!(error.contains("outside the code directory"), "{error}");
        assert_eq!(
            python::check_python(dir.path(), "f", "pkg.handler").unwrap_err(),
            "`f/pkg/__init__.py` leads through a symlink, outside the code directory; Lambda gets only \
             what is inside it, so replace the link with a copy of the file"
        );
        // A link inside the tree is packaged as its target, so the handler is found through it.
        assert!(python::check_python(dir.path(), "f", "alias.handler").is_ok());
        assert!(python::check_python(dir.path(), "f", "real.handler").is_ok());
    }

    #[test]
    fn a_huge_module_is_refused_before_it_is_read() {
        let dir = code(&[]);
        // Sparse: no byte is written, so only a read of the whole file would take time.
        let file = fs::File::create(dir.path().join("app.py")).unwrap();
        file.set_len(300 * 1024 * 1024).unwrap();
        let root = dir.path().to_path_buf();
        assert_eq!(
            at_once(move || python::check_python(&root, "functions/hello", "app.handler")),
            Err("`functions/hello/app.py` is 300 MiB; lambda-stack reads at most 8 MiB of a handler \
                 module to check the handler, so keep the handler in a smaller module that imports the rest"
                .into())
        );
        // The bound itself, without scanning 8 MiB in a debug test: a file that grew past it
        // after its size was read shows as "over".
        assert_eq!(too_big("f/app.py", MAX_SOURCE_BYTES), Ok(()));
        assert!(too_big("f/app.py", MAX_SOURCE_BYTES + 1).unwrap_err().starts_with("`f/app.py` is over 8 MiB;"));
        file.set_len(10).unwrap();
        let error = python::check_python(dir.path(), "f", "app.handler").unwrap_err();
        assert!(error.starts_with("`app.py` defines no top-level function `handler`"), "{error}");
    }

    #[test]
    fn displayed_paths() {
        assert_eq!(shown("functions/hello", "app.py"), "functions/hello/app.py");
        assert_eq!(shown("functions/hello/", "app.py"), "functions/hello/app.py");
        assert_eq!(shown(".", "app.py"), "app.py");
        assert_eq!(shown("", "app.py"), "app.py");
    }
}
