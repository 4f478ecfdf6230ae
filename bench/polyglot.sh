#!/usr/bin/env bash
# polyglot.sh — how long `examples/polyglot` takes to synthesize, each function alone and the
# whole stack: cold (an empty
# lambda-stack cache, an empty Go build cache, no Maven `target/`), then warm (3 runs, everything
# cached). A benchmark, not a test: it prints figures and asserts nothing. Needs what the example
# builds with (scripts/install-go.sh, scripts/install-java.sh, npm, pip).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --quiet --example polyglot --example polyglot_build
echo "== each function synthesized alone (best warm of 3)"
"$root/target/debug/examples/polyglot_build"
bin="$root/target/debug/examples/polyglot"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# One synth; prints its per-function lines and total.
synth() {
  local label=$1
  local log="$scratch/$label.log"
  "$bin" --out "$scratch/out-$label" > "$log" 2>&1
  echo "$label: $(grep -E '^synthesized' "$log")"
}

export LAMBDA_STACK_CACHE="$scratch/cache"
export GOCACHE="$scratch/gocache"
rm -rf examples/polyglot/functions/orders/target
synth cold
for run in 1 2 3; do
  synth "warm $run"
done
cmp -s <(cd "$scratch/out-cold" && find . -type f -exec sha256sum {} + | sort) \
       <(cd "$scratch/out-warm 3" && find . -type f -exec sha256sum {} + | sort) \
  && echo "cold and warm outputs: identical" || echo "cold and warm outputs: DIFFER"
