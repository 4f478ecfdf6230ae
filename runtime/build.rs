//! Compiles the vendored libdeflate (compressor and CRC-32) that packaging deflates with.
//!
//! It is built with `-O2` whatever the profile: users `cargo run` their stack in the default debug
//! profile, where this crate's `[profile.dev.package."*"]` settings do not reach them and an
//! unoptimized deflate runs at well under 1 MB/s (zlib-rs) or ~15 MB/s (libdeflate at `-O0`).
//! The bytes it produces do not depend on the optimization level or the CPU.
//!
//! Every `libdeflate_*` identifier is renamed to `lambda_stack_libdeflate_*`, so a user's binary
//! that also links a libdeflate of its own (through `libdeflate-sys`, say) has no duplicate symbols.

use std::path::Path;

const SOURCES: [&str; 5] =
    ["lib/deflate_compress.c", "lib/utils.c", "lib/crc32.c", "lib/x86/cpu_features.c", "lib/arm/cpu_features.c"];

fn main() {
    let root = Path::new("vendor/libdeflate");
    let mut build = cc::Build::new();
    for source in SOURCES {
        build.file(root.join(source));
    }
    for name in identifiers(root) {
        build.define(&name, Some(format!("lambda_stack_{name}").as_str()));
    }
    build.include(root).opt_level(2).debug(false).warnings(false).compile("lambda_stack_libdeflate");
    // The zip cache key names the deflate that wrote a zip, so a new libdeflate never serves old bytes.
    let header =
        std::fs::read_to_string(root.join("libdeflate.h")).expect("vendor/libdeflate/libdeflate.h is readable");
    let version = header
        .lines()
        .find_map(|line| line.strip_prefix("#define LIBDEFLATE_VERSION_STRING"))
        .map(|rest| rest.trim().trim_matches('"').to_owned())
        .expect("libdeflate.h defines LIBDEFLATE_VERSION_STRING");
    println!("cargo:rustc-env=LAMBDA_STACK_LIBDEFLATE_VERSION={version}");
    println!("cargo:rerun-if-changed=vendor/libdeflate");
    println!("cargo:rerun-if-changed=build.rs");
}

/// The `libdeflate_*` identifiers of every vendored file, sorted (so the command line is stable).
fn identifiers(root: &Path) -> std::collections::BTreeSet<String> {
    let mut found = std::collections::BTreeSet::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("vendor/libdeflate is readable") {
            let path = entry.expect("vendor/libdeflate is readable").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "c" || ext == "h") {
                let text = std::fs::read_to_string(&path).expect("vendored sources are UTF-8");
                collect(&text, &mut found);
            }
        }
    }
    found
}

fn collect(text: &str, found: &mut std::collections::BTreeSet<String>) {
    let bytes = text.as_bytes();
    let is_ident = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'_';
    let mut start = 0;
    while let Some(offset) = text[start..].find("libdeflate_") {
        let begin = start + offset;
        let mut end = begin + "libdeflate_".len();
        while end < bytes.len() && is_ident(bytes[end]) {
            end += 1;
        }
        if begin == 0 || !is_ident(bytes[begin - 1]) {
            found.insert(text[begin..end].to_string());
        }
        start = end;
    }
}
