//! lambda-stack's cache: installed dependencies, finished zips, and the tools `invoke` and
//! `validate` set up once.
//!
//! Where it lives, first match wins:
//!
//! 1. `$LAMBDA_STACK_CACHE`;
//! 2. `$XDG_CACHE_HOME/lambda-stack`;
//! 3. `$HOME/.cache/lambda-stack`;
//! 4. `lambda-stack-cache` in the system's temporary folder.
//!
//! It sits outside the project, like pip's and cargo's caches, so `cargo clean` keeps it and every
//! project of the user shares it. Everything in it can be deleted at any time; the next synth
//! rebuilds what it needs (installing dependencies again needs the network).
//!
//! ```text
//! <cache>/deps/python-<key>/            pip install --target, for one requirements.txt, Python, arch
//! <cache>/deps/node-<key>/node_modules  npm ci --omit=dev, for one package.json + lockfile, arch
//! <cache>/zips/<key>.zip, <key>.json    finished packages, by the hash of what went in
//! <cache>/runtimes/python3.12/          a venv with awslambdaric, for `invoke`
//! <cache>/terraform/                    `validate`'s CLI configuration and provider cache
//! ```
//!
//! Entries are written under a temporary name and renamed into place, so a reader never sees half
//! an entry and two synths filling the same entry at once both end up with a whole one.
//!
//! ```
//! use lambda_stack_runtime::package::Cache;
//! let cache = Cache::at("/tmp/my-cache");
//! assert_eq!(cache.dir(), std::path::Path::new("/tmp/my-cache"));
//! ```

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Where cached dependencies, zips and tools are kept (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache in `dir`, made absolute against the current folder (installers and runtimes run
    /// in other folders).
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        let dir = dir.into();
        Cache { dir: std::path::absolute(&dir).unwrap_or(dir) }
    }

    /// The cache the environment names: `LAMBDA_STACK_CACHE`, else the user's cache folder.
    pub fn from_env() -> Cache {
        let var = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty()).map(PathBuf::from);
        let dir = var("LAMBDA_STACK_CACHE")
            .or_else(|| var("XDG_CACHE_HOME").map(|dir| dir.join("lambda-stack")))
            .or_else(|| var("HOME").map(|home| home.join(".cache").join("lambda-stack")))
            .unwrap_or_else(|| std::env::temp_dir().join("lambda-stack-cache"));
        Cache::at(dir)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `<cache>/<parts...>`.
    pub(crate) fn path(&self, parts: &[&str]) -> PathBuf {
        parts.iter().fold(self.dir.clone(), |path, part| path.join(part))
    }

    /// A fresh folder under `<cache>/tmp` to build an entry in before renaming it into place.
    pub(crate) fn staging(&self, what: &str) -> io::Result<PathBuf> {
        let dir = self.path(&["tmp", &unique_name(what)]);
        fs::create_dir_all(&dir)?;
        Ok(dir)
    }
}

/// A name no other thread or process is using: `what-<pid>-<n>`.
pub(crate) fn unique_name(what: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!("{what}-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Moves the finished `staging` folder to `entry`. When another process got there first, its
/// entry is as good as ours: ours is dropped.
pub(crate) fn publish_dir(staging: &Path, entry: &Path) -> io::Result<()> {
    if let Some(parent) = entry.parent() {
        fs::create_dir_all(parent)?;
    }
    match fs::rename(staging, entry) {
        Ok(()) => Ok(()),
        Err(_) if entry.is_dir() => {
            let _ = fs::remove_dir_all(staging);
            Ok(())
        }
        Err(error) => Err(error),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename
/// (`tempfile` removes the temporary file when writing or renaming fails). The file is readable by
/// its owner only, as `tempfile` creates it: the cache is the user's own.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let mut temporary = tempfile::NamedTempFile::new_in(parent)?;
    temporary.write_all(bytes)?;
    temporary.persist(path).map(drop).map_err(|error| error.error)
}

/// Lowercase hex SHA-256 of the `parts`, each length-prefixed so that no two lists of parts hash
/// alike (`["ab", "c"]` and `["a", "bc"]` differ).
pub(crate) fn key(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hex(&hasher.finish())
}

/// SHA-256, through ring's assembly: every byte of a package is hashed at least twice per synth
/// (its contents for the cache key, the zip for its name), and a user's `cargo run` builds their
/// crate's dependencies unoptimized, where a Rust SHA-256 runs at a few MB/s.
pub(crate) struct Sha256(ring::digest::Context);

impl Sha256 {
    pub(crate) fn new() -> Sha256 {
        Sha256(ring::digest::Context::new(&ring::digest::SHA256))
    }

    pub(crate) fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub(crate) fn finish(self) -> [u8; 32] {
        let mut out = [0; 32];
        out.copy_from_slice(self.0.finish().as_ref());
        out
    }

    pub(crate) fn digest(bytes: &[u8]) -> [u8; 32] {
        let mut hasher = Sha256::new();
        hasher.update(bytes);
        hasher.finish()
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    // Into one string: a `format!` per byte is 32 allocations per digest, 10,000 digests a synth.
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(DIGITS[usize::from(byte >> 4)] as char);
        text.push(DIGITS[usize::from(byte & 0xf)] as char);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_sha256() {
        // FIPS 180-2's two one-block and multi-block vectors, and the empty input.
        assert_eq!(hex(&Sha256::digest(b"")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(hex(&Sha256::digest(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let mut hasher = Sha256::new();
        for chunk in b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".chunks(7) {
            hasher.update(chunk);
        }
        assert_eq!(hex(&hasher.finish()), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    #[test]
    fn keys_separate_their_parts() {
        assert_ne!(key(&[b"ab", b"c"]), key(&[b"a", b"bc"]));
        assert_eq!(key(&[b"ab", b"c"]), key(&[b"ab", b"c"]));
        assert_eq!(key(&[]).len(), 64);
    }

    #[test]
    fn publishing_twice_keeps_the_first_entry() {
        let root = tempfile::tempdir().unwrap();
        let cache = Cache::at(root.path());
        let entry = cache.path(&["deps", "x"]);
        for content in ["first", "second"] {
            let staging = cache.staging("x").unwrap();
            fs::write(staging.join("file"), content).unwrap();
            publish_dir(&staging, &entry).unwrap();
            assert!(!staging.exists());
        }
        assert_eq!(fs::read_to_string(entry.join("file")).unwrap(), "first");
    }

    #[test]
    fn atomic_writes_leave_no_temporary_files() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("a/b.json");
        write_atomically(&path, b"1").unwrap();
        write_atomically(&path, b"2").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"2");
        assert_eq!(fs::read_dir(root.path().join("a")).unwrap().count(), 1);
    }
}
