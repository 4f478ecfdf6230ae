#!/usr/bin/env bash
# checkov.sh STACK_DIR... — run checkov (terraform_json) on synthesized stacks and fail on any
# failed check that is not in scripts/checkov-left-to-user.txt: those need something only the user
# can supply (a VPC, a KMS key, a code-signing profile, an authorizer), and the README says which
# key satisfies each. Installs checkov into target/checkov-venv on first use.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/target/checkov-venv"
if [ ! -x "$venv/bin/checkov" ]; then
  echo "checkov.sh: installing checkov into $venv, once" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'checkov==3.3.30' >&2
fi
allowed=$(grep -v '^#' "$root/scripts/checkov-left-to-user.txt" | awk '{print $1}' | grep . | paste -sd, -)
status=0
for dir in "$@"; do
  report=$(mktemp)
  BC_SKIP_MAPPING=TRUE "$venv/bin/checkov" -d "$dir" --framework terraform_json --skip-download \
    --compact --quiet -o json >"$report" 2>/dev/null || true
  python3 - "$report" "$allowed" "$dir" <<'PY' || status=1
import json, sys
report, allowed, folder = sys.argv[1], set(sys.argv[2].split(",")), sys.argv[3]
data = json.load(open(report))
results = data[0] if isinstance(data, list) else data
if "results" not in results:
    print(f"checkov: {folder}: no results (summary: {results.get('summary')})"); sys.exit(1)
summary = results["summary"]
failed = results["results"]["failed_checks"]
unexpected = [f for f in failed if f["check_id"] not in allowed]
left = sorted({f["check_id"] for f in failed if f["check_id"] in allowed})
print(f"checkov: {folder}: {summary['passed']} passed, {summary['failed']} failed "
      f"({len(failed) - len(unexpected)} left to the user: {', '.join(left) or 'none'})")
for f in unexpected:
    print(f"  UNEXPECTED {f['check_id']} {f['resource']}: {f['check_name']}")
sys.exit(1 if unexpected else 0)
PY
  rm -f "$report"
done
exit $status
