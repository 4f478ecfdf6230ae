//! Packaging a code directory into a deterministic zip, checked by reading the archives back with
//! the `zip` crate, with a byte-level parser written here, and with Info-ZIP's `unzip` if present.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Cursor, Read as _};
use std::path::Path;
use std::process::Command;

use lambda_stack_runtime::package::{
    package_dir, package_entries, Entry, Package, PackageError, PackageOptions, DEFAULT_EXCLUDES,
};
use lambda_stack_runtime::rules::limits::{MAX_UNZIPPED_BYTES, MAX_ZIP_BYTES};
use proptest::prelude::*;
use tempfile::TempDir;

// ---------------------------------------------------------------------------------------------
// Helpers

/// A code directory holding `files` (path, contents), created in the order given.
fn tree(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, contents) in files {
        write(dir.path(), path, contents.as_bytes());
    }
    dir
}

fn write(root: &Path, path: &str, contents: &[u8]) {
    let path = root.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

#[cfg(unix)]
fn chmod(root: &Path, path: &str, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(root.join(path), fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
fn symlink(root: &Path, link: &str, target: &str) {
    let link = root.join(link);
    fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, link).unwrap();
}

fn package(dir: &TempDir) -> Package {
    package_dir(dir.path(), &PackageOptions::default()).unwrap()
}

fn package_excluding(dir: &TempDir, exclude: &[&str]) -> Result<Package, PackageError> {
    let options = PackageOptions { exclude: exclude.iter().map(|p| p.to_string()).collect() };
    package_dir(dir.path(), &options)
}

fn error(dir: &TempDir) -> String {
    package_dir(dir.path(), &PackageOptions::default()).unwrap_err().to_string()
}

fn entry(path: &str, contents: &str) -> Entry {
    Entry { path: path.into(), contents: contents.as_bytes().to_vec(), executable: false }
}

/// What a reader sees: name → (unix mode, contents), in archive order.
fn read_back(package: &Package) -> Vec<(String, u32, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(&package.bytes)).unwrap();
    let mut entries = Vec::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).unwrap();
        assert!(!file.is_dir(), "directory entry {:?}", file.name());
        assert_eq!(file.last_modified(), Some(zip::DateTime::default()));
        assert_eq!(file.compression(), zip::CompressionMethod::Deflated);
        let mut contents = Vec::new();
        file.read_to_end(&mut contents).unwrap();
        entries.push((file.name().unwrap().into_owned(), file.unix_mode().unwrap(), contents));
    }
    entries
}

fn names(package: &Package) -> Vec<String> {
    read_back(package).into_iter().map(|(name, _, _)| name).collect()
}

fn modes(package: &Package) -> BTreeMap<String, u32> {
    read_back(package).into_iter().map(|(name, mode, _)| (name, mode)).collect()
}

/// The fields of one entry as the bytes say, parsed here rather than by the crate under test.
#[derive(Debug)]
struct RawEntry {
    name: String,
    made_by_host: u8,
    flags: u16,
    method: u16,
    dos_time: u16,
    dos_date: u16,
    central_extra: u16,
    local_extra: u16,
    comment: u16,
    external_mode: u32,
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
}

/// Parses the central directory and each local header. Panics on anything unexpected, including
/// an archive comment (the end record must be the last 22 bytes).
fn raw_entries(bytes: &[u8]) -> Vec<RawEntry> {
    let end = bytes.len() - 22;
    assert_eq!(u32_at(bytes, end), 0x0605_4b50, "end of central directory record");
    assert_eq!(u16_at(bytes, end + 20), 0, "archive comment length");
    let count = usize::from(u16_at(bytes, end + 10));
    let mut at = u32_at(bytes, end + 16) as usize;
    let mut entries = Vec::new();
    for _ in 0..count {
        assert_eq!(u32_at(bytes, at), 0x0201_4b50, "central directory header");
        let name_len = usize::from(u16_at(bytes, at + 28));
        let central_extra = u16_at(bytes, at + 30);
        let comment = u16_at(bytes, at + 32);
        let local = u32_at(bytes, at + 42) as usize;
        let name = String::from_utf8(bytes[at + 46..at + 46 + name_len].to_vec()).unwrap();
        assert_eq!(u32_at(bytes, local), 0x0403_4b50, "local header of {name}");
        assert_eq!(&bytes[local + 30..local + 30 + name_len], name.as_bytes());
        assert_eq!(u16_at(bytes, local + 6), u16_at(bytes, at + 8), "flags agree for {name}");
        entries.push(RawEntry {
            made_by_host: bytes[at + 5],
            flags: u16_at(bytes, at + 8),
            method: u16_at(bytes, at + 10),
            dos_time: u16_at(bytes, at + 12),
            dos_date: u16_at(bytes, at + 14),
            central_extra,
            local_extra: u16_at(bytes, local + 28),
            comment,
            external_mode: u32_at(bytes, at + 38) >> 16,
            name,
        });
        at += 46 + name_len + usize::from(central_extra) + usize::from(comment);
    }
    assert_eq!(at, end, "central directory ends at the end record");
    entries
}

// ---------------------------------------------------------------------------------------------
// Layout of the archive

#[test]
fn entries_are_sorted_whatever_the_creation_order() {
    let dir = tree(&[
        ("zeta.py", "z"),
        ("b/inner.py", "b"),
        ("Alpha.py", "A"),
        ("a.py", "a"),
        ("a/b.py", "ab"),
        ("a-b.py", "a-b"),
        ("_private.py", "_"),
    ]);
    // Byte order: `-` (0x2d) < `.` (0x2e) < `/` (0x2f) < `A` < `_` < `a`.
    assert_eq!(names(&package(&dir)), ["Alpha.py", "_private.py", "a-b.py", "a.py", "a/b.py", "b/inner.py", "zeta.py"]);
}

#[test]
fn every_header_is_fixed() {
    let dir = tree(&[("app.py", "print('hi')\n"), ("pkg/util.py", ""), ("données/é.txt", "é")]);
    let package = package(&dir);
    let raw = raw_entries(&package.bytes);
    assert_eq!(raw.len(), 3);
    for entry in &raw {
        assert_eq!(entry.made_by_host, 3, "host Unix: {entry:?}");
        assert_eq!(entry.method, 8, "deflate: {entry:?}");
        assert_eq!((entry.dos_time, entry.dos_date), (0, (1 << 5) | 1), "1980-01-01 00:00:00");
        assert_eq!((entry.central_extra, entry.local_extra), (0, 0), "no extra fields: {entry:?}");
        assert_eq!(entry.comment, 0);
        assert_eq!(entry.flags & 0x0008, 0, "no data descriptor: {entry:?}");
        assert_eq!(entry.external_mode, 0o100644);
    }
    // Non-ASCII names are flagged as UTF-8 (bit 11), ASCII ones are left alone.
    let utf8 = |name: &str| raw.iter().find(|e| e.name == name).unwrap().flags & 0x0800 != 0;
    assert!(utf8("données/é.txt"));
    assert!(!utf8("app.py"));
}

#[cfg(unix)]
#[test]
fn modes_are_normalized() {
    let dir = tree(&[
        ("bootstrap", "#!/bin/sh\n"),
        ("bin/tool", "#!/bin/sh\n"),
        ("bin/bootstrap", "not the entry point"),
        ("group_exec.sh", ""),
        ("private.py", ""),
        ("world_writable.py", ""),
        ("app.py", ""),
    ]);
    chmod(dir.path(), "bootstrap", 0o600);
    chmod(dir.path(), "bin/tool", 0o700);
    chmod(dir.path(), "group_exec.sh", 0o610);
    chmod(dir.path(), "private.py", 0o400);
    chmod(dir.path(), "world_writable.py", 0o666);
    let modes = modes(&package(&dir));
    let expected = [
        ("app.py", 0o100644),
        ("bin/bootstrap", 0o100644),
        ("bin/tool", 0o100755),
        ("bootstrap", 0o100755),
        ("group_exec.sh", 0o100755),
        ("private.py", 0o100644),
        ("world_writable.py", 0o100644),
    ];
    assert_eq!(modes, expected.into_iter().map(|(n, m)| (n.to_string(), m)).collect());
}

#[test]
fn empty_files_and_directories() {
    let dir = tree(&[("empty.py", ""), ("pkg/__init__.py", "")]);
    fs::create_dir_all(dir.path().join("no/files/here")).unwrap();
    let package = package(&dir);
    assert_eq!(names(&package), ["empty.py", "pkg/__init__.py"], "no directory entries");
    assert_eq!((package.files, package.unzipped_bytes), (2, 0));
}

#[test]
fn contents_round_trip() {
    let big: String = (0..20_000).map(|i| format!("line {i}\n")).collect();
    let dir = tree(&[("big.txt", &big), ("small.json", "{}")]);
    let package = package(&dir);
    let back = read_back(&package);
    assert_eq!(back[0].2, big.as_bytes());
    assert_eq!(back[1].2, b"{}");
    assert_eq!(package.unzipped_bytes, big.len() as u64 + 2);
    assert!(package.bytes.len() < big.len() / 3, "compressed: {}", package.bytes.len());
}

// ---------------------------------------------------------------------------------------------
// Determinism and hashes

#[test]
fn the_same_tree_gives_the_same_bytes() {
    let dir = tree(&[("a.py", "a"), ("b/c.py", "c")]);
    let first = package(&dir);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    fs::write(dir.path().join("a.py"), "a").unwrap();
    let second = package(&dir);
    assert_eq!(first.bytes, second.bytes);
    assert_eq!(first.sha256_base64, second.sha256_base64);
}

#[cfg(unix)]
#[test]
fn equal_trees_in_different_places_give_the_same_bytes() {
    let files: Vec<(String, String)> =
        (0..60).map(|i| (format!("d{}/sub{}/f{i}.py", i % 4, i % 3), format!("x = {i}\n"))).collect();
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::Builder::new().prefix("another-name").tempdir().unwrap();
    for (path, contents) in &files {
        write(one.path(), path, contents.as_bytes());
    }
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    for (path, contents) in files.iter().rev() {
        write(two.path(), path, contents.as_bytes());
        let file = fs::File::options().write(true).open(two.path().join(path)).unwrap();
        file.set_modified(old).unwrap();
        chmod(two.path(), path, 0o600);
    }
    assert_eq!(package(&one).bytes, package(&two).bytes);
}

#[test]
fn changing_contents_changes_the_hash() {
    let before = package(&tree(&[("app.py", "x = 1\n")]));
    let after = package(&tree(&[("app.py", "x = 2\n")]));
    assert_ne!(before.sha256_base64, after.sha256_base64);
}

/// base64 (RFC 4648, padded), written out so the check does not lean on the crate in use.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn hashes_are_those_of_the_bytes() {
    assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    assert_eq!(base64(b"fooba"), "Zm9vYmE=");
    assert_eq!(base64(b"foob"), "Zm9vYg==");

    let dir = tree(&[("lambda_handler.py", "def handler(event, context):\n    return 'ok'\n")]);
    let package = package(&dir);
    let out = tempfile::tempdir().unwrap();
    let zip = out.path().join("f.zip");
    fs::write(&zip, &package.bytes).unwrap();

    // `sha256sum` when installed, else the package's own hex (then only the base64 is checked).
    let hex = match Command::new("sha256sum").arg(&zip).output() {
        Ok(output) if output.status.success() => {
            String::from_utf8(output.stdout).unwrap().split_whitespace().next().unwrap().to_string()
        }
        _ => package.sha256_hex.clone(),
    };
    assert_eq!(package.sha256_hex, hex);
    let digest: Vec<u8> = (0..32).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap()).collect();
    // `filebase64sha256`: base64 of the 32 raw bytes, 44 characters, never base64 of the hex.
    assert_eq!(package.sha256_base64, base64(&digest));
    assert_eq!(package.sha256_base64.len(), 44);
    assert!(package.sha256_base64.ends_with('='));
}

// ---------------------------------------------------------------------------------------------
// Excludes

#[test]
fn default_excludes_leave_secrets_and_junk_out() {
    let dir = tree(&[
        ("app.py", ""),
        ("__pycache__/app.cpython-312.pyc", ""),
        ("pkg/__pycache__/m.cpython-312.pyc", ""),
        ("pkg/stale.pyc", ""),
        ("pkg/opt.pyo", ""),
        (".git/config", ""),
        ("vendored/.git", "gitdir: ../.git/modules/vendored"),
        (".hg/store", ""),
        (".svn/entries", ""),
        (".venv/lib/site.py", ""),
        (".env", "SECRET=1"),
        (".env.production", "SECRET=2"),
        ("cfg/.env.local", "SECRET=3"),
        (".envrc", "export SECRET=4"),
        (".aws/credentials", ""),
        ("certs/server.pem", ""),
        ("certs/server.key", ""),
        ("id_ed25519", ""),
        (".DS_Store", ""),
        ("pkg/.DS_Store", ""),
        ("Thumbs.db", ""),
        (".pytest_cache/v", ""),
        (".mypy_cache/x", ""),
        (".ruff_cache/x", ""),
        (".idea/workspace.xml", ""),
        (".vscode/settings.json", ""),
        (".app.py.swp", ""),
        ("app.py~", ""),
        ("terraform.tfstate", ""),
        ("cdktf.out/manifest.json", ""),
        // Look-alikes that stay.
        ("environment.py", ""),
        ("pem.py", ""),
        ("keys/public.pub", ""),
        ("envs/dev.json", ""),
        ("pkg/pycache.py", ""),
        ("git.py", ""),
    ]);
    assert_eq!(
        names(&package(&dir)),
        ["app.py", "environment.py", "envs/dev.json", "git.py", "keys/public.pub", "pem.py", "pkg/pycache.py"]
    );
}

#[test]
fn default_secret_excludes_ignore_case_and_catch_near_misses() {
    let dir = tree(&[
        ("app.py", ""),
        (".ENV", "SECRET=1"),
        (".Env.Local", "SECRET=2"),
        ("docker/prod.env", "SECRET=3"),
        ("ID_RSA", ""),
        ("keys/id_rsa.bak", ""),
        ("keys/id_ed25519.pub", ""),
        ("certs/SERVER.PEM", ""),
        ("certs/deploy.Key", ""),
        ("credentials", "[default]"),
        ("gcp/credentials.json", "{}"),
        ("alice_accessKeys.csv", ""),
        (".AWS/config", ""),
        (".SSH/known_hosts", ""),
        (".docker/config.json", ""),
        ("prod.tfvars", "password = \"x\""),
        // Look-alikes that stay: modules a handler may import.
        ("credentials.py", ""),
        ("keys.py", ""),
        ("my_env.py", ""),
    ]);
    assert_eq!(names(&package(&dir)), ["app.py", "credentials.py", "keys.py", "my_env.py"]);
}

#[test]
fn default_excludes_are_documented_patterns() {
    for pattern in DEFAULT_EXCLUDES {
        assert!(!pattern.trim_end_matches('/').contains('/'), "{pattern} is a bare name");
    }
    for required in [
        "__pycache__/",
        "*.pyc",
        "*.pyo",
        ".git",
        ".hg/",
        ".svn/",
        ".venv/",
        ".env",
        ".env.*",
        ".aws/",
        "*.pem",
        ".DS_Store",
        "Thumbs.db",
        ".pytest_cache/",
        ".mypy_cache/",
        ".ruff_cache/",
        ".idea/",
        ".vscode/",
        "*.swp",
        "*~",
    ] {
        assert!(DEFAULT_EXCLUDES.contains(&required), "{required}");
    }
}

#[test]
fn user_excludes() {
    let files = [
        ("app.py", ""),
        ("README.md", ""),
        ("docs/guide.md", ""),
        ("docs/notes.txt", ""),
        ("docs/deep/notes.txt", ""),
        ("tests/test_app.py", ""),
        ("tests/data/x.json", ""),
        ("pkg/tests/test_pkg.py", ""),
        ("pkg/mod.py", ""),
    ];
    let dir = tree(&files);
    let kept = |exclude: &[&str]| names(&package_excluding(&dir, exclude).unwrap());
    let all: Vec<String> = files.iter().map(|(p, _)| p.to_string()).collect();
    let without = |gone: &[&str]| {
        let mut list: Vec<String> = all.iter().filter(|p| !gone.contains(&p.as_str())).cloned().collect();
        list.sort();
        list
    };

    assert_eq!(kept(&["tests/**"]), without(&["tests/test_app.py", "tests/data/x.json"]));
    assert_eq!(kept(&["/tests"]), without(&["tests/test_app.py", "tests/data/x.json"]));
    let every_tests = without(&["tests/test_app.py", "tests/data/x.json", "pkg/tests/test_pkg.py"]);
    assert_eq!(kept(&["tests"]), every_tests);
    assert_eq!(kept(&["tests/"]), every_tests);
    assert_eq!(kept(&["*.md"]), without(&["README.md", "docs/guide.md"]));
    assert_eq!(kept(&["docs/*.txt"]), without(&["docs/notes.txt"]));
    assert_eq!(kept(&["docs/**/*.txt"]), without(&["docs/notes.txt", "docs/deep/notes.txt"]));
    assert_eq!(kept(&["app.py/"]), without(&[]), "`app.py/` is for directories");
    assert_eq!(
        kept(&["{README,docs/guide}.md", "pkg"]),
        without(&["README.md", "docs/guide.md", "pkg/tests/test_pkg.py", "pkg/mod.py"])
    );
}

#[test]
fn invalid_globs_are_named() {
    let dir = tree(&[("app.py", "")]);
    let message = package_excluding(&dir, &["*.md", "src/[a-"]).unwrap_err().to_string();
    assert!(message.starts_with("invalid exclude pattern `src/[a-`: "), "{message}");
    let message = package_excluding(&dir, &["../up"]).unwrap_err().to_string();
    assert!(message.starts_with("invalid exclude pattern `../up`: "), "{message}");
}

#[test]
fn excluding_everything_is_an_error() {
    let dir = tree(&[("app.py", ""), ("lib/x.py", "")]);
    let message = package_excluding(&dir, &["*.py"]).unwrap_err().to_string();
    assert_eq!(
        message,
        format!("nothing to package in `{}` (2 files or directories were excluded)", dir.path().display())
    );
}

// ---------------------------------------------------------------------------------------------
// Symlinks

#[cfg(unix)]
#[test]
fn links_inside_are_materialized() {
    let dir = tree(&[("lib/real.py", "REAL = 1\n"), ("bin/run.sh", "#!/bin/sh\n")]);
    chmod(dir.path(), "bin/run.sh", 0o755);
    symlink(dir.path(), "alias.py", "lib/real.py");
    symlink(dir.path(), "shared", "lib");
    symlink(dir.path(), "bootstrap", "bin/run.sh");
    symlink(dir.path(), "nested/up.py", "../lib/real.py");
    let back = read_back(&package(&dir));
    let summary: Vec<(&str, u32, &[u8])> = back.iter().map(|(n, m, c)| (n.as_str(), *m, c.as_slice())).collect();
    assert_eq!(
        summary,
        [
            ("alias.py", 0o100644, &b"REAL = 1\n"[..]),
            ("bin/run.sh", 0o100755, b"#!/bin/sh\n"),
            ("bootstrap", 0o100755, b"#!/bin/sh\n"),
            ("lib/real.py", 0o100644, b"REAL = 1\n"),
            ("nested/up.py", 0o100644, b"REAL = 1\n"),
            ("shared/real.py", 0o100644, b"REAL = 1\n"),
        ]
    );
    for entry in raw_entries(&package(&dir).bytes) {
        assert_ne!(entry.external_mode & 0o170000, 0o120000, "{} stored as a link", entry.name);
    }
}

#[cfg(unix)]
#[test]
fn links_out_of_the_code_directory_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "secret.txt", b"password");
    let code = outside.path().join("code");
    write(&code, "app.py", b"");
    std::os::unix::fs::symlink("../secret.txt", code.join("relative.txt")).unwrap();
    let message = package_dir(&code, &PackageOptions::default()).unwrap_err().to_string();
    assert_eq!(
        message,
        "symlink `relative.txt` points to `../secret.txt`, outside the code directory; replace it \
         with a copy or exclude it"
    );
    fs::remove_file(code.join("relative.txt")).unwrap();

    let absolute = outside.path().join("secret.txt");
    std::os::unix::fs::symlink(&absolute, code.join("abs.txt")).unwrap();
    let message = package_dir(&code, &PackageOptions::default()).unwrap_err().to_string();
    assert!(message.starts_with(&format!("symlink `abs.txt` points to `{}`, outside", absolute.display())));
    fs::remove_file(code.join("abs.txt")).unwrap();

    // A link to a link that leaves: the message says where the chain ends.
    std::os::unix::fs::symlink("inner", code.join("hop")).unwrap();
    std::os::unix::fs::symlink(&absolute, code.join("inner")).unwrap();
    let message = package_dir(&code, &PackageOptions::default()).unwrap_err().to_string();
    assert_eq!(
        message,
        format!(
            "symlink `hop` points to `inner`, which leads to `{}`, outside the code directory; \
             replace it with a copy or exclude it",
            fs::canonicalize(&absolute).unwrap().display()
        )
    );
    fs::remove_file(code.join("hop")).unwrap();
    fs::remove_file(code.join("inner")).unwrap();

    std::os::unix::fs::symlink("..", code.join("parent")).unwrap();
    let error = package_dir(&code, &PackageOptions::default()).unwrap_err();
    assert!(matches!(error, PackageError::SymlinkEscapes { ref link, .. } if link == "parent"), "{error}");

    // Leaving it out is the way through.
    let options = PackageOptions { exclude: vec!["parent".into()] };
    assert_eq!(package_dir(&code, &options).unwrap().files, 1);
}

#[cfg(unix)]
#[test]
fn broken_and_looping_links_are_refused() {
    let dir = tree(&[("app.py", "")]);
    symlink(dir.path(), "lib/gone.py", "missing.py");
    assert_eq!(error(&dir), "symlink `lib/gone.py` points to `missing.py`, which does not exist");
    fs::remove_file(dir.path().join("lib/gone.py")).unwrap();

    symlink(dir.path(), "me", "me");
    assert_eq!(error(&dir), "symlink `me` points to `me`, which leads back to itself");
    fs::remove_file(dir.path().join("me")).unwrap();

    symlink(dir.path(), "a/b/top", "../..");
    assert_eq!(error(&dir), "symlink `a/b/top` points to `../..`, which leads back to itself");
    fs::remove_file(dir.path().join("a/b/top")).unwrap();

    // Two directory links into each other: the walk enters one through the other and stops.
    symlink(dir.path(), "x/to_y", "../y");
    symlink(dir.path(), "y/to_x", "../x");
    let message = error(&dir);
    assert!(message.ends_with("which leads back to itself"), "{message}");
}

#[cfg(unix)]
#[test]
fn links_to_excluded_files_are_refused() {
    let dir = tree(&[("app.py", ""), (".env", "SECRET=1"), (".aws/credentials", "key")]);
    symlink(dir.path(), "config", ".env");
    assert_eq!(
        error(&dir),
        "symlink `config` points to `.env`, which is excluded; exclude the link too or stop \
         excluding its target"
    );
    fs::remove_file(dir.path().join("config")).unwrap();
    symlink(dir.path(), "creds", ".aws");
    assert!(error(&dir).starts_with("symlink `creds` points to `.aws`, which is excluded"));
}

#[cfg(unix)]
#[test]
fn excluded_links_are_not_followed() {
    let dir = tree(&[("app.py", "")]);
    symlink(dir.path(), ".venv/bin/python", "/usr/bin/python3");
    symlink(dir.path(), ".#app.py", "user@host.1234:1700000000");
    symlink(dir.path(), "pkg/.venv", "/nonexistent/venv");
    symlink(dir.path(), "junk", "/etc");
    assert_eq!(names(&package_excluding(&dir, &["junk/"]).unwrap()), ["app.py"]);
}

// ---------------------------------------------------------------------------------------------
// Names

#[cfg(target_os = "linux")]
#[test]
fn non_utf8_names_are_refused() {
    use std::os::unix::ffi::OsStrExt as _;
    let dir = tree(&[("app.py", "")]);
    fs::create_dir(dir.path().join("pkg")).unwrap();
    fs::write(dir.path().join("pkg").join(std::ffi::OsStr::from_bytes(b"bad\xff.py")), "").unwrap();
    assert_eq!(
        error(&dir),
        "`pkg/bad\u{fffd}.py` has a name that is not UTF-8; zip entry names must be UTF-8, so rename it"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn non_utf8_names_the_excludes_cover_are_left_out() {
    use std::os::unix::ffi::OsStrExt as _;
    let name = |bytes: &[u8]| std::ffi::OsStr::from_bytes(bytes).to_owned();
    let dir = tree(&[("app.py", "")]);
    fs::create_dir_all(dir.path().join("__pycache__")).unwrap();
    fs::write(dir.path().join("__pycache__").join(name(b"caf\xe9.cpython-312.pyc")), "").unwrap();
    fs::write(dir.path().join(name(b"caf\xe9.pyc")), "").unwrap();
    fs::write(dir.path().join(name(b"notes\xff.md")), "").unwrap();
    fs::create_dir_all(dir.path().join(name(b"tmp\xff"))).unwrap();
    fs::write(dir.path().join(name(b"tmp\xff")).join("x.py"), "").unwrap();
    assert_eq!(names(&package_excluding(&dir, &["*.md", "tmp*/"]).unwrap()), ["app.py"]);
    // Not covered: still the error naming it.
    let message = package_excluding(&dir, &["*.md"]).unwrap_err().to_string();
    assert_eq!(message, "`tmp\u{fffd}` has a name that is not UTF-8; zip entry names must be UTF-8, so rename it");
}

#[cfg(unix)]
#[test]
fn unportable_names_are_refused() {
    let dir = tree(&[("app.py", ""), ("win\\path.py", "")]);
    let message = error(&dir);
    assert!(message.starts_with("`win\\path.py` cannot be a zip entry name: it contains `\\`"), "{message}");

    let dir = tree(&[("line\nbreak.py", "")]);
    assert_eq!(error(&dir), "`line\\nbreak.py` cannot be a zip entry name: it contains a control character");
}

#[cfg(unix)]
#[test]
fn sockets_are_refused_unless_excluded() {
    let dir = tree(&[("app.py", "")]);
    let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("daemon.sock")).unwrap();
    assert_eq!(error(&dir), "`daemon.sock` is a socket, FIFO or device, which cannot be packaged; exclude it");
    assert_eq!(names(&package_excluding(&dir, &["*.sock"]).unwrap()), ["app.py"]);
}

// ---------------------------------------------------------------------------------------------
// The code directory itself

#[test]
fn the_code_directory_must_be_a_directory() {
    let dir = tree(&[("app.py", "")]);
    let missing = dir.path().join("functions/hello");
    let message = package_dir(&missing, &PackageOptions::default()).unwrap_err().to_string();
    assert_eq!(message, format!("code directory `{}` does not exist", missing.display()));

    let file = dir.path().join("app.py");
    let message = package_dir(&file, &PackageOptions::default()).unwrap_err().to_string();
    assert_eq!(message, format!("code path `{}` is not a directory", file.display()));

    let empty = tempfile::tempdir().unwrap();
    assert_eq!(error(&empty), format!("nothing to package in `{}`", empty.path().display()));

    let junk = tree(&[("__pycache__/a.pyc", ""), (".DS_Store", "")]);
    assert_eq!(
        error(&junk),
        format!("nothing to package in `{}` (2 files or directories were excluded)", junk.path().display())
    );
}

// ---------------------------------------------------------------------------------------------
// Sizes

#[test]
fn more_than_250_mb_unzipped_is_refused_before_reading() {
    let dir = tree(&[("app.py", "")]);
    let sparse = |path: &str, size: u64| {
        let file = fs::File::create(dir.path().join(path)).unwrap();
        file.set_len(size).unwrap();
    };
    // Sparse files: the limit is checked from the listing, so nothing is read or compressed.
    sparse("model.bin", MAX_UNZIPPED_BYTES - 10 * 1_048_576);
    sparse("libbig.so", 9 * 1_048_576);
    sparse("weights.bin", 2 * 1_048_576);
    let started = std::time::Instant::now();
    let message = error(&dir);
    assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
    assert_eq!(
        message,
        "the package is 251 MB unzipped (263192576 bytes), above Lambda's limit of 250 MB \
         (262144000 bytes) for a function and its layers; the largest files are `model.bin` \
         (240 MB), `libbig.so` (9 MB), `weights.bin` (2 MB)"
    );
}

#[test]
fn more_than_50_mb_zipped_is_refused_with_the_package() {
    // Incompressible bytes from xorshift, just over the limit once deflate adds its framing.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let noise: Vec<u8> = (0..MAX_ZIP_BYTES / 8)
        .flat_map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()
        })
        .collect();
    let error =
        package_entries(vec![Entry { path: "noise.bin".into(), contents: noise, executable: false }]).unwrap_err();
    let message = error.to_string();
    assert!(message.starts_with("the package is 50.0 MB zipped ("), "{message}");
    assert!(
        message.contains("above the 50 MB limit for a direct upload (52428800 bytes); declare `assets: BUCKET`"),
        "{message}"
    );
    let PackageError::ZipTooLarge { package } = error else { panic!("{message}") };
    assert!(package.bytes.len() as u64 > MAX_ZIP_BYTES);
    assert_eq!(package.files, 1);
}

// ---------------------------------------------------------------------------------------------
// Explicit entries

#[test]
fn entries_are_sorted_and_checked() {
    let package = package_entries(vec![
        entry("z.txt", "z"),
        Entry { path: "bootstrap".into(), contents: b"\x7fELF".to_vec(), executable: false },
        entry("lib/bootstrap", "data"),
        Entry { path: "bin/tool".into(), contents: Vec::new(), executable: true },
        entry("a.txt", "a"),
    ])
    .unwrap();
    let modes = modes(&package);
    assert_eq!(modes.keys().collect::<Vec<_>>(), ["a.txt", "bin/tool", "bootstrap", "lib/bootstrap", "z.txt"]);
    assert_eq!(modes["bootstrap"], 0o100755);
    assert_eq!(modes["bin/tool"], 0o100755);
    assert_eq!(modes["lib/bootstrap"], 0o100644);
    assert_eq!(names(&package), ["a.txt", "bin/tool", "bootstrap", "lib/bootstrap", "z.txt"]);

    let message =
        package_entries(vec![entry("a.py", "1"), entry("b.py", ""), entry("a.py", "2")]).unwrap_err().to_string();
    assert_eq!(message, "`a.py` appears twice in the package");

    for bad in ["/abs.py", "../up.py", "a/../../up.py", "dir\\file.py", "tab\there.py", "dir/", ""] {
        let error = package_entries(vec![entry("ok.py", ""), entry(bad, "")]).unwrap_err();
        assert!(matches!(error, PackageError::UnsafeName { .. }), "{bad:?}: {error}");
    }

    assert_eq!(package_entries(Vec::new()).unwrap_err().to_string(), "nothing to package: no entries were given");
}

#[test]
fn a_directory_and_its_entries_agree() {
    let dir = tree(&[("b/x.py", "x"), ("a.py", "a")]);
    let from_entries = package_entries(vec![entry("a.py", "a"), entry("b/x.py", "x")]).unwrap();
    assert_eq!(package(&dir).bytes, from_entries.bytes);
}

#[test]
fn messages_are_one_lowercase_line() {
    let dir = tree(&[("a.py", "")]);
    let errors = [
        package_dir(&dir.path().join("missing"), &PackageOptions::default()).unwrap_err(),
        package_excluding(&dir, &["[x"]).unwrap_err(),
        package_entries(vec![entry("a\r\nb", "")]).unwrap_err(),
        package_entries(Vec::new()).unwrap_err(),
    ];
    for error in errors {
        let message = error.to_string();
        assert!(!message.contains('\n'), "{message}");
        let first = message.chars().next().unwrap();
        assert!(first.is_lowercase() || first == '`', "{message}");
        assert!(!message.ends_with('.'), "{message}");
    }
}

// ---------------------------------------------------------------------------------------------
// Info-ZIP's view

/// `unzip -Z -v` (zipinfo) on a package: origin Unix, the modes, no extra fields, no comments;
/// then `unzip` extracts it with the same modes. Skipped when `unzip` is not installed.
#[cfg(unix)]
#[test]
fn info_zip_agrees() {
    let Ok(probe) = Command::new("unzip").arg("-v").output() else {
        // CI installs it (scripts/install-test-tools.sh): there, a missing oracle is a failure.
        assert!(std::env::var_os("CI").is_none(), "unzip is not installed, and CI must run this test");
        eprintln!("warning: unzip is not installed; skipping Info-ZIP's check");
        return;
    };
    assert!(probe.status.success());
    let dir = tree(&[("bootstrap", "#!/bin/sh\necho hi\n"), ("lib/app.py", "print(1)\n")]);
    let out = tempfile::tempdir().unwrap();
    let zip = out.path().join("f.zip");
    fs::write(&zip, package(&dir).bytes).unwrap();

    let listing = Command::new("unzip").args(["-Z", "-v"]).arg(&zip).output().unwrap();
    assert!(listing.status.success(), "{listing:?}");
    // Column widths vary between unzip versions: compare with runs of spaces collapsed.
    let listing: String = String::from_utf8(listing.stdout)
        .unwrap()
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" ") + "\n")
        .collect();
    let count = |text: &str| listing.matches(text).count();
    assert_eq!(count("file system or operating system of origin: Unix"), 2, "{listing}");
    assert_eq!(count("Unix file attributes (100755 octal): -rwxr-xr-x"), 1, "{listing}");
    assert_eq!(count("Unix file attributes (100644 octal): -rw-r--r--"), 1, "{listing}");
    assert_eq!(count("file last modified on (DOS date/time): 1980 Jan 1 00:00:00"), 2, "{listing}");
    assert_eq!(count("length of extra field: 0 bytes"), 2, "{listing}");
    assert_eq!(count("extended local header: no"), 2, "{listing}");
    assert_eq!(count("There is no file comment."), 2, "{listing}");
    assert_eq!(count("There is no zipfile comment."), 1, "{listing}");
    // zipinfo describes each extra field it finds ("The central-directory extra field contains:").
    assert_eq!(count("extra field contains"), 0, "{listing}");

    let extracted = out.path().join("x");
    let status = Command::new("unzip").args(["-q", "-d"]).arg(&extracted).arg(&zip).status().unwrap();
    assert!(status.success());
    use std::os::unix::fs::PermissionsExt as _;
    let mode = |p: &str| fs::metadata(extracted.join(p)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode("bootstrap") & 0o111, 0o111, "bootstrap is executable after unzip");
    assert_eq!(mode("lib/app.py") & 0o111, 0, "app.py is not");
    let test = Command::new("unzip").arg("-tq").arg(&zip).output().unwrap();
    assert!(test.status.success(), "{test:?}");
}

/// Python's `zipfile` (another independent reader: CRCs, sizes, the zip64 end record) and
/// `unzip -t` on a package of more than 65,535 entries, which needs the zip64 end record.
#[cfg(unix)]
#[test]
fn python_and_unzip_read_a_package_of_70000_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..70_000 {
        write(dir.path(), &format!("d{}/f{i:05}.txt", i % 100), format!("{i}\n").as_bytes());
    }
    let out = tempfile::tempdir().unwrap();
    let zip = out.path().join("many.zip");
    let package = package(&dir);
    assert_eq!(package.files, 70_000);
    fs::write(&zip, &package.bytes).unwrap();
    let script = "import sys, zipfile\n\
                  z = zipfile.ZipFile(sys.argv[1])\n\
                  assert z.testzip() is None\n\
                  names = z.namelist()\n\
                  assert len(names) == 70000, len(names)\n\
                  assert z.read('d7/f00007.txt') == b'7\\n'\n\
                  print('ok')";
    let python =
        Command::new("python3").arg("-c").arg(script).arg(&zip).output().expect("python3 runs the tests' zip check");
    assert!(python.status.success() && python.stdout == b"ok\n", "{python:?}");
    if Command::new("unzip").arg("-v").output().is_ok() {
        let test = Command::new("unzip").arg("-tq").arg(&zip).output().unwrap();
        assert!(test.status.success(), "{test:?}");
    } else {
        assert!(std::env::var_os("CI").is_none(), "unzip is not installed, and CI must run this test");
    }
}

// ---------------------------------------------------------------------------------------------
// Random trees

/// A set of files (path → contents, executable), none of them an excluded name and no path a
/// directory of another.
fn file_trees() -> impl Strategy<Value = BTreeMap<String, (Vec<u8>, bool)>> {
    let segment = "[a-cA_.-]{1,3}".prop_filter("not `.`, `..` or an excluded name", |s| {
        s != "." && s != ".." && !s.ends_with('~') && !s.starts_with("._") && !s.starts_with(".#")
    });
    let path = prop::collection::vec(segment, 1..4).prop_map(|segments| segments.join("/"));
    let file = (prop::collection::vec(any::<u8>(), 0..200), any::<bool>());
    prop::collection::btree_map(path, file, 1..24).prop_map(|mut files| {
        let paths: Vec<String> = files.keys().cloned().collect();
        files.retain(|path, _| !paths.iter().any(|other| other.starts_with(&format!("{path}/"))));
        files
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_trees_give_sorted_unique_deterministic_archives(
        files in file_trees(),
        seed in any::<u64>(),
    ) {
        let make = |order: &mut dyn Iterator<Item = (&String, &(Vec<u8>, bool))>| {
            let dir = tempfile::tempdir().unwrap();
            for (path, (contents, executable)) in order {
                write(dir.path(), path, contents);
                #[cfg(unix)]
                chmod(dir.path(), path, if *executable { 0o755 } else { 0o644 });
            }
            dir
        };
        let forward = make(&mut files.iter());
        // A second tree created in another order: reversed, then rotated by the seed.
        let mut shuffled: Vec<_> = files.iter().rev().collect();
        let len = shuffled.len();
        shuffled.rotate_left((seed as usize) % len);
        let backward = make(&mut shuffled.into_iter());

        let one = package_dir(forward.path(), &PackageOptions::default()).unwrap();
        let two = package_dir(backward.path(), &PackageOptions::default()).unwrap();
        prop_assert!(one.bytes == two.bytes, "creation order changed the bytes");
        prop_assert_eq!(&one.sha256_base64, &two.sha256_base64);

        let back = read_back(&one);
        let names: Vec<&str> = back.iter().map(|(name, _, _)| name.as_str()).collect();
        let ascending = names.windows(2).all(|pair| pair[0].as_bytes() < pair[1].as_bytes());
        prop_assert!(ascending, "{:?}", names);
        let expected: Vec<&str> = {
            let mut keys: Vec<&str> = files.keys().map(String::as_str).collect();
            keys.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
            keys
        };
        prop_assert_eq!(&names, &expected);
        for (name, mode, contents) in &back {
            let (original, executable) = &files[name];
            prop_assert_eq!(contents, original);
            // Execute bits are only set (and read) on Unix.
            let runs = (*executable && cfg!(unix)) || name == "bootstrap";
            prop_assert_eq!(*mode, if runs { 0o100755 } else { 0o100644 });
        }
        prop_assert_eq!(one.files, files.len());
        let unzipped: u64 = files.values().map(|(contents, _)| contents.len() as u64).sum();
        prop_assert_eq!(one.unzipped_bytes, unzipped);
        for entry in raw_entries(&one.bytes) {
            let fixed = (entry.central_extra, entry.local_extra, entry.made_by_host);
            prop_assert_eq!(fixed, (0, 0, 3));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Bounds: what a hostile code folder costs

/// A one-function stack packaging `code`, with its own zip cache.
fn synth_code(code: &Path, cache: &Path) -> lambda_stack_runtime::Result<()> {
    use lambda_stack_runtime::package::{BuildOptions, Cache};
    use lambda_stack_runtime::{App, Function, Stack};
    let stack = Stack::new("bounded")
        .region("eu-west-3")
        .function(Function::new("f").runtime("python3.12").handler("app.handler").code(code));
    let options = BuildOptions { cache: Cache::at(cache), ..BuildOptions::from_env() };
    let out = cache.join("out");
    App::new().stack(stack).build_options(options).synth(&out).map(drop)
}

#[test]
fn an_oversized_sparse_file_is_refused_by_synth_before_it_is_read() {
    let dir = tree(&[("app.py", "def handler(event, context):\n    return 1\n")]);
    fs::File::create(dir.path().join("model.bin")).unwrap().set_len(300 * 1_048_576).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let message = synth_code(dir.path(), cache.path()).unwrap_err().to_string();
    let took = started.elapsed();
    eprintln!("a 300 MB sparse file refused in {took:?}");
    assert!(message.contains("above Lambda's limit of 250 MB"), "{message}");
    assert!(message.contains("`model.bin` (300 MB)"), "{message}");
    // Reading 300 MB and hashing it takes seconds; the listing takes milliseconds.
    assert!(took < std::time::Duration::from_millis(500), "took {took:?}");
}

#[cfg(unix)]
#[test]
fn symlinks_cannot_multiply_a_tree() {
    const LEVELS: usize = 24;
    // Level i holds two links to level i + 1: 2^LEVELS paths to the last level.
    let dir = tree(&[("app.py", "def handler(event, context):\n    return 1\n")]);
    for level in 0..LEVELS {
        write(dir.path(), &format!("d{level}/f.py"), b"x = 1\n");
        for link in ["a", "b"] {
            symlink(dir.path(), &format!("d{level}/{link}"), &format!("../d{}", level + 1));
        }
    }
    write(dir.path(), &format!("d{LEVELS}/f.py"), b"x = 1\n");
    let started = std::time::Instant::now();
    let message = error(&dir);
    let took = started.elapsed();
    eprintln!("a 2^24-path symlink tree refused in {took:?}");
    // The first copy goes down the `a` links; the first `b` link reaches a level already copied.
    let through_a = format!("d0{}", "/a".repeat(LEVELS));
    let link = format!("d0{}/b", "/a".repeat(LEVELS - 1));
    assert_eq!(
        message,
        format!(
            "symlink `{link}` points to `../d{LEVELS}`, whose files are already packaged through \
             `{through_a}`; a directory is copied into a package through symlinks at most once: \
             replace the link with a copy or exclude it"
        )
    );
    assert!(took < std::time::Duration::from_secs(2), "took {took:?}");
}
