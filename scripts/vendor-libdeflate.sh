#!/usr/bin/env bash
# Re-vendors the compressor half of libdeflate into runtime/vendor/libdeflate/.
#
# Why vendored: the runtime's build script compiles it with an explicit `-O2`, so packaging runs at
# full speed in a user's default debug build, where every Rust deflate (and a C one built by a -sys
# crate, which follows the profile's opt-level) runs 10-100x slower. Source: the libdeflate copy
# inside the crates.io crate `libdeflate-sys` (MIT, Eric Biggers), fetched through cargo so only
# crates.io is needed. Changing the version changes the bytes of every zip: say so in the README.
#
#     bash scripts/vendor-libdeflate.sh [LIBDEFLATE_SYS_VERSION]   # default 1.26.1 (libdeflate 1.26)
set -euo pipefail
version="${1:-1.26.1}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/src"
cat >"$scratch/Cargo.toml" <<TOML
[package]
name = "fetch-libdeflate"
version = "0.0.0"
edition = "2021"
[dependencies]
libdeflate-sys = "=$version"
TOML
echo 'fn main() {}' >"$scratch/src/main.rs"
(cd "$scratch" && cargo fetch --quiet)
source_dir="$(cd "$scratch" && cargo metadata --format-version 1 \
  | python3 -c 'import json,sys; m=json.load(sys.stdin); print(next(p["manifest_path"] for p in m["packages"] if p["name"]=="libdeflate-sys"))' \
  | xargs dirname)/libdeflate"

target="$repo/runtime/vendor/libdeflate"
rm -rf "$target"
mkdir -p "$target/lib"
cp "$source_dir/COPYING" "$source_dir/libdeflate.h" "$source_dir/common_defs.h" "$target/"
# Compression and CRC-32 only: the decompressor, adler32, gzip and zlib wrappers are not used.
(cd "$source_dir/lib" && find . -type f \( -name '*.c' -o -name '*.h' \) \
   ! -name '*decompress*' ! -name 'adler32*' ! -name 'gzip*' ! -name 'zlib*' -print0) \
  | (cd "$source_dir/lib" && xargs -0 -I{} cp --parents {} "$target/lib/")
libdeflate_version="$(sed -n 's/^#define LIBDEFLATE_VERSION_STRING[[:space:]]*"\(.*\)"/\1/p' "$target/libdeflate.h")"
cat >"$target/SOURCE.md" <<MD
libdeflate $libdeflate_version, the compressor and CRC-32 only, copied unchanged from the crates.io
crate \`libdeflate-sys\` $version by \`scripts/vendor-libdeflate.sh\` on $(date -u +%Y-%m-%d).
License: MIT (COPYING). Compiled by \`runtime/build.rs\` with \`-O2\` whatever the profile.
MD
echo "vendored libdeflate $libdeflate_version into $target"
