#!/usr/bin/env bash
# Benchmarks of lambda-stack: synth wall time and compile time. Prints figures; asserts nothing.
#
#   bash bench/run.sh
#
# 1. hello: `cargo build --release --example hello`, then `target/release/examples/hello --out DIR`
#    RUNS times: median, min, max, CPU, peak RSS (GNU time), and hyperfine as a cross-check if present.
# 2. Generated stacks of 100 and 1,000 Python functions (bench/gen_stack.py, written under
#    target/bench/stack-N: their own cargo workspace, CARGO_TARGET_DIR=target/bench/target so
#    reruns are warm): compile time of that crate alone (touch main.rs, `cargo build`, debug and
#    release, dependencies already built) and synth wall time of the release binary, with the
#    output on tmpfs (/dev/shm) and on disk (target/bench/out).
# 3. For 1,000 functions, where one synth's time goes (target/bench/stack-1000/phases.rs, which
#    times the phases through lambda-stack's public API).
#
# Knobs (environment): RUNS (hello runs, 20), BIG_RUNS (runs per generated-stack synth, 10),
# BUILD_RUNS (timed rebuilds per compile figure, 3), SIZES ("100 1000"), PHASES (1; 0 skips 3),
# MAX_LOAD (1-minute load average to wait for, 1.0), MAX_WAIT (seconds to wait, 600; then it
# measures anyway and flags the figures as noisy).
#
# The first run builds the dependencies of the generated crates, debug and release: a few minutes
# on 2 cores. Warm, the whole script takes about three minutes, most of it release rebuilds.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="$REPO/target/bench"
BENCH_TARGET="$BENCH_DIR/target"
RESULTS="$BENCH_DIR/results.tsv"
RUNS="${RUNS:-20}"
BIG_RUNS="${BIG_RUNS:-10}"
BUILD_RUNS="${BUILD_RUNS:-3}"
SIZES="${SIZES:-100 1000}"
PHASES="${PHASES:-1}"
MAX_LOAD="${MAX_LOAD:-1.0}"
MAX_WAIT="${MAX_WAIT:-600}"
TIMEIT=(python3 "$REPO/bench/timeit.py" --results "$RESULTS")
NOISY=()

say() { printf '\n== %s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# Waits until the 1-minute load average is below MAX_LOAD (at most MAX_WAIT seconds). Two cores
# are shared: a compile elsewhere makes every figure here slower, so a busy section is flagged.
wait_quiet() {
    local section="$1" waited=0
    while awk -v l="$(load1)" -v m="$MAX_LOAD" 'BEGIN { exit !(l >= m) }'; do
        if ((waited >= MAX_WAIT)); then
            echo "  load $(load1) still >= $MAX_LOAD after ${MAX_WAIT}s: measuring anyway, '$section' flagged as noisy"
            NOISY+=("$section (load $(load1))")
            return 0
        fi
        if ((waited == 0)); then echo "  waiting for the load average to drop below $MAX_LOAD (now $(load1)) ..."; fi
        sleep 10
        waited=$((waited + 10))
    done
    echo "  load before: $(load1)"
}

build_stack() {
    local n="$1"
    shift
    (cd "$BENCH_DIR/stack-$n" && CARGO_TARGET_DIR="$BENCH_TARGET" cargo build --quiet "$@")
}

# True if a source file of lambda-stack changed after the marker file: a rebuild timed meanwhile
# may have recompiled lambda-stack itself (someone is editing the working tree).
sources_changed_since() {
    [[ -n $(find "$REPO/src" "$REPO/macros" "$REPO/runtime" "$REPO/Cargo.toml" "$REPO/Cargo.lock" \
        -newer "$1" \( -name '*.rs' -o -name '*.toml' -o -name '*.lock' -o -name '*.json' \) -print -quit) ]]
}

command -v cargo >/dev/null || die "cargo is not on PATH (install Rust with rustup)"
command -v python3 >/dev/null || die "python3 is needed for bench/gen_stack.py and bench/timeit.py"
[[ -d /dev/shm && -w /dev/shm ]] || die "/dev/shm (tmpfs) is needed for the in-memory output figures"
if [[ ! -x /usr/bin/time ]]; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        echo "installing GNU time (apt-get install -y time), for peak RSS"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null \
            || echo "  could not install it: peak RSS will not be measured"
    else
        echo "no /usr/bin/time (Debian package 'time'): peak RSS will not be measured"
    fi
fi

mkdir -p "$BENCH_DIR"
: >"$RESULTS"
OUT_DISK="$BENCH_DIR/out"
OUT_SHM="$(mktemp -d /dev/shm/lambda-stack-bench.XXXXXX)"
trap 'rm -rf "$OUT_SHM"' EXIT

# The file system under target/: ext4 without a journal makes creating files slow right after
# many were deleted (see BENCHMARKS.md), which is what back-to-back synths do.
DISK_DEV="$(df --output=source "$REPO/target" | tail -n1)"
DISK_FS="$(df --output=fstype "$REPO/target" | tail -n1)"
DISK_NOTE=""
if [[ $DISK_FS == ext4 && -r /sys/fs/ext4/$(basename "$DISK_DEV")/journal_task ]] \
    && [[ $(cat "/sys/fs/ext4/$(basename "$DISK_DEV")/journal_task") == "<none>" ]]; then
    DISK_NOTE=" (no journal)"
fi

say "machine"
echo "  cpus: $(nproc), cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "  memory: $(free -h | awk '/^Mem:/ { print $2 " total, " $7 " available" }')"
echo "  $(uname -sr), $(rustc --version)"
echo "  lambda-stack: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$REPO" diff --quiet HEAD -- 2>/dev/null || echo ' + uncommitted changes')"
echo "  disk under target/: $DISK_FS$DISK_NOTE on $DISK_DEV; tmpfs: /dev/shm"
echo "  uptime: $(uptime)"

# ---------------------------------------------------------------------------------------------
say "build: hello (release)"
(cd "$REPO" && cargo build --release --example hello --quiet) || die "cargo build --release --example hello failed"
HELLO="$REPO/target/release/examples/hello"
[[ -x $HELLO ]] || die "$HELLO was not built (is CARGO_TARGET_DIR set? unset it)"

for n in $SIZES; do
    say "build: generated stack of $n functions (the first run also builds its dependencies: minutes)"
    python3 "$REPO/bench/gen_stack.py" --functions "$n" --repo "$REPO" --dir "$BENCH_DIR/stack-$n"
    # (Each step checked by hand: `set -e` does not apply inside a `( ... ) || die`.)
    build_stack "$n" || die "building the $n-function stack failed (see cargo's errors above)"
    build_stack "$n" --release || die "building the $n-function stack (release) failed"
    if [[ $PHASES == 1 && $n == 1000 ]]; then
        build_stack "$n" --release --features phases --bin phases || die "building the phases binary failed"
    fi
done

# ---------------------------------------------------------------------------------------------
say "hello synth ($HELLO --out DIR), $RUNS runs"
wait_quiet "hello synth"
"${TIMEIT[@]}" --label "hello: synth, tmpfs" --runs "$RUNS" --warmup 3 -- "$HELLO" --out "$OUT_SHM/hello"
"${TIMEIT[@]}" --label "hello: synth, disk" --runs "$RUNS" --warmup 3 -- "$HELLO" --out "$OUT_DISK/hello"
echo "  its own report: $("$HELLO" --out "$OUT_DISK/hello" | tail -n1)"
if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 3 --runs "$RUNS" --style basic "$HELLO --out $OUT_DISK/hello" 2>&1 \
        | grep -E 'Time|Range' | sed 's/^ */  hyperfine (disk): /' || true
else
    echo "  (hyperfine not installed; apt-get install -y hyperfine adds a cross-check)"
fi
echo "  load after: $(load1)"

# ---------------------------------------------------------------------------------------------
for n in $SIZES; do
    say "$n-function stack"
    dir="$BENCH_DIR/stack-$n"
    bin="$BENCH_TARGET/release/bench-stack-$n"
    [[ -x $bin ]] || die "$bin is missing"

    wait_quiet "$n functions: compile"
    touch -r "$dir/main.rs" "$dir/.main.rs.mtime"
    touch "$BENCH_DIR/.compile-start"
    for profile in debug release; do
        flag=()
        if [[ $profile == release ]]; then flag=(--release); fi
        CARGO_TARGET_DIR="$BENCH_TARGET" "${TIMEIT[@]}" --label "$n fns: compile, $profile" \
            --runs "$BUILD_RUNS" --warmup 1 --cwd "$dir" --before "touch main.rs" -- cargo build --quiet "${flag[@]}"
    done
    # Put main.rs's time back, so the binaries built before (phases) stay fresh.
    touch -r "$dir/.main.rs.mtime" "$dir/main.rs"
    if sources_changed_since "$BENCH_DIR/.compile-start"; then
        echo "  lambda-stack's sources changed while timing: some rebuilds may include recompiling it"
        NOISY+=("$n functions: compile (lambda-stack edited meanwhile)")
    fi
    echo "  load after: $(load1)"

    wait_quiet "$n functions: synth"
    "${TIMEIT[@]}" --label "$n fns: synth, tmpfs" --runs "$BIG_RUNS" --warmup 2 -- "$bin" --out "$OUT_SHM/stack-$n"
    "${TIMEIT[@]}" --label "$n fns: synth, disk" --runs "$BIG_RUNS" --warmup 2 -- "$bin" --out "$OUT_DISK/stack-$n"
    # `cargo run` builds the debug profile: unoptimized dependencies (zlib-rs, sha2, globset) unless
    # the user's Cargo.toml raises their opt-level, as this repository's does and the generated crate doesn't.
    "${TIMEIT[@]}" --label "$n fns: synth, debug bin, tmpfs" --runs 5 --warmup 1 -- "$BENCH_TARGET/debug/bench-stack-$n" --out "$OUT_SHM/stack-$n-debug"
    rm -rf "$OUT_SHM/stack-$n-debug"
    echo "  its own report (disk): $("$bin" --out "$OUT_DISK/stack-$n" | tail -n1)"
    echo "  output: $(du -sh "$OUT_DISK/stack-$n" | cut -f1), $(find "$OUT_DISK/stack-$n" -type f | wc -l) files in $(find "$OUT_DISK/stack-$n" -type d | wc -l) folders, cdk.tf.json $(du -h "$OUT_DISK/stack-$n/stacks/bench$n/cdk.tf.json" | cut -f1)"
    echo "  load after: $(load1)"

    if [[ $PHASES == 1 && $n == 1000 ]]; then
        say "where one synth of 1,000 functions goes (median ms of 5 runs, in-process)"
        (cd "$dir" && CARGO_TARGET_DIR="$BENCH_TARGET" cargo build --release --quiet --features phases --bin phases)
        wait_quiet "phases"
        # One after the other: two at once on 2 cores would measure contention.
        "$BENCH_TARGET/release/phases" "$OUT_SHM/phases" 5 >"$BENCH_DIR/phases-tmpfs.tsv"
        "$BENCH_TARGET/release/phases" "$OUT_DISK/phases" 5 >"$BENCH_DIR/phases-disk.tsv"
        paste "$BENCH_DIR/phases-tmpfs.tsv" <(cut -f2 "$BENCH_DIR/phases-disk.tsv") \
            | awk -F'\t' 'BEGIN { printf "  %-62s %8s %8s\n", "phase", "tmpfs", "disk" } { printf "  %-62s %8s %8s\n", $1, $2, $3 }'
        rm -rf "$OUT_DISK/phases"
        echo "  (the synth binary does check + package + document + to_json + write-replacing, plus process start and exit)"
    fi
done

# ---------------------------------------------------------------------------------------------
say "summary (wall time; CPU = median user + sys; peak RSS of the largest process)"
awk -F'\t' '
    function t(s) { return s < 10 ? sprintf("%.1f ms", s * 1000) : sprintf("%.2f s", s) }
    BEGIN { printf "  %-31s %4s %10s %10s %10s %10s %10s %9s\n", "measure", "runs", "median", "min", "max", "user", "sys", "peak RSS" }
    { printf "  %-31s %4d %10s %10s %10s %10s %10s %5.1f MiB\n", $1, $2, t($3), t($4), t($5), t($7), t($8), $6 / 1024 }
' "$RESULTS"
echo
echo "  targets (median wall time): hello synth < 50 ms; 1,000-function synth < 1 s"
awk -F'\t' '
    $1 ~ /^hello: synth/    { printf "  %-31s median %7.1f ms (max %7.1f ms)  %s\n", $1, $3 * 1000, $5 * 1000, ($3 < 0.050 ? "met" : "MISSED") }
    $1 ~ /^1000 fns: synth, (tmpfs|disk)/ { printf "  %-31s median %7.1f ms (max %7.1f ms)  %s\n", $1, $3 * 1000, $5 * 1000, ($3 < 1.0 ? "met" : "MISSED") }
' "$RESULTS"
echo "  peer (CDKTF 0.21, Python, same machine): hello 15.0 s median, 619 MiB peak; 100 functions 30.4 s"
if [[ -n $DISK_NOTE ]]; then
    echo "  note: target/ is on ext4 without a journal: disk figures for big stacks depend on how many files"
    echo "        were deleted there in the last minutes (this script's own runs included); see BENCHMARKS.md"
fi
if ((${#NOISY[@]})); then
    echo
    echo "  WARNING: noisy sections (busy machine, or lambda-stack edited while timing): ${NOISY[*]}."
    echo "  Rerun when the machine is quiet."
fi
echo "  raw rows: $RESULTS"
