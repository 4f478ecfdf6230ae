//! Why a package could not be built.

use std::fmt;
use std::path::PathBuf;

use super::Package;
use crate::rules::limits::{MAX_UNZIPPED_BYTES, MAX_ZIP_BYTES};

/// Why a package could not be built.
///
/// Paths inside the code directory are shown relative to it, `/`-separated, as they would be
/// named in the zip; the code directory itself is shown as it was given.
///
/// ```
/// use lambda_stack_runtime::package::{package_dir, PackageError, PackageOptions};
/// let error = package_dir("no/such/dir".as_ref(), &PackageOptions::default()).unwrap_err();
/// assert!(matches!(error, PackageError::CodeDirMissing { .. }));
/// assert_eq!(error.to_string(), "code directory `no/such/dir` does not exist");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum PackageError {
    /// The code directory does not exist.
    CodeDirMissing { dir: PathBuf },
    /// The code path is a file (or something else) rather than a directory.
    NotADirectory { dir: PathBuf },
    /// Nothing is left to package once the excludes are applied (`dir` is `None` for
    /// [`package_entries`](super::package_entries)).
    Empty { dir: Option<PathBuf>, excluded: usize },
    /// An `exclude` pattern is not a valid glob.
    InvalidExclude { pattern: String, reason: String },
    /// A file or directory name is not UTF-8 (shown lossily), so it cannot be named in the zip.
    NonUtf8Name { path: String },
    /// A name that would be unsafe or ambiguous inside a zip.
    UnsafeName { path: String, reason: &'static str },
    /// Two entries with the same archive path.
    DuplicateEntry { path: String },
    /// A symlink whose target lies outside the code directory; `resolved` is where it leads when
    /// the written target looks inside (another link takes it out).
    SymlinkEscapes { link: String, target: PathBuf, resolved: Option<PathBuf> },
    /// A symlink whose target does not exist.
    BrokenSymlink { link: String, target: PathBuf },
    /// A symlink that leads back to itself or to a directory containing it.
    SymlinkLoop { link: String, target: PathBuf },
    /// A symlink to a directory that is already copied into the package through another symlink
    /// (`first`, its archive path there): copies of copies grow exponentially.
    SymlinkRepeats { link: String, target: PathBuf, first: String },
    /// A directory that contains itself without a symlink (a bind mount).
    DirectoryLoop { path: String },
    /// A symlink to a file or directory the excludes leave out.
    SymlinkToExcluded { link: String, target: String },
    /// A socket, FIFO or device file.
    SpecialFile { path: String },
    /// The zip is above the direct-upload limit. The package is kept, so a caller can send it
    /// through S3 instead of building it again.
    ZipTooLarge { package: Box<Package> },
    /// The files add up to more than Lambda accepts unzipped; `largest` holds the three biggest.
    UnzippedTooLarge { bytes: u64, largest: Vec<(String, u64)> },
    /// Reading from the code directory failed.
    Io { path: String, source: std::io::Error },
    /// pip found no wheel of a requirement for the function's Python version and architecture.
    NoWheel { requirement: String, runtime: String, arch: &'static str, platforms: String, detail: String },
    /// Installing the dependencies failed (`installer` is `pip` or `npm`).
    Install { installer: &'static str, message: String },
    /// The function's `build:` tool (`go`) could not be run, or failed.
    Build { tool: &'static str, message: String },
    /// A file of the code folder is also a file the dependencies install.
    DependencyClash { path: String, installer: &'static str, manifest: &'static str },
    /// A prebuilt zip (`code: "dist/app.zip"`) that cannot be deployed as it is: the core
    /// checker's message (not a zip, a name that extracts elsewhere, empty, too big unzipped).
    Prebuilt { message: String },
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use PackageError::*;
        match self {
            CodeDirMissing { dir } => {
                write!(f, "code directory `{}` does not exist", dir.display())
            }
            NotADirectory { dir } => {
                write!(f, "code path `{}` is not a directory", dir.display())
            }
            Empty { dir, excluded } => {
                match dir {
                    Some(dir) => write!(f, "nothing to package in `{}`", dir.display())?,
                    None => write!(f, "nothing to package: no entries were given")?,
                }
                match excluded {
                    0 => Ok(()),
                    1 => write!(f, " (1 file or directory was excluded)"),
                    n => write!(f, " ({n} files or directories were excluded)"),
                }
            }
            InvalidExclude { pattern, reason } => {
                write!(f, "invalid exclude pattern `{}`: {reason}", shown(pattern))
            }
            NonUtf8Name { path } => {
                write!(f, "`{}` has a name that is not UTF-8; zip entry names must be UTF-8, so rename it", shown(path))
            }
            UnsafeName { path, reason } => {
                write!(f, "`{}` cannot be a zip entry name: {reason}", shown(path))
            }
            DuplicateEntry { path } => write!(f, "`{}` appears twice in the package", shown(path)),
            SymlinkEscapes { link, target, resolved } => {
                write!(f, "symlink `{}` points to `{}`, ", shown(link), shown(&target.to_string_lossy()))?;
                if let Some(resolved) = resolved {
                    write!(f, "which leads to `{}`, ", shown(&resolved.to_string_lossy()))?;
                }
                write!(f, "outside the code directory; replace it with a copy or exclude it")
            }
            BrokenSymlink { link, target } => write!(
                f,
                "symlink `{}` points to `{}`, which does not exist",
                shown(link),
                shown(&target.to_string_lossy())
            ),
            SymlinkLoop { link, target } => write!(
                f,
                "symlink `{}` points to `{}`, which leads back to itself",
                shown(link),
                shown(&target.to_string_lossy())
            ),
            SymlinkRepeats { link, target, first } => write!(
                f,
                "symlink `{}` points to `{}`, whose files are already packaged through `{}`; a \
                 directory is copied into a package through symlinks at most once: replace the link \
                 with a copy or exclude it",
                shown(link),
                shown(&target.to_string_lossy()),
                shown(first)
            ),
            DirectoryLoop { path } => {
                write!(f, "`{}` is a directory that contains itself (a bind mount?); exclude it", shown(path))
            }
            SymlinkToExcluded { link, target } => write!(
                f,
                "symlink `{}` points to `{}`, which is excluded; exclude the link too or stop \
                 excluding its target",
                shown(link),
                shown(target)
            ),
            SpecialFile { path } => {
                write!(f, "`{}` is a socket, FIFO or device, which cannot be packaged; exclude it", shown(path))
            }
            ZipTooLarge { package } => write!(
                f,
                "the package is {} zipped ({} bytes), above the {} limit for a direct upload \
                 ({MAX_ZIP_BYTES} bytes); declare `assets: BUCKET` on the stack, naming one of its \
                 buckets, to upload it through S3",
                megabytes(package.bytes.len() as u64),
                package.bytes.len(),
                megabytes(MAX_ZIP_BYTES)
            ),
            UnzippedTooLarge { bytes, largest } => {
                write!(
                    f,
                    "the package is {} unzipped ({bytes} bytes), above Lambda's limit of {} \
                     ({MAX_UNZIPPED_BYTES} bytes) for a function and its layers",
                    megabytes(*bytes),
                    megabytes(MAX_UNZIPPED_BYTES)
                )?;
                let mut separator = "; the largest files are ";
                for (path, size) in largest {
                    write!(f, "{separator}`{}` ({})", shown(path), megabytes(*size))?;
                    separator = ", ";
                }
                Ok(())
            }
            Io { path, source } => write!(f, "cannot read `{}`: {source}", shown(path)),
            NoWheel { requirement, runtime, arch, platforms, detail } => write!(
                f,
                "no wheel of `{requirement}` for {runtime} on {arch} ({platforms}): the package publishes \
                 none pip can install for Lambda (pip: {detail}); pin a version that ships manylinux \
                 wheels for this Python and architecture, or build the wheel yourself"
            ),
            Install { installer, message } => write!(f, "installing dependencies with {installer}: {message}"),
            Build { tool, message } => write!(f, "building with {tool}: {message}"),
            DependencyClash { path, installer, manifest } => write!(
                f,
                "`{}` is both a file of the code folder and one that {installer} installs from \
                 `{manifest}`; remove one of them",
                shown(path)
            ),
            Prebuilt { message } => f.write_str(message),
        }
    }
}

impl std::error::Error for PackageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PackageError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Sizes the way AWS writes its limits: "50 MB" is 50 × 2²⁰ bytes.
pub(crate) fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1_048_576.0;
    if bytes.is_multiple_of(1_048_576) {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

/// A name as it can be printed on one line: control characters escaped, nothing else touched.
pub(crate) fn shown(name: &str) -> String {
    name.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_aws_limits() {
        assert_eq!(megabytes(MAX_ZIP_BYTES), "50 MB");
        assert_eq!(megabytes(MAX_UNZIPPED_BYTES), "250 MB");
        assert_eq!(megabytes(MAX_ZIP_BYTES + 1), "50.0 MB");
        assert_eq!(megabytes(1_572_864), "1.5 MB");
    }

    #[test]
    fn names_with_control_characters_stay_on_one_line() {
        assert_eq!(shown("a\nb\u{7}"), "a\\nb\\u{7}");
        assert_eq!(shown("dé/jà.py"), "dé/jà.py");
    }
}
