//! Prebuilt zips (`code: "dist/app.zip"`): the central directory of a zip, the checks Lambda's
//! unzip would fail on, and the entries a handler names, read without unpacking anything.
//!
//! Std only, like the rest of this crate: the listing is read from the end-of-central-directory
//! record (and its Zip64 form, which zips of more than 65,535 entries need), and an entry's
//! contents are read from its local header, stored or deflated; deflate is undone by a small
//! inflater written after Mark Adler's `puff.c` (RFC 1951). Only what a handler check needs is
//! read, and never more than [`super::MAX_SOURCE_BYTES`] of an entry.
//!
//! A zip deploys byte for byte, so its own file modes are what Lambda gets: they come from the
//! high 16 bits of each entry's external attributes, when the zip was made on Unix.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::{absolute, too_big, DirEntry, Tree, MAX_SOURCE_BYTES};
use crate::rules::limits::MAX_UNZIPPED_BYTES;

/// The most of a central directory read: 64 MiB lists over half a million entries, far more than
/// fit in Lambda's 250 MB.
const MAX_DIRECTORY_BYTES: u64 = 64 * 1024 * 1024;

/// Whether `code` names a prebuilt zip: a path ending in `.zip` (any letter case) that is not a
/// directory. A missing `dist/app.zip` is one too, so its error says what was expected.
///
/// ```
/// use lambda_stack_core::scan::zip::is_prebuilt;
/// assert!(is_prebuilt("dist/app.zip".as_ref()));
/// assert!(is_prebuilt("dist/APP.ZIP".as_ref()));
/// assert!(!is_prebuilt("functions/hello".as_ref()));
/// ```
pub fn is_prebuilt(code: &Path) -> bool {
    code.extension().is_some_and(|extension| extension.eq_ignore_ascii_case("zip")) && !code.is_dir()
}

/// One entry of a zip's central directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipEntry {
    /// The name as stored (`/`-separated; a directory's ends with `/`).
    pub name: String,
    /// 0 stored, 8 deflated; anything else is refused by [`Zip::problems`].
    pub method: u16,
    /// General purpose flags (bit 0: encrypted).
    pub flags: u16,
    pub crc32: u32,
    pub compressed_size: u64,
    pub uncompressed_size: u64,
    /// The Unix mode (`0o100644`), when the zip was made on Unix and stored one.
    pub mode: Option<u32>,
    local_header_offset: u64,
}

impl ZipEntry {
    /// A directory entry: a name ending with `/`, or a Unix directory mode.
    pub fn is_dir(&self) -> bool {
        self.name.ends_with('/') || self.mode.is_some_and(|mode| mode & 0o170_000 == 0o040_000)
    }

    /// A symbolic link: its contents are the target.
    pub fn is_symlink(&self) -> bool {
        self.mode.is_some_and(|mode| mode & 0o170_000 == 0o120_000)
    }

    fn is_encrypted(&self) -> bool {
        self.flags & 1 != 0
    }
}

/// A zip's listing, and where to read its entries from.
#[derive(Debug, Clone)]
pub struct Zip {
    /// The zip as the user wrote it (`dist/app.zip`), for messages.
    pub display: String,
    path: PathBuf,
    /// The zip's size in bytes: what a direct upload sends.
    pub bytes: u64,
    pub entries: Vec<ZipEntry>,
    /// Entry index by name, directories without their trailing `/`.
    by_name: BTreeMap<String, usize>,
}

impl Zip {
    /// Reads the listing of the zip at `path` (written `display`).
    pub fn open(path: &Path, display: &str) -> Result<Zip, String> {
        let mut file = fs::File::open(path).map_err(|error| format!("cannot read `{display}`: {error}"))?;
        let metadata = file.metadata().map_err(|error| format!("cannot read `{display}`: {error}"))?;
        if !metadata.is_file() {
            return Err(format!("`{display}` is not a regular file; a prebuilt zip is a file"));
        }
        let entries = read_directory(&mut file, display)?;
        Ok(Zip::new(display, absolute(path), metadata.len(), entries))
    }

    /// The listing of zip `bytes` (in memory, as the packager holds them); its entries cannot be
    /// read, only listed.
    pub fn from_bytes(bytes: &[u8], display: &str) -> Result<Zip, String> {
        let entries = read_directory(&mut std::io::Cursor::new(bytes), display)?;
        Ok(Zip::new(display, PathBuf::new(), bytes.len() as u64, entries))
    }

    fn new(display: &str, path: PathBuf, bytes: u64, entries: Vec<ZipEntry>) -> Zip {
        let mut by_name = BTreeMap::new();
        for (index, entry) in entries.iter().enumerate() {
            by_name.entry(entry.name.trim_end_matches('/').to_string()).or_insert(index);
        }
        Zip { display: display.to_string(), path, bytes, entries, by_name }
    }

    /// The entries' uncompressed sizes added up: what Lambda extracts.
    pub fn unzipped_bytes(&self) -> u64 {
        self.entries.iter().map(|entry| entry.uncompressed_size).fold(0, u64::saturating_add)
    }

    /// The file entries (directories not counted).
    pub fn files(&self) -> usize {
        self.entries.iter().filter(|entry| !entry.is_dir()).count()
    }

    /// What Lambda would refuse or extract wrongly: no file at all, a name that is absolute, has a
    /// `..` segment, a `\` or a drive letter, a name twice, an encrypted entry, a compression
    /// other than deflate, a file other users cannot read, more than 250 MB unzipped. Each
    /// problem is one message.
    pub fn problems(&self) -> Vec<String> {
        let display = &self.display;
        let mut problems = Vec::new();
        if self.files() == 0 {
            problems.push(format!("`{display}` holds no files; Lambda needs at least the handler's"));
        }
        let mut seen = std::collections::BTreeSet::new();
        for entry in &self.entries {
            let name = &entry.name;
            if let Some(reason) = unsafe_name(name) {
                problems.push(format!("entry `{}` of `{display}` {reason}", name.escape_debug()));
                continue;
            }
            if !seen.insert(name.trim_end_matches('/')) {
                problems.push(format!(
                    "entry `{name}` appears twice in `{display}`; which one Lambda extracts depends on its unzip"
                ));
            }
            if entry.is_encrypted() {
                problems.push(format!("entry `{name}` of `{display}` is encrypted; Lambda cannot extract it"));
            } else if !matches!(entry.method, 0 | 8) && !entry.is_dir() {
                problems.push(format!(
                    "entry `{name}` of `{display}` is compressed with method {} ({}); zip it with deflate (or \
                     stored), the methods every unzip reads",
                    entry.method,
                    method_name(entry.method)
                ));
            }
        }
        // Lambda runs the code as a user that owns none of it: a file others cannot read fails to
        // load ("Lambda requires global read permissions on code files", AWS Knowledge Center).
        let unreadable: Vec<String> = self
            .entries
            .iter()
            .filter(|entry| !entry.is_dir() && !entry.is_symlink())
            .filter_map(|entry| Some((entry, entry.mode?)))
            .filter(|(_, mode)| mode & 0o004 == 0)
            .map(|(entry, mode)| format!("`{}` (mode {:o})", entry.name, mode & 0o7777))
            .collect();
        if let Some(first) = unreadable.first() {
            let more = match unreadable.len() {
                1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            problems.push(format!(
                "{first}{more} in `{display}` cannot be read by other users; Lambda runs the code as a user that \
                 owns none of it and needs every file world-readable: `chmod -R o+r` the files before zipping"
            ));
        }
        let unzipped = self.unzipped_bytes();
        if unzipped > MAX_UNZIPPED_BYTES {
            problems.push(format!(
                "`{display}` is {unzipped} bytes unzipped, above Lambda's limit of {MAX_UNZIPPED_BYTES} bytes (250 MB) \
                 for a function and its layers"
            ));
        }
        problems
    }

    /// The entry at `relative`, following symbolic links inside the zip (at most 8).
    fn resolve(&self, relative: &str) -> Result<&ZipEntry, String> {
        let mut name = relative.to_string();
        for _ in 0..8 {
            let Some(entry) = self.by_name.get(&name).map(|&index| &self.entries[index]) else {
                return Err(format!("`{}` is not in `{}`", name, self.display));
            };
            if !entry.is_symlink() {
                return Ok(entry);
            }
            let target = String::from_utf8_lossy(&self.contents(entry, 4096)?).into_owned();
            let parent = name.rsplit_once('/').map_or("", |(parent, _)| parent);
            name = normalize(parent, &target)
                .ok_or_else(|| format!("`{}/{relative}` is a symlink to `{target}`, outside the zip", self.display))?;
        }
        Err(format!("`{}/{relative}` is a symlink that leads back to itself", self.display))
    }

    /// The contents of `entry`, at most `limit` bytes uncompressed, checked against its CRC-32.
    fn contents(&self, entry: &ZipEntry, limit: u64) -> Result<Vec<u8>, String> {
        let display = format!("{}/{}", self.display, entry.name);
        let broken = |why: &str| format!("cannot read `{display}`: {why}");
        if entry.is_encrypted() {
            return Err(broken("it is encrypted"));
        }
        if entry.uncompressed_size > limit {
            too_big(&display, entry.uncompressed_size)?;
            return Err(broken("it is too large"));
        }
        let mut file =
            fs::File::open(&self.path).map_err(|error| format!("cannot read `{}`: {error}", self.display))?;
        let io = |error: std::io::Error| broken(&error.to_string());
        file.seek(SeekFrom::Start(entry.local_header_offset)).map_err(io)?;
        let mut header = [0u8; 30];
        file.read_exact(&mut header).map_err(io)?;
        if le32(&header, 0) != 0x0403_4b50 {
            return Err(broken("its local header is missing (a damaged zip)"));
        }
        let skip = u64::from(le16(&header, 26)) + u64::from(le16(&header, 28));
        file.seek(SeekFrom::Current(skip as i64)).map_err(io)?;
        // A deflate stream is at most a few bytes per 64 KiB longer than its data.
        if entry.compressed_size > limit + limit / 64 + 1024 {
            return Err(broken("its compressed size is larger than its contents could be"));
        }
        let mut compressed = Vec::with_capacity(entry.compressed_size as usize);
        file.take(entry.compressed_size).read_to_end(&mut compressed).map_err(io)?;
        if compressed.len() as u64 != entry.compressed_size {
            return Err(broken("the zip ends inside it (a truncated zip)"));
        }
        let data = match entry.method {
            0 => compressed,
            8 => inflate(&compressed, entry.uncompressed_size as usize).map_err(|why| broken(&why))?,
            other => return Err(broken(&format!("compression method {other} ({}) is not read", method_name(other)))),
        };
        if data.len() as u64 != entry.uncompressed_size {
            return Err(broken("its size differs from the one the zip lists (a damaged zip)"));
        }
        if crc32(&data) != entry.crc32 {
            return Err(broken("its CRC-32 differs from the one the zip lists (a damaged zip)"));
        }
        Ok(data)
    }

    /// The bytes of the file at `relative` (symbolic links followed), at most `limit`.
    pub fn read(&self, relative: &str, limit: u64) -> Result<Vec<u8>, String> {
        let entry = self.resolve(relative)?;
        if entry.is_dir() {
            return Err(format!("`{}/{relative}` is a directory, not a file", self.display));
        }
        self.contents(entry, limit)
    }

    /// The Unix mode of the file at `relative` (symbolic links followed).
    pub fn mode(&self, relative: &str) -> Result<Option<u32>, String> {
        self.resolve(relative).map(|entry| entry.mode)
    }
}

impl Tree for Zip {
    fn list(&self, dir: &str) -> Vec<DirEntry> {
        let prefix = if dir.is_empty() { String::new() } else { format!("{dir}/") };
        let mut children: BTreeMap<&str, bool> = BTreeMap::new();
        for (name, &index) in self.by_name.range(prefix.clone()..) {
            let Some(rest) = name.strip_prefix(&prefix) else { break };
            if rest.is_empty() {
                continue;
            }
            let (child, is_dir) = match rest.split_once('/') {
                Some((child, _)) => (child, true),
                None => (rest, self.entries[index].is_dir()),
            };
            *children.entry(child).or_default() |= is_dir;
        }
        children.into_iter().map(|(name, is_dir)| DirEntry { name: name.to_string(), is_dir }).collect()
    }

    fn read(&self, relative: &str) -> Result<String, String> {
        let bytes = Zip::read(self, relative, MAX_SOURCE_BYTES)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    fn shown(&self, relative: &str) -> String {
        format!("{}/{relative}", self.display.trim_end_matches('/'))
    }

    fn tracked(&self, relative: &str) -> PathBuf {
        PathBuf::from(relative)
    }
}

/// Why a zip entry name would not extract where it says, if it would not.
fn unsafe_name(name: &str) -> Option<&'static str> {
    let first = name.split('/').next().unwrap_or_default();
    if name.starts_with('/') {
        Some("is absolute; Lambda extracts entries under its task root, so name them relative to it")
    } else if name.split('/').any(|segment| segment == "..") {
        Some("has a `..` segment, which would extract outside the task root")
    } else if name.contains('\\') {
        Some("contains `\\`, which Lambda's unzip keeps as part of the name (a zip made on Windows?): zip it with `/` separators")
    } else if first.len() == 2 && first.as_bytes()[0].is_ascii_alphabetic() && first.as_bytes()[1] == b':' {
        Some("starts with a drive letter; name entries relative to the task root")
    } else if name.chars().any(char::is_control) {
        Some("contains a control character")
    } else if name.is_empty() {
        Some("has an empty name")
    } else {
        None
    }
}

/// `target` (a symlink's, relative to directory `parent`) as a name inside the zip.
fn normalize(parent: &str, target: &str) -> Option<String> {
    if target.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = parent.split('/').filter(|p| !p.is_empty()).collect();
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

fn method_name(method: u16) -> &'static str {
    match method {
        0 => "stored",
        8 => "deflate",
        9 => "deflate64",
        12 => "bzip2",
        14 => "LZMA",
        93 => "zstd",
        95 => "xz",
        _ => "unknown",
    }
}

fn le16(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn le32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

fn le64(bytes: &[u8], at: usize) -> u64 {
    u64::from(le32(bytes, at)) | (u64::from(le32(bytes, at + 4)) << 32)
}

/// The central directory of the zip in `reader`.
fn read_directory(reader: &mut (impl Read + Seek), display: &str) -> Result<Vec<ZipEntry>, String> {
    let io = |error: std::io::Error| format!("cannot read `{display}`: {error}");
    let not_zip = |why: &str| format!("`{display}` is not a zip ({why}); `code` names a directory or a `.zip` file");
    let damaged = |why: &str| format!("`{display}` is a damaged zip: {why}");
    let len = reader.seek(SeekFrom::End(0)).map_err(io)?;
    // The end record is 22 bytes and a comment of at most 65,535 follows it.
    let tail_len = len.min(22 + 65_535);
    reader.seek(SeekFrom::Start(len - tail_len)).map_err(io)?;
    let mut tail = vec![0; tail_len as usize];
    reader.read_exact(&mut tail).map_err(io)?;
    let end = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&at| le32(&tail, at) == 0x0605_4b50 && at + 22 + usize::from(le16(&tail, at + 20)) <= tail.len())
        .ok_or_else(|| not_zip("no end of central directory record"))?;
    let record = &tail[end..end + 22];
    let (disk, directory_disk) = (le16(record, 4), le16(record, 6));
    let (on_disk, mut count) = (u64::from(le16(record, 8)), u64::from(le16(record, 10)));
    let (mut size, mut offset) = (u64::from(le32(record, 12)), u64::from(le32(record, 16)));
    if disk != 0 || directory_disk != 0 || on_disk != count {
        return Err(format!("`{display}` is one part of a multi-disk (split) zip; Lambda takes a single zip file"));
    }
    if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
        // Zip64: a locator 20 bytes before the end record gives the Zip64 end record.
        let locator_at = (len - tail_len + end as u64).checked_sub(20).ok_or_else(|| damaged("no Zip64 locator"))?;
        reader.seek(SeekFrom::Start(locator_at)).map_err(io)?;
        let mut locator = [0u8; 20];
        reader.read_exact(&mut locator).map_err(io)?;
        if le32(&locator, 0) != 0x0706_4b50 {
            return Err(damaged("its end record says Zip64 but no Zip64 locator precedes it"));
        }
        if le32(&locator, 16) > 1 || le32(&locator, 4) != 0 {
            return Err(format!("`{display}` is one part of a multi-disk (split) zip; Lambda takes a single zip file"));
        }
        reader.seek(SeekFrom::Start(le64(&locator, 8))).map_err(io)?;
        let mut record = [0u8; 56];
        reader.read_exact(&mut record).map_err(io)?;
        if le32(&record, 0) != 0x0606_4b50 {
            return Err(damaged("its Zip64 end record is missing"));
        }
        count = le64(&record, 32);
        size = le64(&record, 40);
        offset = le64(&record, 48);
    }
    if size > MAX_DIRECTORY_BYTES {
        return Err(format!(
            "`{display}` lists more entries than fit in Lambda's 250 MB ({size} bytes of central directory)"
        ));
    }
    if offset.checked_add(size).is_none_or(|directory_end| directory_end > len) {
        return Err(damaged("its central directory lies past the end of the file (a truncated zip?)"));
    }
    reader.seek(SeekFrom::Start(offset)).map_err(io)?;
    let mut directory = vec![0; size as usize];
    reader.read_exact(&mut directory).map_err(io)?;
    // Each entry takes at least 46 bytes: a count above that is a damaged record.
    let mut entries = Vec::with_capacity(count.min(size / 46) as usize);
    let mut at = 0usize;
    for _ in 0..count {
        if at + 46 > directory.len() || le32(&directory, at) != 0x0201_4b50 {
            return Err(damaged("its central directory ends before the entries it counts"));
        }
        let header = &directory[at..at + 46];
        let made_on = le16(header, 4) >> 8;
        let (name_len, extra_len, comment_len) =
            (usize::from(le16(header, 28)), usize::from(le16(header, 30)), usize::from(le16(header, 32)));
        let next = at + 46 + name_len + extra_len + comment_len;
        if next > directory.len() {
            return Err(damaged("an entry of its central directory runs past its end"));
        }
        let name = String::from_utf8_lossy(&directory[at + 46..at + 46 + name_len]).into_owned();
        let extra = &directory[at + 46 + name_len..at + 46 + name_len + extra_len];
        let mut uncompressed_size = u64::from(le32(header, 24));
        let mut compressed_size = u64::from(le32(header, 20));
        let mut local_header_offset = u64::from(le32(header, 42));
        let mut start_disk = u32::from(le16(header, 34));
        zip64_extra(extra, &mut uncompressed_size, &mut compressed_size, &mut local_header_offset, &mut start_disk);
        if start_disk != 0 {
            return Err(format!("`{display}` is one part of a multi-disk (split) zip; Lambda takes a single zip file"));
        }
        // Unix (3) and macOS (19) keep the mode in the high half of the external attributes.
        let mode = Some(le32(header, 38) >> 16).filter(|&mode| matches!(made_on, 3 | 19) && mode != 0);
        entries.push(ZipEntry {
            name,
            method: le16(header, 10),
            flags: le16(header, 8),
            crc32: le32(header, 16),
            compressed_size,
            uncompressed_size,
            mode,
            local_header_offset,
        });
        at = next;
    }
    Ok(entries)
}

/// The Zip64 extra field (id 1) holds, in this order, each of the sizes, the offset and the disk
/// whose 32-bit (16-bit for the disk) field is all ones.
fn zip64_extra(extra: &[u8], uncompressed: &mut u64, compressed: &mut u64, offset: &mut u64, disk: &mut u32) {
    let mut at = 0;
    while at + 4 <= extra.len() {
        let (id, len) = (le16(extra, at), usize::from(le16(extra, at + 2)));
        let body = &extra[at + 4..(at + 4 + len).min(extra.len())];
        if id == 1 {
            let mut read = 0;
            for field in [uncompressed, compressed, offset] {
                if *field == 0xFFFF_FFFF && read + 8 <= body.len() {
                    *field = le64(body, read);
                    read += 8;
                }
            }
            if *disk == 0xFFFF && read + 4 <= body.len() {
                *disk = le32(body, read);
            }
            return;
        }
        at += 4 + len;
    }
}

/// CRC-32 (the zip polynomial, reflected 0xEDB88320).
pub fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut n = 0;
        while n < 256 {
            let mut c = n as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            table[n] = c;
            n += 1;
        }
        table
    };
    !data.iter().fold(!0u32, |crc, &byte| TABLE[((crc ^ u32::from(byte)) & 0xFF) as usize] ^ (crc >> 8))
}

// ---- inflate (RFC 1951), after zlib's contrib/puff/puff.c ----

/// Lengths for length symbols 257..285, and their extra bits.
const LENGTH_BASE: [u16; 29] =
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA: [u8; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
/// Offsets for distance symbols 0..29, and their extra bits.
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA: [u8; 30] =
    [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const MAX_BITS: usize = 15;

struct Bits<'a> {
    input: &'a [u8],
    at: usize,
    buffer: u64,
    count: u32,
}

impl Bits<'_> {
    /// The next `need` bits (at most 16), least significant first.
    fn bits(&mut self, need: u32) -> Result<u32, String> {
        while self.count < need {
            let byte = *self.input.get(self.at).ok_or("the deflate stream ends early")?;
            self.at += 1;
            self.buffer |= u64::from(byte) << self.count;
            self.count += 8;
        }
        let value = (self.buffer & ((1u64 << need) - 1)) as u32;
        self.buffer >>= need;
        self.count -= need;
        Ok(value)
    }
}

/// A canonical Huffman code: how many codes of each length, and the symbols in code order.
struct Huffman {
    count: [u16; MAX_BITS + 1],
    symbol: Vec<u16>,
}

impl Huffman {
    /// The code of these code lengths; `Err` when over-subscribed, and the number of codes left
    /// unused (0 for a complete code).
    fn new(lengths: &[u8]) -> Result<(Huffman, i32), String> {
        let mut count = [0u16; MAX_BITS + 1];
        for &length in lengths {
            count[usize::from(length)] += 1;
        }
        let mut left = 1i32;
        for &codes in &count[1..] {
            left = (left << 1) - i32::from(codes);
            if left < 0 {
                return Err("an over-subscribed Huffman code".into());
            }
        }
        let mut offsets = [0u16; MAX_BITS + 1];
        for length in 1..MAX_BITS {
            offsets[length + 1] = offsets[length] + count[length];
        }
        let mut symbol = vec![0u16; lengths.len()];
        for (index, &length) in lengths.iter().enumerate() {
            if length != 0 {
                symbol[usize::from(offsets[usize::from(length)])] = index as u16;
                offsets[usize::from(length)] += 1;
            }
        }
        Ok((Huffman { count, symbol }, left))
    }

    fn decode(&self, bits: &mut Bits<'_>) -> Result<u16, String> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for length in 1..=MAX_BITS {
            code |= bits.bits(1)? as i32;
            let count = i32::from(self.count[length]);
            if code - count < first {
                return Ok(self.symbol[(index + (code - first)) as usize]);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err("a code the Huffman table does not hold".into())
    }
}

/// The data of a raw deflate stream; more than `limit` bytes of output is an error (a zip bomb,
/// or an entry larger than its listing says).
pub fn inflate(input: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let mut bits = Bits { input, at: 0, buffer: 0, count: 0 };
    let mut out = Vec::with_capacity(limit.min(16 * 1024 * 1024));
    loop {
        let last = bits.bits(1)? == 1;
        match bits.bits(2)? {
            0 => stored(&mut bits, &mut out, limit)?,
            1 => {
                let (lengths, distances) = fixed();
                codes(&mut bits, &mut out, limit, &lengths, &distances)?
            }
            2 => {
                let (lengths, distances) = dynamic(&mut bits)?;
                codes(&mut bits, &mut out, limit, &lengths, &distances)?
            }
            _ => return Err("a deflate block of the reserved type 3".into()),
        }
        if last {
            return Ok(out);
        }
    }
}

fn stored(bits: &mut Bits<'_>, out: &mut Vec<u8>, limit: usize) -> Result<(), String> {
    // The rest of the current byte is padding; whole bytes left in the buffer are data.
    bits.buffer = 0;
    bits.count = 0;
    let header = bits.input.get(bits.at..bits.at + 4).ok_or("the deflate stream ends early")?;
    let (len, complement) = (le16(header, 0), le16(header, 2));
    if len != !complement {
        return Err("a stored block whose length and its complement disagree".into());
    }
    bits.at += 4;
    let data = bits.input.get(bits.at..bits.at + usize::from(len)).ok_or("the deflate stream ends early")?;
    if out.len() + data.len() > limit {
        return Err(too_long(limit));
    }
    out.extend_from_slice(data);
    bits.at += usize::from(len);
    Ok(())
}

fn too_long(limit: usize) -> String {
    format!("the deflate stream holds more than the {limit} bytes listed")
}

fn fixed() -> (Huffman, Huffman) {
    let mut lengths = [0u8; 288];
    lengths[..144].fill(8);
    lengths[144..256].fill(9);
    lengths[256..280].fill(7);
    lengths[280..].fill(8);
    let (lengths, _) = Huffman::new(&lengths).expect("the fixed code is complete");
    let (distances, _) = Huffman::new(&[5; 30]).expect("the fixed code is complete");
    (lengths, distances)
}

fn dynamic(bits: &mut Bits<'_>) -> Result<(Huffman, Huffman), String> {
    const ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
    let literals = bits.bits(5)? as usize + 257;
    let distances = bits.bits(5)? as usize + 1;
    let code_lengths = bits.bits(4)? as usize + 4;
    if literals > 286 || distances > 30 {
        return Err("a dynamic block with too many codes".into());
    }
    let mut lengths = [0u8; 19];
    for &index in &ORDER[..code_lengths] {
        lengths[index] = bits.bits(3)? as u8;
    }
    let (lengths_code, left) = Huffman::new(&lengths)?;
    if left != 0 {
        return Err("an incomplete code-length code".into());
    }
    let mut lengths = vec![0u8; literals + distances];
    let mut index = 0;
    while index < literals + distances {
        let symbol = lengths_code.decode(bits)?;
        let (value, repeat) = match symbol {
            0..=15 => (symbol as u8, 1),
            16 => {
                let previous =
                    *index.checked_sub(1).and_then(|i| lengths.get(i)).ok_or("a repeat with nothing before")?;
                (previous, 3 + bits.bits(2)? as usize)
            }
            17 => (0, 3 + bits.bits(3)? as usize),
            _ => (0, 11 + bits.bits(7)? as usize),
        };
        if index + repeat > lengths.len() {
            return Err("code lengths repeated past their count".into());
        }
        lengths[index..index + repeat].fill(value);
        index += repeat;
    }
    if lengths[256] == 0 {
        return Err("a dynamic block without an end-of-block code".into());
    }
    let (literal_code, left) = Huffman::new(&lengths[..literals])?;
    // Only a code of a single one-bit length may be incomplete.
    if left != 0 && literals as u16 != literal_code.count[0] + literal_code.count[1] {
        return Err("an incomplete literal/length code".into());
    }
    let (distance_code, left) = Huffman::new(&lengths[literals..])?;
    if left != 0 && distances as u16 != distance_code.count[0] + distance_code.count[1] {
        return Err("an incomplete distance code".into());
    }
    Ok((literal_code, distance_code))
}

fn codes(
    bits: &mut Bits<'_>,
    out: &mut Vec<u8>,
    limit: usize,
    lengths: &Huffman,
    distances: &Huffman,
) -> Result<(), String> {
    loop {
        let symbol = lengths.decode(bits)?;
        match symbol {
            0..=255 => {
                if out.len() >= limit {
                    return Err(too_long(limit));
                }
                out.push(symbol as u8);
            }
            256 => return Ok(()),
            _ => {
                let index = usize::from(symbol - 257);
                if index >= LENGTH_BASE.len() {
                    return Err("an invalid length symbol".into());
                }
                let length = usize::from(LENGTH_BASE[index]) + bits.bits(u32::from(LENGTH_EXTRA[index]))? as usize;
                let index = usize::from(distances.decode(bits)?);
                if index >= DISTANCE_BASE.len() {
                    return Err("an invalid distance symbol".into());
                }
                let distance =
                    usize::from(DISTANCE_BASE[index]) + bits.bits(u32::from(DISTANCE_EXTRA[index]))? as usize;
                if distance > out.len() {
                    return Err("a distance back past the start of the data".into());
                }
                if out.len() + length > limit {
                    return Err(too_long(limit));
                }
                let start = out.len() - distance;
                for k in 0..length {
                    let byte = out[start + k];
                    out.push(byte);
                }
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A zip of `(name, mode, data)` entries, stored, made by hand (the deflated and Zip64 cases
    /// are tested against the `zip` crate in the root crate's tests/prebuilt.rs).
    pub(crate) fn stored_zip(entries: &[(&str, u32, &[u8])]) -> Vec<u8> {
        stored_zip_made_on(3, entries)
    }

    /// [`stored_zip`] with "version made by" naming `host` (0: MS-DOS, as Windows tools write).
    pub(crate) fn stored_zip_made_on(host: u8, entries: &[(&str, u32, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut directory = Vec::new();
        for (name, mode, data) in entries {
            let offset = out.len() as u32;
            let crc = crc32(data);
            let mut local = Vec::new();
            local.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
            local.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
            local.extend_from_slice(&crc.to_le_bytes());
            local.extend_from_slice(&(data.len() as u32).to_le_bytes());
            local.extend_from_slice(&(data.len() as u32).to_le_bytes());
            local.extend_from_slice(&(name.len() as u16).to_le_bytes());
            local.extend_from_slice(&0u16.to_le_bytes());
            local.extend_from_slice(name.as_bytes());
            out.extend_from_slice(&local);
            out.extend_from_slice(data);
            directory.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            directory.extend_from_slice(&[20, host, 20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
            directory.extend_from_slice(&crc.to_le_bytes());
            directory.extend_from_slice(&(data.len() as u32).to_le_bytes());
            directory.extend_from_slice(&(data.len() as u32).to_le_bytes());
            directory.extend_from_slice(&(name.len() as u16).to_le_bytes());
            directory.extend_from_slice(&[0; 8]);
            directory.extend_from_slice(&(mode << 16).to_le_bytes());
            directory.extend_from_slice(&offset.to_le_bytes());
            directory.extend_from_slice(name.as_bytes());
        }
        let offset = out.len() as u32;
        out.extend_from_slice(&directory);
        out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(directory.len() as u32).to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&[0; 2]);
        out
    }

    pub(crate) fn on_disk(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.zip");
        fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    #[test]
    fn crc32_of_known_strings() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn inflates_fixed_stored_and_dynamic_blocks() {
        // `printf 'hello hello hello' | python3 -c 'import sys,zlib; c=zlib.compressobj(9,8,-15);
        // sys.stdout.buffer.write(c.compress(sys.stdin.buffer.read())+c.flush())' | xxd -i`
        let fixed = [0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x57, 0xc8, 0x40, 0x90, 0x00];
        assert_eq!(inflate(&fixed, 100).unwrap(), b"hello hello hello");
        assert!(inflate(&fixed, 10).unwrap_err().contains("more than the 10 bytes"));
        // One final stored block: header byte 1, LEN 3, NLEN !3.
        assert_eq!(inflate(&[1, 3, 0, 0xfc, 0xff, b'a', b'b', b'c'], 3).unwrap(), b"abc");
        assert!(inflate(&[1, 3, 0, 0xfc, 0xfe, b'a', b'b', b'c'], 3).is_err());
        assert!(inflate(&[0x07], 3).unwrap_err().contains("reserved"));
        assert!(inflate(&[], 3).unwrap_err().contains("ends early"));
    }

    #[test]
    fn lists_and_reads_a_stored_zip() {
        let bytes = stored_zip(&[
            ("app.py", 0o100644, b"def handler(event, context):\n    pass\n"),
            ("pkg/", 0o040755, b""),
            ("pkg/__init__.py", 0o100644, b""),
            ("bootstrap", 0o100755, b"#!/bin/sh\n"),
            ("link.py", 0o120777, b"app.py"),
        ]);
        let (_dir, path) = on_disk(&bytes);
        let zip = Zip::open(&path, "dist/app.zip").unwrap();
        assert_eq!(zip.files(), 4);
        assert_eq!(zip.problems(), Vec::<String>::new());
        assert_eq!(zip.read("link.py", 100).unwrap(), b"def handler(event, context):\n    pass\n");
        assert_eq!(zip.mode("bootstrap").unwrap(), Some(0o100755));
        let root: Vec<(String, bool)> = zip.list("").into_iter().map(|e| (e.name, e.is_dir)).collect();
        assert_eq!(
            root,
            [("app.py", false), ("bootstrap", false), ("link.py", false), ("pkg", true)].map(|(n, d)| (n.into(), d))
        );
        assert_eq!(zip.list("pkg").len(), 1);
        assert_eq!(zip.read("app.py", 5).unwrap_err(), "cannot read `dist/app.zip/app.py`: it is too large");
    }

    #[test]
    fn names_that_would_extract_elsewhere_are_problems() {
        let bytes = stored_zip(&[
            ("/etc/passwd", 0o100644, b"x"),
            ("../up.py", 0o100644, b"x"),
            ("src\\app.py", 0o100644, b"x"),
            ("ok.py", 0o100644, b"x"),
            ("ok.py", 0o100644, b"y"),
        ]);
        let zip = Zip::from_bytes(&bytes, "dist/app.zip").unwrap();
        let problems = zip.problems();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].starts_with("entry `/etc/passwd` of `dist/app.zip` is absolute"));
        assert!(problems[1].contains("`..` segment"));
        assert!(problems[2].contains("contains `\\`"));
        assert!(problems[3].contains("appears twice"));
        let empty = Zip::from_bytes(&stored_zip(&[]), "dist/app.zip").unwrap();
        assert_eq!(empty.problems(), ["`dist/app.zip` holds no files; Lambda needs at least the handler's"]);
    }

    #[test]
    fn not_a_zip() {
        let error = Zip::from_bytes(b"def handler(event, context): pass\n", "dist/app.zip").unwrap_err();
        assert_eq!(
            error,
            "`dist/app.zip` is not a zip (no end of central directory record); `code` names a directory or a `.zip` file"
        );
        let mut truncated = stored_zip(&[("app.py", 0o100644, b"x")]);
        truncated.drain(..10);
        assert!(Zip::from_bytes(&truncated, "a.zip").unwrap_err().contains("damaged"));
    }

    #[test]
    fn symlinks_stay_inside() {
        assert_eq!(normalize("a/b", "../c.py").as_deref(), Some("a/c.py"));
        assert_eq!(normalize("", "../c.py"), None);
        assert_eq!(normalize("", "/etc/passwd"), None);
    }

    #[test]
    fn handlers_inside_a_zip() {
        use super::super::{bootstrap, node, python};
        let bytes = stored_zip(&[
            ("app.py", 0o100644, b"def handler(event, context):\n    pass\n"),
            ("pkg/api/__init__.py", 0o100644, b"from .routes import main\n"),
            ("Lambda_Handler.py", 0o100644, b""),
            ("src/index.mjs", 0o100644, b"export const handler = async () => 1;\n"),
            ("bootstrap", 0o100644, b"#!/bin/sh\n"),
        ]);
        let (_dir, path) = on_disk(&bytes);
        let zip = Zip::open(&path, "dist/app.zip").unwrap();
        assert_eq!(python::check_python_zip(&zip, "app.handler").unwrap(), [PathBuf::from("app.py")]);
        assert!(python::check_python_zip(&zip, "pkg.api.main").is_ok());
        assert_eq!(
            python::check_python_zip(&zip, "app.handlr").unwrap_err(),
            "`app.py` defines no top-level function `handlr`; did you mean `handler`?"
        );
        assert_eq!(
            python::check_python_zip(&zip, "ap.handler").unwrap_err(),
            "module `ap` not found: expected `dist/app.zip/ap.py` or `dist/app.zip/ap/__init__.py`; did you mean `app`?"
        );
        assert!(python::check_python_zip(&zip, "lambda_handler.handler")
            .unwrap_err()
            .ends_with("found `dist/app.zip/Lambda_Handler.py`, but Lambda's file system is case-sensitive"));
        assert!(python::check_python_zip(&zip, "pkg.apii.main").unwrap_err().ends_with("did you mean `pkg.api`?"));
        assert!(node::check_node_zip(&zip, "src/index.handler").is_ok());
        assert_eq!(node::check_node_zip(&zip, "src/index.main").unwrap_err(), "`src/index.mjs` does not export `main`");
        assert_eq!(
            bootstrap::check_bootstrap_zip(&zip).unwrap_err(),
            "`dist/app.zip/bootstrap` is not executable (mode 644); Lambda runs it as a program: `chmod +x \
             bootstrap` before zipping, with a zip that keeps Unix modes"
        );
        let windows = stored_zip_made_on(0, &[("bootstrap", 0o100755, b"MZ")]);
        let zip = Zip::from_bytes(&windows, "dist/app.zip").unwrap();
        assert!(bootstrap::check_bootstrap_zip(&zip).unwrap_err().contains(
            "`dist/app.zip` stores no Unix file modes, as zips made on Windows do, so Lambda extracts it without the \
             execute bit"
        ));
        let runs = stored_zip(&[("bootstrap", 0o100755, b"\x7fELF")]);
        assert!(bootstrap::check_bootstrap_zip(&Zip::from_bytes(&runs, "d.zip").unwrap()).is_ok());
        let missing = Zip::from_bytes(&stored_zip(&[("main", 0o100755, b"")]), "d.zip").unwrap();
        assert_eq!(
            bootstrap::check_bootstrap_zip(&missing).unwrap_err(),
            "no `bootstrap` at the root of `d.zip`: an OS-only runtime starts the executable named `bootstrap`"
        );
    }

    #[test]
    fn more_than_250_mb_unzipped_is_a_problem() {
        let mut bytes = stored_zip(&[("app.py", 0o100644, b"x")]);
        let end = bytes.len() - 22;
        let directory_at = le32(&bytes, end + 16) as usize;
        bytes[directory_at + 24..directory_at + 28].copy_from_slice(&300_000_000u32.to_le_bytes());
        let zip = Zip::from_bytes(&bytes, "dist/app.zip").unwrap();
        assert_eq!(
            zip.problems(),
            ["`dist/app.zip` is 300000000 bytes unzipped, above Lambda's limit of 262144000 bytes (250 MB) for a \
              function and its layers"]
        );
    }

    #[test]
    fn files_others_cannot_read_are_a_problem() {
        let bytes = stored_zip(&[
            ("app.py", 0o100600, b"x"),
            ("lib/", 0o040700, b""),
            ("lib/a.py", 0o100640, b"x"),
            ("ok.py", 0o100644, b"x"),
        ]);
        assert_eq!(
            Zip::from_bytes(&bytes, "dist/app.zip").unwrap().problems(),
            ["`app.py` (mode 600) and 1 more in `dist/app.zip` cannot be read by other users; Lambda runs the code \
              as a user that owns none of it and needs every file world-readable: `chmod -R o+r` the files before \
              zipping"]
        );
    }

    proptest::proptest! {
        /// Whatever the bytes, the inflater and the listing return (an error, mostly): the
        /// compiler reads users' zips, and a panic there would be an internal compiler error.
        #[test]
        fn no_input_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2_000), cut in 0usize..400) {
            let _ = inflate(&bytes, 100_000);
            let _ = Zip::from_bytes(&bytes, "fuzz.zip");
            // A real zip, damaged at one place.
            let mut zip = stored_zip(&[("app.py", 0o100644, b"def handler(event, context):\n    pass\n"), ("b/c", 0o100755, b"x")]);
            let at = cut % zip.len();
            zip[at] = zip[at].wrapping_add(bytes.first().copied().unwrap_or(1).max(1));
            if let Ok(listing) = Zip::from_bytes(&zip, "fuzz.zip") {
                let _ = listing.problems();
                let _ = listing.list("");
            }
            let (_dir, path) = on_disk(&zip);
            if let Ok(listing) = Zip::open(&path, "fuzz.zip") {
                let _ = super::super::python::check_python_zip(&listing, "app.handler");
            }
        }
    }
}
