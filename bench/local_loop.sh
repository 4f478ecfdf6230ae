#!/usr/bin/env bash
# Benchmarks of packaging and the local loop. Prints figures; asserts nothing.
#
#   bash bench/local_loop.sh
#
# 1. Packaging throughput on a real dependency tree: boto3 + pandas (and numpy, botocore, ...)
#    pip-installed for python3.12 on x86_64 into target/bench/deps-tree, zipped by lambda-stack's
#    packager (`bench/package_tree.rs`: default excludes, every core, sorted entries) and by
#    `zip -X -r -6` (Info-ZIP, one core, same deflate level, no extra fields) in the same run,
#    both writing to tmpfs. MB/s is unzipped MB (10^6 bytes) per wall-clock second.
# 2. The same tree as a function's code through a synth: first with an empty cache (zipped), then
#    again (the zip cache hit: contents hashed, nothing compressed).
# 3. A no-op re-synth of the generated 1,000-function stack (bench/gen_stack.py): the output
#    already holds the same synth.
# 4. `invoke` of the hello example's Python function, cold (a new process each time: synth in
#    memory, unpack, start the emulator and awslambdaric, one event): wall time, against the
#    Init Duration + Duration the REPORT line gives, whose difference is the emulator's overhead.
#
# Knobs: RUNS (5), PIP_TREE ("boto3==1.35.99 pandas==2.2.3").
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="$REPO/target/bench"
RESULTS="$BENCH_DIR/local-loop.tsv"
RUNS="${RUNS:-5}"
PIP_TREE="${PIP_TREE:-boto3==1.35.99 pandas==2.2.3}"
TIMEIT=(python3 "$REPO/bench/timeit.py" --results "$RESULTS")
say() { printf '\n== %s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

command -v zip >/dev/null || die "Info-ZIP's zip is needed for the comparison (apt-get install -y zip)"
[[ -d /dev/shm && -w /dev/shm ]] || die "/dev/shm (tmpfs) is needed"
mkdir -p "$BENCH_DIR"
: >"$RESULTS"
SHM="$(mktemp -d /dev/shm/lambda-stack-loop.XXXXXX)"
trap 'rm -rf "$SHM"' EXIT
export LAMBDA_STACK_CACHE="$SHM/cache"

say "machine: $(nproc) cpus, $(uname -sr), load $(cut -d' ' -f1 /proc/loadavg), lambda-stack $(git -C "$REPO" rev-parse --short HEAD)"

say "build (release): package_tree, hello"
(cd "$REPO" && cargo build --release --quiet --example package_tree --example hello)
PACKAGE_TREE="$REPO/target/release/examples/package_tree"
HELLO="$REPO/target/release/examples/hello"

TREE="$BENCH_DIR/deps-tree"
if [[ ! -d $TREE ]]; then
    say "pip install $PIP_TREE (python3.12, manylinux x86_64) into $TREE, once"
    # shellcheck disable=SC2086
    python3 -m pip install --quiet --no-compile --only-binary=:all: --implementation cp --python-version 3.12 \
        --platform manylinux2014_x86_64 --platform manylinux_2_34_x86_64 --target "$TREE" $PIP_TREE
fi
# A page-cache-warm tree, as after any pip install or previous synth.
cat $(find "$TREE" -type f) >/dev/null
echo "  tree: $(du -sm "$TREE" | cut -f1) MB on disk, $(find "$TREE" -type f | wc -l) files, $(find "$TREE" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / 1e6 }') MB of file contents"

say "1. packaging throughput: lambda-stack vs zip -X -r -6, same tree, $RUNS runs each"
"${TIMEIT[@]}" --label "lambda-stack package_dir" --runs "$RUNS" --warmup 1 -- "$PACKAGE_TREE" "$TREE" "$SHM/ls.zip"
"$PACKAGE_TREE" "$TREE" "$SHM/ls.zip" 2>&1 | sed 's/^/  lambda-stack: /'
"${TIMEIT[@]}" --label "zip -X -r -6" --runs "$RUNS" --warmup 1 --cwd "$TREE" --before "rm -f $SHM/zip.zip" -- zip -X -r -6 -q "$SHM/zip.zip" .
echo "  zip: $(stat -c %s "$SHM/zip.zip" | awk '{ printf "%.1f", $1 / 1e6 }') MB zipped, $(unzip -l "$SHM/zip.zip" | tail -1 | awk '{ print $2 }') files"

say "2. the tree as a function's code: a synth with an empty cache, then with the zip cached"
STACK="$BENCH_DIR/deps-stack"
rm -rf "$STACK" && mkdir -p "$STACK/src"
cp -r "$TREE" "$STACK/code"
printf 'def handler(event, context):\n    return 1\n' >"$STACK/code/app.py"
cat >"$STACK/Cargo.toml" <<TOML
[package]
name = "bench-deps-stack"
version = "0.0.0"
edition = "2021"
publish = false
[workspace]
[dependencies]
lambda-stack = { path = "$REPO" }
TOML
cat >"$STACK/src/main.rs" <<'RUST'
use lambda_stack::{App, Function, Stack};
fn main() -> lambda_stack::Result<()> {
    let code = concat!(env!("CARGO_MANIFEST_DIR"), "/code");
    let function = Function::new("deps").runtime("python3.12").handler("app.handler").code(code);
    App::new().stack(Stack::new("deps").region("eu-west-3").function(function)).run()
}
RUST
(cd "$STACK" && CARGO_TARGET_DIR="$BENCH_DIR/target" cargo build --release --quiet)
DEPS_BIN="$BENCH_DIR/target/release/bench-deps-stack"
"${TIMEIT[@]}" --label "synth, zip cache empty" --runs "$RUNS" --warmup 0 --before "rm -rf $SHM/cache $SHM/deps-out" -- "$DEPS_BIN" --out "$SHM/deps-out"
"${TIMEIT[@]}" --label "synth, zip cache hit" --runs "$RUNS" --warmup 1 -- "$DEPS_BIN" --out "$SHM/deps-out"

say "3. no-op re-synth of 1,000 functions (release binary, output on tmpfs and on disk)"
python3 "$REPO/bench/gen_stack.py" --functions 1000 --repo "$REPO" --dir "$BENCH_DIR/stack-1000"
(cd "$BENCH_DIR/stack-1000" && CARGO_TARGET_DIR="$BENCH_DIR/target" cargo build --release --quiet)
BIG="$BENCH_DIR/target/release/bench-stack-1000"
"$BIG" --out "$SHM/big" >/dev/null
"${TIMEIT[@]}" --label "1000 fns: no-op re-synth, tmpfs" --runs "$RUNS" --warmup 1 -- "$BIG" --out "$SHM/big"
"$BIG" --out "$BENCH_DIR/out-1000" >/dev/null
"${TIMEIT[@]}" --label "1000 fns: no-op re-synth, disk" --runs "$RUNS" --warmup 1 -- "$BIG" --out "$BENCH_DIR/out-1000"

say "4. invoke cold start (hello, Python 3.12 through awslambdaric)"
"$HELLO" invoke hello >/dev/null 2>&1 || die "invoke hello failed: $("$HELLO" invoke hello 2>&1 | tail -5)"
"${TIMEIT[@]}" --label "invoke hello (whole command)" --runs "$RUNS" --warmup 1 -- "$HELLO" invoke hello
for _ in 1 2 3; do "$HELLO" invoke hello 2>&1 >/dev/null | grep '^REPORT' | sed 's/^/  /'; done
python3 - "$HELLO" <<'PY'
import re, statistics, subprocess, sys, time
walls, inside = [], []
for _ in range(7):
    t = time.perf_counter()
    err = subprocess.run([sys.argv[1], "invoke", "hello"], capture_output=True, text=True).stderr
    walls.append(time.perf_counter() - t)
    report = next(line for line in err.splitlines() if line.startswith("REPORT"))
    ms = lambda key: float(re.search(key + r": ([0-9.]+) ms", report).group(1))
    inside.append((ms("Init Duration") + ms("\tDuration")) / 1000)
w, i = statistics.median(walls), statistics.median(inside)
print(f"  median of 7: whole command {w * 1000:.0f} ms; runtime init + invoke (REPORT) {i * 1000:.0f} ms; "
      f"emulator overhead (synth, unpack, server, process start and exit) {(w - i) * 1000:.0f} ms")
PY

say "summary (wall time; CPU = median user + sys)"
awk -F'\t' '
    function t(s) { return s < 10 ? sprintf("%.1f ms", s * 1000) : sprintf("%.2f s", s) }
    { printf "  %-36s %3d runs  median %10s  min %10s  max %10s  user %10s  sys %10s\n", $1, $2, t($3), t($4), t($5), t($7), t($8) }
' "$RESULTS"
