//! Walking a code directory: excludes, symlinks, names.
//!
//! The walk reads metadata only, and its work is bounded by the tree on disk: a directory is
//! known by its (device, inode), so a link or bind mount back to an enclosing directory is a loop,
//! and a directory is copied into the package through symlinks at most once. Without that, a
//! folder where each level holds two links to the next one packages 2^depth copies.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::archive::{Item, Source};
use super::exclude::Excludes;
use super::PackageError;

/// The files of a code directory, and how many files and directories the excludes left out.
pub(crate) struct Found {
    pub(crate) items: Vec<Item>,
    /// Sizes as the directory listed them, to refuse an oversized tree before reading it.
    pub(crate) sizes: Vec<u64>,
    pub(crate) excluded: usize,
}

/// Walks `dir` (already checked to be a directory).
pub(crate) fn walk(dir: &Path, excludes: &Excludes) -> Result<Found, PackageError> {
    let root_id = fs::metadata(dir)
        .map(|metadata| dir_id(&metadata))
        .map_err(|source| PackageError::Io { path: dir.display().to_string(), source })?;
    let mut walk = Walk {
        code_dir: dir.to_path_buf(),
        root: None,
        excludes,
        found: Found { items: Vec::new(), sizes: Vec::new(), excluded: 0 },
        open: vec![root_id],
        linked: HashMap::new(),
        links: Vec::new(),
    };
    walk.dir(dir, "")?;
    Ok(walk.found)
}

struct Walk<'a> {
    /// The code directory as given: the walk starts there.
    code_dir: PathBuf,
    /// The code directory, canonical: every symlink target must stay under it. Resolved at the
    /// first symlink, since resolving reads every link of the whole path and most code
    /// directories have no symlink at all.
    root: Option<PathBuf>,
    excludes: &'a Excludes,
    found: Found,
    /// The directories being walked, outermost first; a link back to one of them is a loop.
    open: Vec<DirId>,
    /// Directories already copied through a symlink, with the archive path of that copy.
    linked: HashMap<DirId, String>,
    /// The symlinks (and their targets) through which the directories being walked were entered.
    links: Vec<(String, PathBuf)>,
}

/// A directory as the file system knows it, whatever the path that reaches it.
type DirId = (u64, u64);

#[cfg(unix)]
fn dir_id(metadata: &fs::Metadata) -> DirId {
    use std::os::unix::fs::MetadataExt as _;
    (metadata.dev(), metadata.ino())
}

#[cfg(not(unix))]
fn dir_id(_: &fs::Metadata) -> DirId {
    // No inode to tell directories apart: the canonical-path checks of `link` still apply.
    (0, 0)
}

impl Walk<'_> {
    /// The canonical code directory (see [`Walk::root`]).
    fn root(&mut self) -> Result<PathBuf, PackageError> {
        if let Some(root) = &self.root {
            return Ok(root.clone());
        }
        let root = fs::canonicalize(&self.code_dir)
            .map_err(|source| PackageError::Io { path: self.code_dir.display().to_string(), source })?;
        self.root = Some(root.clone());
        Ok(root)
    }

    /// Walks `real` (the code directory as given, or a canonical directory reached through a
    /// symlink) whose archive path is `prefix` (`""` for the root).
    fn dir(&mut self, real: &Path, prefix: &str) -> Result<(), PackageError> {
        let io_error = |source| PackageError::Io { path: shown_dir(prefix), source };
        let mut entries =
            fs::read_dir(real).and_then(|entries| entries.collect::<io::Result<Vec<_>>>()).map_err(io_error)?;
        // Listing order is up to the file system; sorting makes the first error reported stable.
        entries.sort_by_key(fs::DirEntry::file_name);
        for entry in entries {
            let name = entry.file_name();
            let disk = real.join(&name);
            let Some(utf8) = name.to_str() else {
                // A name the zip cannot hold is only an error if it was to be packaged.
                let kind = entry.file_type().ok();
                let is_dir = kind.is_some_and(|k| k.is_dir()) || fs::metadata(&disk).is_ok_and(|m| m.is_dir());
                if self.excludes.matches_name(prefix, &name, is_dir) {
                    self.found.excluded += 1;
                    continue;
                }
                return Err(PackageError::NonUtf8Name { path: join(prefix, &name.to_string_lossy()) });
            };
            let path = join(prefix, utf8);
            let kind = entry.file_type().map_err(|source| PackageError::Io { path: path.clone(), source })?;
            if kind.is_symlink() {
                self.link(&disk, path)?;
            } else if kind.is_dir() {
                if self.exclude(&path, true) {
                    continue;
                }
                let metadata = entry.metadata().map_err(|source| PackageError::Io { path: path.clone(), source })?;
                self.enter(&disk, &path, dir_id(&metadata), None)?;
            } else if kind.is_file() {
                if self.exclude(&path, false) {
                    continue;
                }
                let metadata = entry.metadata().map_err(|source| PackageError::Io { path: path.clone(), source })?;
                self.file(disk, path, &metadata);
            } else if !self.exclude(&path, false) {
                return Err(PackageError::SpecialFile { path });
            }
        }
        Ok(())
    }

    /// A symlink is packaged as what it points to, as long as that stays inside the code
    /// directory and is not excluded.
    fn link(&mut self, disk: &Path, path: String) -> Result<(), PackageError> {
        // Whether a directory-only pattern applies depends on the target. A broken or escaping
        // link that the excludes cover is just left out (`.venv -> /opt/venv`, Emacs' `.#file`),
        // and a broken one may have been meant for a directory.
        let target_is_dir = fs::metadata(disk).map_or(true, |m| m.is_dir());
        if self.exclude(&path, target_is_dir) {
            return Ok(());
        }
        let target = fs::read_link(disk).map_err(|source| PackageError::Io { path: path.clone(), source })?;
        let resolved = match fs::canonicalize(disk) {
            Ok(resolved) => resolved,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Err(PackageError::BrokenSymlink { link: path, target })
            }
            Err(error) if is_loop(&error) => return Err(PackageError::SymlinkLoop { link: path, target }),
            Err(source) => return Err(PackageError::Io { path, source }),
        };
        let root = self.root()?;
        let Ok(inside) = resolved.strip_prefix(&root) else {
            // When the written target looks inside, another link leads out: show where to.
            // Outside any link the walk is under the code directory as given, inside one under
            // the canonical target.
            let walked_from = if self.links.is_empty() { &self.code_dir } else { &root };
            let here = disk.parent().and_then(|dir| dir.strip_prefix(walked_from).ok());
            let chained = here.is_some_and(|here| lexically_inside(here, &target));
            return Err(PackageError::SymlinkEscapes { link: path, target, resolved: chained.then_some(resolved) });
        };
        // Only matched against the excludes, where a non-UTF-8 name can match nothing but `*`.
        let inside = inside.to_string_lossy().replace(std::path::MAIN_SEPARATOR, "/");
        let metadata = fs::metadata(&resolved).map_err(|source| PackageError::Io { path: path.clone(), source })?;
        if self.excludes.covers(&inside, metadata.is_dir()) {
            return Err(PackageError::SymlinkToExcluded { link: path, target: inside });
        }
        if metadata.is_dir() {
            self.enter(&resolved, &path.clone(), dir_id(&metadata), Some((path, target)))?;
        } else if metadata.is_file() {
            self.file(resolved, path, &metadata);
        } else {
            return Err(PackageError::SpecialFile { path });
        }
        Ok(())
    }

    /// Walks the directory `disk`, known as `id`, as `path`; `link` is the symlink (and its
    /// target) it is reached through, if it is one.
    fn enter(
        &mut self,
        disk: &Path,
        path: &str,
        id: DirId,
        link: Option<(String, PathBuf)>,
    ) -> Result<(), PackageError> {
        let known = cfg!(unix);
        if known && self.open.contains(&id) {
            return Err(match link {
                Some((link, target)) => PackageError::SymlinkLoop { link, target },
                // Only a bind mount shows a directory inside itself without a link.
                None => PackageError::DirectoryLoop { path: path.to_string() },
            });
        }
        let entered_by_link = link.is_some();
        if known && (entered_by_link || !self.links.is_empty()) {
            if let Some(first) = self.linked.get(&id) {
                // A plain directory inside a copied one: the copy is the enclosing link's doing.
                let (link, target) = link.or_else(|| self.links.last().cloned()).expect("inside a link");
                return Err(PackageError::SymlinkRepeats { link, target, first: first.clone() });
            }
            self.linked.insert(id, path.to_string());
        }
        self.open.push(id);
        if let Some(link) = link {
            self.links.push(link);
        }
        let walked = self.dir(disk, path);
        if entered_by_link {
            self.links.pop();
        }
        self.open.pop();
        walked
    }

    fn file(&mut self, disk: PathBuf, path: String, metadata: &fs::Metadata) {
        self.found.sizes.push(metadata.len());
        self.found.items.push(Item { path, source: Source::Disk(disk), executable: executable(metadata) });
    }

    fn exclude(&mut self, path: &str, is_dir: bool) -> bool {
        let excluded = self.excludes.matches(path, is_dir);
        self.found.excluded += usize::from(excluded);
        excluded
    }
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}/{name}")
    }
}

fn shown_dir(prefix: &str) -> String {
    if prefix.is_empty() {
        ".".to_string()
    } else {
        prefix.to_string()
    }
}

/// `target`, written in a link in `dir` (relative to the code directory), stays inside it by its
/// text alone.
fn lexically_inside(dir: &Path, target: &Path) -> bool {
    let mut depth = dir.components().count();
    for component in target.components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => match depth.checked_sub(1) {
                Some(up) => depth = up,
                None => return false,
            },
            Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    true
}

/// Any execute bit: the file was meant to be run, so it gets 0755 in the zip.
#[cfg(unix)]
fn executable(metadata: &fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    metadata.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn executable(_: &fs::Metadata) -> bool {
    false
}

/// `ELOOP`: `io::ErrorKind::FilesystemLoop` is not stable yet.
fn is_loop(error: &io::Error) -> bool {
    let eloop = if cfg!(any(target_os = "linux", target_os = "android")) {
        40
    } else if cfg!(any(target_vendor = "apple", target_os = "freebsd", target_os = "netbsd", target_os = "openbsd")) {
        62
    } else {
        return false;
    };
    error.raw_os_error() == Some(eloop)
}
