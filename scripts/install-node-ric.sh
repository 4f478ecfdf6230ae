#!/usr/bin/env bash
# Installs what AWS's Node.js runtime interface client (npm's `aws-lambda-ric`) compiles with when
# `invoke` first installs it into the cache: cmake, make, a C++ compiler, autoconf, automake and
# libtool, from Debian's packages. (Node.js itself, the runtime's version, and the client come from
# the npm registry, into the cache, on the first `invoke` of a Node.js function.) Idempotent; needs
# root (or sudo) for apt-get. CI runs it before the tests.
set -euo pipefail

missing=()
for tool in cmake make g++ autoconf automake libtoolize; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    cmake make g++ autoconf automake libtool
fi
cmake --version | head -1
