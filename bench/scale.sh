#!/usr/bin/env bash
# The 10,000-function stack of issue 10 (item 9): compile time and synth time. Prints figures;
# asserts nothing.
#
#   bash bench/scale.sh            # FUNCTIONS=10000 RUNS=5 by default
#
# 1. Generates the stack with bench/gen_stack.py (target/bench/stack-N, built into
#    target/bench/target like bench/run.sh's stacks) and builds it, debug and release: the first
#    time this also builds the dependencies (a few minutes on 2 cores).
# 2. Compile time of the generated crate alone, both profiles: `touch main.rs`, then `cargo build`
#    (peak RSS is rustc's).
# 3. Synth of the release binary: into an empty folder on tmpfs (`rm -rf` before every run), over
#    its previous output on tmpfs, and over its previous output on disk (target/bench/out);
#    then the debug binary, on tmpfs. CPU is user + sys from wait4, peak RSS from GNU time.
#
# The machine is shared: every section prints the 1-minute load average before and after, and the
# CPU figures are the ones to compare when it was busy. For where the time goes inside one synth,
# run the builders-only twin: `cargo run --release -p lambda-stack-runtime --example scale`.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${FUNCTIONS:-10000}"
RUNS="${RUNS:-5}"
BENCH_DIR="$REPO/target/bench"
DIR="$BENCH_DIR/stack-$N"
export CARGO_TARGET_DIR="$BENCH_DIR/target"
TIMEIT=(python3 "$REPO/bench/timeit.py")
BIN="$CARGO_TARGET_DIR/release/bench-stack-$N"
DEBUG_BIN="$CARGO_TARGET_DIR/debug/bench-stack-$N"
OUT_SHM="$(mktemp -d /dev/shm/lambda-stack-scale.XXXXXX)"
trap 'rm -rf "$OUT_SHM"' EXIT

load() { echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }

echo "== $N functions: $(nproc) cpus, $(rustc --version), lambda-stack $(git -C "$REPO" rev-parse --short HEAD)"
python3 "$REPO/bench/gen_stack.py" --functions "$N" --repo "$REPO" --dir "$DIR"
(cd "$DIR" && cargo build --quiet && cargo build --quiet --release)

echo "== compile the generated crate alone (touch main.rs; cargo build)"
load
"${TIMEIT[@]}" --label "compile, debug" --runs 1 --warmup 0 --cwd "$DIR" --before "touch main.rs" -- cargo build --quiet
load
"${TIMEIT[@]}" --label "compile, release" --runs 1 --warmup 0 --cwd "$DIR" --before "touch main.rs" \
    -- cargo build --quiet --release
load

echo "== synth, release binary"
load
"${TIMEIT[@]}" --label "tmpfs, empty output" --runs "$RUNS" --warmup 1 --before "rm -rf $OUT_SHM/fresh" \
    -- "$BIN" --out "$OUT_SHM/fresh"
"${TIMEIT[@]}" --label "tmpfs, over the previous output" --runs "$RUNS" --warmup 1 -- "$BIN" --out "$OUT_SHM/again"
"${TIMEIT[@]}" --label "disk, over the previous output" --runs "$RUNS" --warmup 1 \
    -- "$BIN" --out "$BENCH_DIR/out/stack-$N"
load
echo "  its own report: $("$BIN" --out "$OUT_SHM/again" | tail -n1)"

echo "== synth, debug binary (what \`cargo run\` builds)"
"${TIMEIT[@]}" --label "tmpfs, over the previous output" --runs 2 --warmup 1 -- "$DEBUG_BIN" --out "$OUT_SHM/debug"
load
