//! The zip container around entries deflated by [`super::deflate`] (APPNOTE 6.3.10).
//!
//! Written here rather than by the `zip` crate, whose writer only takes data it deflates itself
//! (through flate2, at the speed of the user's profile). Everything that could vary is fixed:
//! the DOS time is 1980-01-01 00:00, the system is Unix with the entry's mode, there are no extra
//! fields or comments. Zip64 is only used for its end record, when there are more than 65,535
//! entries: Lambda's 250 MB unzipped limit keeps every size and offset below 4 GiB, which
//! [`write`] asserts.

/// One compressed file, ready to be written.
pub(crate) struct Entry {
    /// Archive path, `/`-separated, already checked by `archive::check_name`.
    pub(crate) name: String,
    /// Unix permission bits (0644 or 0755).
    pub(crate) mode: u32,
    pub(crate) crc32: u32,
    pub(crate) uncompressed_size: u64,
    /// Raw DEFLATE (method 8).
    pub(crate) data: Vec<u8>,
}

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL_DIRECTORY: u32 = 0x0605_4b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY: u32 = 0x0606_4b50;
const ZIP64_END_LOCATOR: u32 = 0x0706_4b50;
/// 2.0: deflate. 4.5 when a zip64 end record is written.
const VERSION_DEFLATE: u16 = 20;
const VERSION_ZIP64: u16 = 45;
/// The high byte of "version made by": 3 = Unix, so readers take the mode from the external
/// attributes.
const MADE_BY_UNIX: u16 = 3 << 8;
const METHOD_DEFLATE: u16 = 8;
/// Bit 11: the name is UTF-8. Set only for non-ASCII names, as Info-ZIP does.
const FLAG_UTF8: u16 = 1 << 11;
/// DOS date of 1980-01-01 (day 1, month 1, year 0 from 1980); the time is 00:00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// `S_IFREG`: every entry is a regular file.
const REGULAR_FILE: u32 = 0o100_000;

/// Headers need: 30 bytes local and 46 central per entry plus the name twice, and the end
/// records (22, and 56 + 20 with zip64).
pub(crate) fn size_of(entries: &[Entry]) -> usize {
    entries.iter().map(|entry| 76 + 2 * entry.name.len() + entry.data.len()).sum::<usize>() + 22 + 76
}

/// The zip of `entries`, in the order given.
pub(crate) fn write(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::with_capacity(size_of(entries));
    let mut offsets = Vec::with_capacity(entries.len());
    for entry in entries {
        offsets.push(u32_field(out.len() as u64, "a local header offset"));
        put32(&mut out, LOCAL_HEADER);
        put16(&mut out, VERSION_DEFLATE);
        put_common(&mut out, entry);
        put16(&mut out, 0); // extra field length
        out.extend_from_slice(entry.name.as_bytes());
        out.extend_from_slice(&entry.data);
    }
    let directory_start = out.len() as u64;
    for (entry, offset) in entries.iter().zip(offsets) {
        put32(&mut out, CENTRAL_HEADER);
        put16(&mut out, MADE_BY_UNIX | VERSION_DEFLATE);
        put16(&mut out, VERSION_DEFLATE);
        put_common(&mut out, entry);
        put16(&mut out, 0); // extra field length
        put16(&mut out, 0); // comment length
        put16(&mut out, 0); // disk number
        put16(&mut out, 0); // internal attributes
        put32(&mut out, (REGULAR_FILE | entry.mode) << 16);
        put32(&mut out, offset);
        out.extend_from_slice(entry.name.as_bytes());
    }
    let directory_size = out.len() as u64 - directory_start;
    let count = entries.len() as u64;
    let directory_start32 = u32_field(directory_start, "the central directory offset");
    let directory_size32 = u32_field(directory_size, "the central directory size");

    let short_count = match u16::try_from(count) {
        Ok(count) => count,
        Err(_) => {
            let record_start = out.len() as u64;
            put32(&mut out, ZIP64_END_OF_CENTRAL_DIRECTORY);
            put64(&mut out, 44); // size of the rest of this record
            put16(&mut out, MADE_BY_UNIX | VERSION_ZIP64);
            put16(&mut out, VERSION_ZIP64);
            put32(&mut out, 0); // this disk
            put32(&mut out, 0); // disk of the central directory
            put64(&mut out, count);
            put64(&mut out, count);
            put64(&mut out, directory_size);
            put64(&mut out, directory_start);
            put32(&mut out, ZIP64_END_LOCATOR);
            put32(&mut out, 0); // disk of the zip64 end record
            put64(&mut out, record_start);
            put32(&mut out, 1); // total disks
            u16::MAX
        }
    };
    put32(&mut out, END_OF_CENTRAL_DIRECTORY);
    put16(&mut out, 0); // this disk
    put16(&mut out, 0); // disk of the central directory
    put16(&mut out, short_count);
    put16(&mut out, short_count);
    put32(&mut out, directory_size32);
    put32(&mut out, directory_start32);
    put16(&mut out, 0); // comment length
    out
}

/// The fields local and central headers share, from "flags" to "file name length".
fn put_common(out: &mut Vec<u8>, entry: &Entry) {
    put16(out, if entry.name.is_ascii() { 0 } else { FLAG_UTF8 });
    put16(out, METHOD_DEFLATE);
    put16(out, DOS_TIME);
    put16(out, DOS_DATE);
    put32(out, entry.crc32);
    put32(out, u32_field(entry.data.len() as u64, "a compressed size"));
    put32(out, u32_field(entry.uncompressed_size, "an uncompressed size"));
    let name_len = u16::try_from(entry.name.len()).expect("entry names are shorter than 64 KiB (checked by the walk)");
    put16(out, name_len);
}

/// Sizes and offsets fit 32 bits: the unzipped limit (250 MB) is checked before writing.
fn u32_field(value: u64, what: &str) -> u32 {
    u32::try_from(value)
        .unwrap_or_else(|_| panic!("{what} of {value} bytes exceeds 4 GiB; the 250 MB limit is checked first"))
}

fn put16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put64(out: &mut Vec<u8>, value: u64) {
    out.extend_from_slice(&value.to_le_bytes());
}
