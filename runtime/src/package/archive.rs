//! Writing the zip: entry names, sizes, and compression spread over the machine's cores.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use base64::Engine as _;

use super::cache::Sha256;
use super::deflate::{self, Compressor};
use super::zipfile::{self, Entry};
use super::{Package, PackageError};
use crate::rules::limits::{MAX_UNZIPPED_BYTES, MAX_ZIP_BYTES};

/// One file on its way into the zip.
pub(crate) struct Item {
    /// Archive path, `/`-separated.
    pub(crate) path: String,
    pub(crate) source: Source,
    pub(crate) executable: bool,
}

pub(crate) enum Source {
    Memory(Vec<u8>),
    /// Read when it is compressed, so only one file per worker is held uncompressed.
    Disk(PathBuf),
}

/// Mode for an entry: 0755 if executable, and always for the root `bootstrap` (the custom runtime
/// entry point, which Lambda execs), else 0644.
pub(crate) fn mode(path: &str, executable: bool) -> u32 {
    if executable || path == "bootstrap" {
        0o755
    } else {
        0o644
    }
}

/// A name is a relative `/`-separated path to a file that every unzip extracts to the same place.
pub(crate) fn check_name(path: &str) -> Result<(), PackageError> {
    let reason = if path.is_empty() {
        Some("it is empty")
    } else if path.len() > usize::from(u16::MAX) {
        Some("it is longer than 65,535 bytes, the most a zip entry name can hold")
    } else if path.starts_with('/') {
        Some("it starts with `/`; entry names are relative")
    } else if path.contains('\\') {
        Some("it contains `\\`, which some unzips read as a separator; rename it")
    } else if path.chars().any(char::is_control) {
        Some("it contains a control character")
    } else if path.ends_with('/') {
        Some("it ends with `/`, which names a directory; only files are packaged")
    } else if path.split('/').any(str::is_empty) {
        Some("it has an empty segment (`//`)")
    } else if path.split('/').any(|segment| segment == "..") {
        Some("it has a `..` segment, which would extract outside the target directory")
    } else if path.split('/').any(|segment| segment == ".") {
        Some("it has a `.` segment")
    } else if is_drive(path.split('/').next().unwrap_or_default()) {
        Some("it starts with a drive letter")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(PackageError::UnsafeName { path: path.to_string(), reason }),
        None => Ok(()),
    }
}

fn is_drive(segment: &str) -> bool {
    let bytes = segment.as_bytes();
    bytes.len() == 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

/// The zip fits a direct upload (`filename` in `aws_lambda_function`).
pub(crate) fn check_zipped(package: Package) -> Result<Package, PackageError> {
    if package.bytes.len() as u64 > MAX_ZIP_BYTES {
        Err(PackageError::ZipTooLarge { package: Box::new(package) })
    } else {
        Ok(package)
    }
}

/// The files add up to no more than Lambda's unzipped limit.
pub(crate) fn check_unzipped<'a>(sizes: impl IntoIterator<Item = (&'a str, u64)>) -> Result<u64, PackageError> {
    let mut total = 0u64;
    let mut largest: Vec<(&str, u64)> = Vec::with_capacity(4);
    for (path, size) in sizes {
        total = total.saturating_add(size);
        largest.push((path, size));
        // Biggest first, ties by path, so the message does not depend on the input order.
        largest.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        largest.truncate(3);
    }
    if total > MAX_UNZIPPED_BYTES {
        let largest = largest.into_iter().map(|(path, size)| (path.to_string(), size)).collect();
        Err(PackageError::UnzippedTooLarge { bytes: total, largest })
    } else {
        Ok(total)
    }
}

/// Sorts, checks and compresses `items` on `threads` threads and writes the zip, which must fit a
/// direct upload.
pub(crate) fn write(items: Vec<Item>, threads: usize) -> Result<Package, PackageError> {
    check_zipped(build(items, threads)?)
}

/// Sorts, checks and compresses `items` on `threads` threads and writes the zip, whatever its
/// size. The bytes do not depend on `threads`: each entry is compressed on its own and they are
/// written in path order.
pub(crate) fn build(mut items: Vec<Item>, threads: usize) -> Result<Package, PackageError> {
    for item in &items {
        check_name(&item.path)?;
    }
    // `str`'s order is byte-wise, which is the order the brief and every unzip listing agree on.
    items.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(pair) = items.windows(2).find(|pair| pair[0].path == pair[1].path) {
        return Err(PackageError::DuplicateEntry { path: pair[0].path.clone() });
    }

    let entries = compress_all(&items, threads)?;
    // Checked again on what was read: files can grow between the listing and the reading.
    let sizes = items.iter().zip(&entries).map(|(item, entry)| (&*item.path, entry.uncompressed_size));
    let unzipped_bytes = check_unzipped(sizes)?;
    let bytes = zipfile::write(&entries);
    Ok(finished(bytes, unzipped_bytes, items.len()))
}

/// A package around finished zip `bytes`: their hashes computed here.
pub(crate) fn finished(bytes: Vec<u8>, unzipped_bytes: u64, files: usize) -> Package {
    let digest = Sha256::digest(&bytes);
    Package {
        sha256_hex: super::cache::hex(&digest),
        sha256_base64: base64::engine::general_purpose::STANDARD.encode(digest),
        unzipped_bytes,
        files,
        bytes,
    }
}

/// Compresses each item; the result is in the order of `items`, and on failure the error is the
/// one of the first failing item, as a sequential run would report.
fn compress_all(items: &[Item], threads: usize) -> Result<Vec<Entry>, PackageError> {
    parallel_map(items, threads, deflate::Reused::take, |compressor, item| compress(compressor, item))
}

/// `work` applied to every item on up to `threads` threads, each with its own `state` (made once
/// per thread). The results are in the order of `items`; on failure the error is the one of the
/// first failing item, as a sequential run would report.
pub(crate) fn parallel_map<T: Sync, S, R: Send>(
    items: &[T],
    threads: usize,
    state: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &T) -> Result<R, PackageError> + Sync,
) -> Result<Vec<R>, PackageError> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        let mut state = state();
        return items.iter().map(|item| work(&mut state, item)).collect();
    }
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let mut slots: Vec<Option<Result<R, PackageError>>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut state = state();
                    let mut done = Vec::new();
                    // Indices are handed out in increasing order and a claimed item is always
                    // finished, so when one fails every item before it has a result.
                    while !failed.load(Ordering::Relaxed) {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break };
                        let result = work(&mut state, item);
                        if result.is_err() {
                            failed.store(true, Ordering::Relaxed);
                        }
                        done.push((index, result));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            let done = worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (index, result) in done {
                slots[index] = Some(result);
            }
        }
    });
    let mut results = Vec::with_capacity(items.len());
    for slot in slots {
        match slot {
            Some(result) => results.push(result?),
            // Only items after a failure are skipped, and the failure came first.
            None => unreachable!("an item was skipped without an earlier failure"),
        }
    }
    Ok(results)
}

fn compress(compressor: &mut Compressor, item: &Item) -> Result<Entry, PackageError> {
    let mut entry = |contents: &[u8]| Entry {
        name: item.path.clone(),
        mode: mode(&item.path, item.executable),
        crc32: deflate::crc32(contents),
        uncompressed_size: contents.len() as u64,
        data: compressor.compress(contents),
    };
    Ok(match &item.source {
        Source::Memory(contents) => entry(contents),
        Source::Disk(disk) => {
            let mut contents = Vec::new();
            read_bounded(disk, &item.path, |chunk| contents.extend_from_slice(chunk))?;
            entry(&contents)
        }
    })
}

/// Reads the regular file `disk` (archive path `path`) in chunks, at most Lambda's unzipped limit
/// of it. The walk listed a regular file, but what is read is what the path names now: opened
/// without blocking and checked again, a FIFO or device swapped in since cannot hang the synth,
/// and a file growing without end cannot fill the memory.
pub(crate) fn read_bounded(
    disk: &std::path::Path,
    path: &str,
    mut chunk: impl FnMut(&[u8]),
) -> Result<u64, PackageError> {
    use std::io::Read as _;
    let io_error = |source| PackageError::Io { path: path.to_string(), source };
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        open.custom_flags(libc::O_NONBLOCK);
    }
    let file = open.open(disk).map_err(io_error)?;
    if !file.metadata().map_err(io_error)?.is_file() {
        return Err(PackageError::SpecialFile { path: path.to_string() });
    }
    let mut file = file.take(MAX_UNZIPPED_BYTES + 1);
    let mut buffer = vec![0; 256 * 1024];
    let mut total = 0u64;
    loop {
        let read = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(io_error(error)),
        };
        total += read as u64;
        if total > MAX_UNZIPPED_BYTES {
            return Err(PackageError::UnzippedTooLarge { bytes: total, largest: vec![(path.to_string(), total)] });
        }
        chunk(&buffer[..read]);
    }
    Ok(total)
}

/// How many threads to compress on: the cores there are, and one if that cannot be told.
pub(crate) fn default_threads() -> usize {
    // Asked once: on cgroup v1 each call reads three files, a thousand times per large synth.
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(count: usize) -> Vec<Item> {
        (0..count)
            .rev()
            .map(|i| Item {
                path: format!("dir{}/file{i:03}.py", i % 7),
                source: Source::Memory(format!("print({i})\n").repeat(i * 13).into_bytes()),
                executable: i % 5 == 0,
            })
            .collect()
    }

    /// What an independent reader (the `zip` crate) finds in `bytes`: name, mode, contents.
    fn read_back(bytes: &[u8]) -> Vec<(String, u32, Vec<u8>)> {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        (0..archive.len())
            .map(|index| {
                let mut file = archive.by_index(index).unwrap();
                let mut contents = Vec::new();
                std::io::Read::read_to_end(&mut file, &mut contents).unwrap();
                assert_eq!(
                    file.last_modified().map(|time| (time.year(), time.month(), time.day())),
                    Some((1980, 1, 1))
                );
                (file.name().unwrap().to_string(), file.unix_mode().unwrap(), contents)
            })
            .collect()
    }

    fn expected(mut items: Vec<Item>) -> Vec<(String, u32, Vec<u8>)> {
        items.sort_by(|a, b| a.path.cmp(&b.path));
        items
            .into_iter()
            .map(|item| {
                let Source::Memory(contents) = item.source else { unreachable!() };
                (item.path.clone(), 0o100_000 | mode(&item.path, item.executable), contents)
            })
            .collect()
    }

    #[test]
    fn parallel_bytes_equal_sequential_bytes() {
        let one = write(items(200), 1).unwrap();
        for threads in [2, 3, 8, 500] {
            let many = write(items(200), threads).unwrap();
            assert!(one.bytes == many.bytes, "{threads} threads changed the bytes");
        }
        assert!(read_back(&one.bytes) == expected(items(200)), "an independent reader disagrees");
    }

    #[test]
    fn non_ascii_names_are_marked_utf8() {
        let make =
            || vec![Item { path: "données/é.py".into(), source: Source::Memory(b"x".to_vec()), executable: false }];
        let package = write(make(), 2).unwrap();
        assert!(read_back(&package.bytes) == expected(make()));
        // General purpose flag bit 11, in the local header (offset 6).
        assert_eq!(u16::from_le_bytes([package.bytes[6], package.bytes[7]]) & (1 << 11), 1 << 11);
    }

    #[test]
    fn more_than_65535_entries_get_a_zip64_end_record() {
        let many = || {
            (0..70_000)
                .map(|i| Item {
                    path: format!("m/{i:05}"),
                    source: Source::Memory(vec![(i % 251) as u8]),
                    executable: false,
                })
                .collect::<Vec<_>>()
        };
        let package = write(many(), 2).unwrap();
        assert_eq!(package.files, 70_000);
        assert!(read_back(&package.bytes) == expected(many()));
    }

    #[test]
    fn an_empty_file_and_incompressible_bytes() {
        let noise: Vec<u8> = (0..1_000_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect();
        let make = || {
            vec![
                Item { path: "empty".into(), source: Source::Memory(Vec::new()), executable: false },
                Item { path: "noise.bin".into(), source: Source::Memory(noise.clone()), executable: true },
            ]
        };
        assert!(read_back(&write(make(), 1).unwrap().bytes) == expected(make()));
    }

    #[test]
    fn the_first_failure_in_path_order_is_reported() {
        let mut list = items(50);
        for name in ["b-missing", "a-missing"] {
            list.push(Item {
                path: format!("dir0/{name}"),
                source: Source::Disk(PathBuf::from("/nonexistent/lambda-stack").join(name)),
                executable: false,
            });
        }
        for threads in [1, 2, 4] {
            let list = list.iter().map(|i| Item {
                path: i.path.clone(),
                source: match &i.source {
                    Source::Memory(m) => Source::Memory(m.clone()),
                    Source::Disk(d) => Source::Disk(d.clone()),
                },
                executable: i.executable,
            });
            let error = write(list.collect(), threads).unwrap_err();
            assert!(error.to_string().starts_with("cannot read `dir0/a-missing`: "), "{error}");
        }
    }

    #[test]
    fn unsafe_names() {
        for (name, why) in [
            ("", "empty"),
            ("/etc/passwd", "starts with `/`"),
            ("a\\b.py", "`\\`"),
            ("a\nb", "control character"),
            ("a\0b", "control character"),
            ("dir/", "ends with `/`"),
            ("a//b", "empty segment"),
            ("../up", "`..`"),
            ("a/../../up", "`..`"),
            ("./a", "`.` segment"),
            ("C:/windows", "drive letter"),
        ] {
            let message = check_name(name).unwrap_err().to_string();
            assert!(message.contains(why), "{name:?}: {message}");
            assert!(!message.contains('\n'), "{message}");
        }
        for fine in ["bootstrap", "a/b/c.py", "..hidden", "a..b", "dé.py", "a:b", "CC:/x"] {
            assert!(check_name(fine).is_ok(), "{fine}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
        let started = std::time::Instant::now();
        let error = read_bounded(&fifo, "pipe", |_| ()).unwrap_err();
        assert!(matches!(error, PackageError::SpecialFile { .. }), "{error}");
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        let mut sum = 0;
        std::fs::write(dir.path().join("f"), vec![7u8; 300_000]).unwrap();
        assert_eq!(read_bounded(&dir.path().join("f"), "f", |chunk| sum += chunk.len()).unwrap(), 300_000);
        assert_eq!(sum, 300_000);
    }

    #[test]
    fn modes() {
        assert_eq!(mode("bootstrap", false), 0o755);
        assert_eq!(mode("bin/bootstrap", false), 0o644);
        assert_eq!(mode("run.sh", true), 0o755);
        assert_eq!(mode("app.py", false), 0o644);
    }

    #[test]
    fn unzipped_limit_names_the_three_largest() {
        let mb = 1_048_576;
        assert_eq!(check_unzipped([("a", MAX_UNZIPPED_BYTES)]).unwrap(), MAX_UNZIPPED_BYTES);
        let sizes = [("small", 1), ("big.so", 100 * mb), ("mid", 50 * mb), ("huge.bin", 101 * mb), ("tie", 50 * mb)];
        let message = check_unzipped(sizes).unwrap_err().to_string();
        assert_eq!(
            message,
            "the package is 301.0 MB unzipped (315621377 bytes), above Lambda's limit of 250 MB \
             (262144000 bytes) for a function and its layers; the largest files are `huge.bin` \
             (101 MB), `big.so` (100 MB), `mid` (50 MB)"
        );
    }

    #[test]
    fn zipped_limit_keeps_the_package() {
        let package = |len: u64| Package {
            bytes: vec![0; len as usize],
            sha256_hex: String::new(),
            sha256_base64: String::new(),
            unzipped_bytes: 0,
            files: 1,
        };
        assert!(check_zipped(package(MAX_ZIP_BYTES)).is_ok());
        match check_zipped(package(MAX_ZIP_BYTES + 1)).unwrap_err() {
            error @ PackageError::ZipTooLarge { .. } => {
                assert_eq!(
                    error.to_string(),
                    "the package is 50.0 MB zipped (52428801 bytes), above the 50 MB limit for a \
                     direct upload (52428800 bytes); declare `assets: BUCKET` on the stack, naming \
                     one of its buckets, to upload it through S3"
                );
                let PackageError::ZipTooLarge { package } = error else { unreachable!() };
                assert_eq!(package.bytes.len() as u64, MAX_ZIP_BYTES + 1);
            }
            other => panic!("{other}"),
        }
    }
}
