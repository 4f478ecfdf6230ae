//! Raw DEFLATE and CRC-32 through the vendored libdeflate (`vendor/libdeflate`, built by
//! `build.rs` with `-O2` in every profile, so a user's debug build packages at full speed).

use std::ffi::{c_int, c_void};
use std::ptr::NonNull;

/// The level every entry is compressed at: libdeflate's default, a little smaller than zlib's 6.
pub(crate) const LEVEL: c_int = 6;

#[repr(C)]
struct RawCompressor {
    _private: [u8; 0],
}

// The symbols are renamed by build.rs (`libdeflate_*` → `lambda_stack_libdeflate_*`).
extern "C" {
    fn lambda_stack_libdeflate_alloc_compressor(level: c_int) -> *mut RawCompressor;
    fn lambda_stack_libdeflate_deflate_compress(
        compressor: *mut RawCompressor,
        input: *const c_void,
        input_len: usize,
        output: *mut c_void,
        output_len: usize,
    ) -> usize;
    fn lambda_stack_libdeflate_deflate_compress_bound(compressor: *mut RawCompressor, input_len: usize) -> usize;
    fn lambda_stack_libdeflate_free_compressor(compressor: *mut RawCompressor);
    fn lambda_stack_libdeflate_crc32(crc: u32, buffer: *const c_void, len: usize) -> u32;
}

/// A libdeflate compressor at [`LEVEL`]: a few hundred KiB of match-finder tables, so one is
/// kept per worker and reused for every file it compresses.
///
/// ```ignore
/// let mut compressor = Compressor::new();
/// let raw = compressor.compress(b"print('hello')\n");
/// ```
pub(crate) struct Compressor {
    raw: NonNull<RawCompressor>,
}

// SAFETY: a compressor holds no thread-affine state; it is used by one thread at a time (`&mut`).
unsafe impl Send for Compressor {}

impl Compressor {
    pub(crate) fn new() -> Self {
        // SAFETY: LEVEL is in libdeflate's range 0..=12; a null result means out of memory.
        let raw = unsafe { lambda_stack_libdeflate_alloc_compressor(LEVEL) };
        Self { raw: NonNull::new(raw).expect("out of memory: libdeflate could not allocate a compressor") }
    }

    /// `input` as one raw DEFLATE stream (RFC 1951, what a zip entry of method 8 holds).
    pub(crate) fn compress(&mut self, input: &[u8]) -> Vec<u8> {
        // SAFETY: the compressor is live; the bound holds for any input of this length.
        let bound = unsafe { lambda_stack_libdeflate_deflate_compress_bound(self.raw.as_ptr(), input.len()) };
        let mut output = Vec::<u8>::with_capacity(bound);
        // SAFETY: `input` is readable for its length and `output` writable for `bound` bytes;
        // libdeflate writes at most `bound` bytes and returns how many it wrote.
        let written = unsafe {
            lambda_stack_libdeflate_deflate_compress(
                self.raw.as_ptr(),
                input.as_ptr().cast(),
                input.len(),
                output.as_mut_ptr().cast(),
                bound,
            )
        };
        // libdeflate only returns 0 when the output does not fit, which the bound rules out.
        assert!(written > 0 && written <= bound, "libdeflate wrote {written} bytes with room for {bound}");
        // SAFETY: the first `written` bytes were initialized by libdeflate.
        unsafe { output.set_len(written) };
        output
    }
}

thread_local! {
    /// The compressor this thread used last, kept for its next package: allocating one (and
    /// clearing its tables) for each of thousands of one-file packages cost more than compressing
    /// them.
    static SPARE: std::cell::Cell<Option<Compressor>> = const { std::cell::Cell::new(None) };
}

/// A compressor borrowed from the thread's spare (a new one when it has none), given back when
/// dropped. Compressing does not depend on what a compressor compressed before.
pub(crate) struct Reused(Option<Compressor>);

impl Reused {
    pub(crate) fn take() -> Self {
        Reused(Some(SPARE.take().unwrap_or_else(Compressor::new)))
    }
}

impl std::ops::Deref for Reused {
    type Target = Compressor;
    fn deref(&self) -> &Compressor {
        self.0.as_ref().expect("held until dropped")
    }
}

impl std::ops::DerefMut for Reused {
    fn deref_mut(&mut self) -> &mut Compressor {
        self.0.as_mut().expect("held until dropped")
    }
}

impl Drop for Reused {
    fn drop(&mut self) {
        // A thread being torn down has no spare any more: the compressor is freed instead.
        let _ = SPARE.try_with(|spare| spare.set(self.0.take()));
    }
}

impl Drop for Compressor {
    fn drop(&mut self) {
        // SAFETY: allocated by alloc_compressor and freed once.
        unsafe { lambda_stack_libdeflate_free_compressor(self.raw.as_ptr()) }
    }
}

/// The CRC-32 (IEEE, as zip and gzip use) of `bytes`.
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    // SAFETY: `bytes` is readable for its length.
    unsafe { lambda_stack_libdeflate_crc32(0, bytes.as_ptr().cast(), bytes.len()) }
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    #[test]
    fn round_trips_through_an_independent_inflate() {
        let mut compressor = Compressor::new();
        let inputs: [Vec<u8>; 4] = [
            Vec::new(),
            b"a".to_vec(),
            b"def handler(event, context):\n    return event\n".repeat(5_000),
            (0..300_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect(),
        ];
        for input in inputs {
            let raw = compressor.compress(&input);
            let mut back = Vec::new();
            flate2::read::DeflateDecoder::new(&raw[..]).read_to_end(&mut back).unwrap();
            assert!(back == input, "{} bytes did not round-trip", input.len());
        }
    }

    #[test]
    fn crc32_matches_the_check_value() {
        // The standard check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn equal_input_gives_equal_bytes_with_a_reused_compressor() {
        let input = b"import json\n".repeat(10_000);
        let mut compressor = Compressor::new();
        let first = compressor.compress(&input);
        compressor.compress(b"something else in between");
        assert!(compressor.compress(&input) == first);
        assert!(Compressor::new().compress(&input) == first);
    }
}
