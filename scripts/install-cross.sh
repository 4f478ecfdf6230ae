#!/usr/bin/env bash
# Installs what building Rust functions for both Lambda architectures needs on a Debian x86_64
# machine: the Rust target for arm64 and a linker for it. Synth builds the stack binary with
# `cargo build --release --target aarch64-unknown-linux-gnu` and links it with
# `aarch64-linux-gnu-gcc` (Debian's `gcc-aarch64-linux-gnu`, with `libc6-dev-arm64-cross`).
# Also `qemu-user`, with which `invoke` runs an arm64 `bootstrap` on this machine, and Info-ZIP's
# `unzip`, one of the independent readers the packaging tests check zips with.
# Idempotent; needs root (or sudo) for apt-get. CI runs it before the tests.
set -euo pipefail

rustup target add aarch64-unknown-linux-gnu x86_64-unknown-linux-gnu

if ! command -v aarch64-linux-gnu-gcc >/dev/null || ! command -v qemu-aarch64 >/dev/null || ! command -v unzip >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user unzip
fi
aarch64-linux-gnu-gcc --version | head -1
qemu-aarch64 --version | head -1
