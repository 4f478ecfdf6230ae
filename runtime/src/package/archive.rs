//! Writing the zip: entry names, sizes, and compression spread over the machine's cores.

use std::io::Cursor;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use base64::Engine as _;
use zip::write::{PreparedZipFile, SimpleFileOptions};
use zip::{CompressionMethod, DateTime, System, ZipWriter};

use super::cache::Sha256;
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

/// The options of every entry: everything fixed but the mode, so equal input gives equal bytes.
pub(crate) fn options(mode: u32) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(DateTime::default())
        .system(System::Unix)
        .unix_permissions(mode)
}

/// A name is a relative `/`-separated path to a file that every unzip extracts to the same place.
pub(crate) fn check_name(path: &str) -> Result<(), PackageError> {
    let reason = if path.is_empty() {
        Some("it is empty")
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

    let prepared = compress_all(&items, threads)?;
    // Checked again on what was read: files can grow between the listing and the reading.
    let sizes = items.iter().zip(&prepared).map(|(item, file)| (&*item.path, file.uncompressed_size()));
    let unzipped_bytes = check_unzipped(sizes)?;

    // Headers: 30 bytes local and 46 central per entry plus the name twice, 22 for the end record.
    let headers: usize = items.iter().map(|item| 76 + 2 * item.path.len()).sum();
    let data: u64 = prepared.iter().map(PreparedZipFile::compressed_size).sum();
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(data as usize + headers + 22)));
    for file in prepared {
        zip.add_prepared_file(file)?;
    }
    let bytes = zip.finish()?.into_inner();

    Ok(finished(bytes, unzipped_bytes, items.len()))
}

/// A package around finished zip `bytes`: their hashes computed here.
pub(crate) fn finished(bytes: Vec<u8>, unzipped_bytes: u64, files: usize) -> Package {
    let digest = Sha256::digest(&bytes);
    Package {
        sha256_hex: digest.iter().map(|byte| format!("{byte:02x}")).collect(),
        sha256_base64: base64::engine::general_purpose::STANDARD.encode(digest),
        unzipped_bytes,
        files,
        bytes,
    }
}

/// Compresses each item; the result is in the order of `items`, and on failure the error is the
/// one of the first failing item, as a sequential run would report.
fn compress_all(items: &[Item], threads: usize) -> Result<Vec<PreparedZipFile>, PackageError> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().map(compress).collect();
    }
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let mut slots: Vec<Option<Result<PreparedZipFile, PackageError>>> =
        std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    // Indices are handed out in increasing order and a claimed item is always
                    // finished, so when one fails every item before it has a result.
                    while !failed.load(Ordering::Relaxed) {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break };
                        let result = compress(item);
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
    let mut prepared = Vec::with_capacity(items.len());
    for slot in slots {
        match slot {
            Some(result) => prepared.push(result?),
            // Only items after a failure are skipped, and the failure came first.
            None => unreachable!("an item was skipped without an earlier failure"),
        }
    }
    Ok(prepared)
}

fn compress(item: &Item) -> Result<PreparedZipFile, PackageError> {
    let options = options(mode(&item.path, item.executable));
    let file = match &item.source {
        Source::Memory(contents) => PreparedZipFile::from_data(&item.path, options, contents),
        Source::Disk(disk) => {
            let mut contents = Vec::new();
            read_bounded(disk, &item.path, |chunk| contents.extend_from_slice(chunk))?;
            PreparedZipFile::from_data(&item.path, options, &contents)
        }
    };
    Ok(file?)
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
    use std::io::Write as _;

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

    /// The same archive written the plain way: `start_file` and `write_all`, one file at a time.
    fn sequential_reference(mut items: Vec<Item>) -> Vec<u8> {
        items.sort_by(|a, b| a.path.cmp(&b.path));
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for item in items {
            let Source::Memory(contents) = item.source else { unreachable!() };
            zip.start_file(&item.path, options(mode(&item.path, item.executable))).unwrap();
            zip.write_all(&contents).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn parallel_bytes_equal_sequential_bytes() {
        let one = write(items(200), 1).unwrap();
        for threads in [2, 3, 8, 500] {
            let many = write(items(200), threads).unwrap();
            assert!(one.bytes == many.bytes, "{threads} threads changed the bytes");
        }
        assert!(one.bytes == sequential_reference(items(200)), "prepared files differ from start_file");
    }

    #[test]
    fn non_ascii_names_match_the_plain_writer() {
        let make =
            || vec![Item { path: "données/é.py".into(), source: Source::Memory(b"x".to_vec()), executable: false }];
        assert!(write(make(), 2).unwrap().bytes == sequential_reference(make()));
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
