//! Packaging a function's code into a deterministic zip.
//!
//! The same files give the same bytes on any machine, whatever their mtimes, owners, creation
//! order or the number of cores, so `source_code_hash` changes only when the code does:
//!
//! * entries sorted byte-wise by archive path, `/`-separated, files only (no directory entries);
//! * one timestamp, 1980-01-01 00:00:00; host Unix; mode 0644, or 0755 for files with any
//!   execute bit and always for a root-level `bootstrap`;
//! * no extra fields, no comments, no data descriptors; Deflate level 6 (zlib-rs) for every entry.
//!
//! A directory is walked with [`DEFAULT_EXCLUDES`] and the user's `exclude:` patterns left out.
//! Symlinks are stored as the file or directory they point to when that stays inside the code
//! directory and is not excluded; any other link (escaping, broken, looping) is an error, and
//! no file outside the code directory is ever read.
//!
//! ```
//! use lambda_stack_runtime::package::{package_dir, PackageOptions};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let code = tempfile::tempdir()?;
//! let handler = "def handler(event, context):\n    return 1\n";
//! std::fs::write(code.path().join("lambda_handler.py"), handler)?;
//! std::fs::create_dir(code.path().join("__pycache__"))?;
//! std::fs::write(code.path().join("__pycache__/lambda_handler.cpython-312.pyc"), b"\x00")?;
//!
//! let package = package_dir(code.path(), &PackageOptions::default())?;
//! assert_eq!(package.files, 1);
//! assert_eq!(package.sha256_base64.len(), 44);
//! # Ok(())
//! # }
//! ```

mod archive;
pub(crate) mod build;
mod bundle;
pub(crate) mod cache;
mod deflate;
pub(crate) mod deps;
mod error;
mod exclude;
pub(crate) mod go;
mod java;
pub(crate) mod progress;
mod walk;
mod zipfile;

use std::fmt;
use std::path::Path;

pub use build::{BuildOptions, CACHE_MIN_BYTES};
pub use cache::Cache;
pub use deps::Installers;
pub use error::PackageError;
pub use exclude::DEFAULT_EXCLUDES;
pub use progress::ProgressMode;

pub(crate) use archive::{default_threads, parallel_map};
use archive::{Item, Source};

/// What to leave out beyond [`DEFAULT_EXCLUDES`]: globs relative to the code directory,
/// `/`-separated, read like `.gitignore` lines.
///
/// * without a `/`, a pattern matches a name at any depth: `*.md`, `tests` (the directory and all
///   it holds);
/// * with a `/`, it is anchored to the code directory: `tests/**`, `docs/*.txt`, `/tests`;
/// * a trailing `/` matches directories only: `tests/`;
/// * `*` and `?` stay within a segment, `**` crosses segments; `{a,b}` and `[a-z]` are globset's.
///
/// ```
/// use lambda_stack_runtime::package::{package_dir, PackageOptions};
/// let options = PackageOptions { exclude: vec!["[oops".into()] };
/// let error = package_dir(".".as_ref(), &options).unwrap_err();
/// assert!(error.to_string().starts_with("invalid exclude pattern `[oops`: "));
/// ```
#[derive(Debug, Clone, Default)]
pub struct PackageOptions {
    pub exclude: Vec<String>,
}

/// A zip written in memory, and what Terraform and the summary need to know about it.
///
/// `Debug` shows the length of `bytes`, not the bytes.
///
/// ```
/// use lambda_stack_runtime::package::{package_entries, Entry};
/// let contents = b"export const handler = async () => 1;\n".to_vec();
/// let entry = Entry { path: "index.mjs".into(), contents, executable: false };
/// let package = package_entries(vec![entry]).unwrap();
/// assert_eq!((package.files, package.unzipped_bytes), (1, 38));
/// assert_eq!(package.sha256_hex.len(), 64);
/// assert!(format!("{package:?}").contains(&format!("bytes: <{} bytes>", package.bytes.len())));
/// ```
#[derive(Clone)]
pub struct Package {
    /// The zip itself.
    pub bytes: Vec<u8>,
    /// SHA-256 of `bytes`, lowercase hex (what `sha256sum` prints; names the asset file).
    pub sha256_hex: String,
    /// base64(SHA-256 of `bytes`): Terraform's `filebase64sha256`, the `source_code_hash`, and
    /// what Lambda reports as `CodeSha256`.
    pub sha256_base64: String,
    /// The files' sizes added up, to compare with Lambda's 250 MB unzipped limit.
    pub unzipped_bytes: u64,
    /// Entries in the zip.
    pub files: usize,
}

impl fmt::Debug for Package {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Package")
            .field("bytes", &format_args!("<{} bytes>", self.bytes.len()))
            .field("sha256_hex", &self.sha256_hex)
            .field("sha256_base64", &self.sha256_base64)
            .field("unzipped_bytes", &self.unzipped_bytes)
            .field("files", &self.files)
            .finish()
    }
}

/// One file to put in a zip: archive path (`/`-separated, relative), contents, and whether it is
/// executable (mode 0755; a root-level `bootstrap` is 0755 anyway).
///
/// ```
/// use lambda_stack_runtime::package::{package_entries, Entry};
/// let entry = |path: &str| Entry { path: path.into(), contents: Vec::new(), executable: false };
/// let error = package_entries(vec![entry("../escape.py")]).unwrap_err();
/// assert!(error.to_string().starts_with("`../escape.py` cannot be a zip entry name: "));
/// ```
#[derive(Clone)]
pub struct Entry {
    pub path: String,
    pub contents: Vec<u8>,
    pub executable: bool,
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("path", &self.path)
            .field("contents", &format_args!("<{} bytes>", self.contents.len()))
            .field("executable", &self.executable)
            .finish()
    }
}

/// Packages the files under `code_dir`, less the default and `options` excludes.
///
/// Errors (see [`PackageError`]) on a missing or non-directory `code_dir`, an invalid pattern, a
/// symlink that escapes, breaks or loops, a name that cannot go in a zip, nothing left to package,
/// more than 250 MB unzipped (checked before anything is read) or more than 50 MB zipped.
///
/// ```
/// use lambda_stack_runtime::package::{package_dir, PackageOptions};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let code = tempfile::tempdir()?;
/// std::fs::create_dir_all(code.path().join("tests"))?;
/// std::fs::write(code.path().join("tests/test_app.py"), "")?;
/// std::fs::write(code.path().join("README.md"), "")?;
/// std::fs::write(code.path().join("app.py"), "")?;
///
/// let options = PackageOptions { exclude: vec!["tests".into(), "*.md".into()] };
/// assert_eq!(package_dir(code.path(), &options)?.files, 1);
/// # Ok(())
/// # }
/// ```
pub fn package_dir(code_dir: &Path, options: &PackageOptions) -> Result<Package, PackageError> {
    let own_excludes;
    let excludes = if options.exclude.is_empty() {
        exclude::defaults()
    } else {
        own_excludes = exclude::Excludes::new(&options.exclude)?;
        &own_excludes
    };
    check_code_dir(code_dir)?;
    let found = walk::walk(code_dir, excludes)?;
    if found.items.is_empty() {
        return Err(PackageError::Empty { dir: Some(code_dir.to_path_buf()), excluded: found.excluded });
    }
    // Refuse an oversized tree from its listing, before reading and compressing all of it.
    archive::check_unzipped(found.items.iter().map(|item| &*item.path).zip(found.sizes.iter().copied()))?;
    archive::write(found.items, archive::default_threads())
}

/// The code folder exists and is a folder.
pub(crate) fn check_code_dir(code_dir: &Path) -> Result<(), PackageError> {
    match std::fs::metadata(code_dir) {
        Ok(metadata) if metadata.is_dir() => Ok(()),
        Ok(_) => Err(PackageError::NotADirectory { dir: code_dir.to_path_buf() }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Err(PackageError::CodeDirMissing { dir: code_dir.to_path_buf() })
        }
        Err(source) => Err(PackageError::Io { path: code_dir.display().to_string(), source }),
    }
}

/// Packages explicit entries (a Rust `bootstrap`, generated files): sorted by path, with
/// duplicate and unsafe names (absolute, `..`, `\`, control characters) rejected.
///
/// ```
/// use lambda_stack_runtime::package::{package_entries, Entry};
/// let contents = b"\x7fELF".to_vec();
/// let bootstrap = Entry { path: "bootstrap".into(), contents, executable: false };
/// let package = package_entries(vec![bootstrap.clone()]).unwrap();
/// assert_eq!(package.bytes, package_entries(vec![bootstrap]).unwrap().bytes);
/// ```
pub fn package_entries(entries: Vec<Entry>) -> Result<Package, PackageError> {
    if entries.is_empty() {
        return Err(PackageError::Empty { dir: None, excluded: 0 });
    }
    let items = entries
        .into_iter()
        .map(|entry| Item { path: entry.path, source: Source::Memory(entry.contents), executable: entry.executable })
        .collect();
    archive::write(items, archive::default_threads())
}

/// A package with no bytes whose digest is that of `text`: the stand-in for code that is not
/// built (a Rust function's binary when `testing::Template` synthesizes).
pub(crate) fn archive_stand_in(text: &str) -> Package {
    let mut package = archive::finished(Vec::new(), 0, 0);
    let digest = cache::Sha256::digest(text.as_bytes());
    use base64::Engine as _;
    package.sha256_hex = cache::hex(&digest);
    package.sha256_base64 = base64::engine::general_purpose::STANDARD.encode(digest);
    package
}
