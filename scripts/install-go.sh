#!/usr/bin/env bash
# Installs Go, which `build: go` functions are built with (`go build` into `bootstrap`), from
# Debian's packages (`golang-go`). Idempotent; needs root (or sudo) for apt-get. CI runs it
# before the tests; `tests/go.rs` fails in CI without it.
set -euo pipefail

if ! command -v go >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends golang-go
fi
go version
