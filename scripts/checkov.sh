#!/usr/bin/env bash
# checkov.sh STACK_DIR... — run checkov (terraform_json) on synthesized stacks and fail on any
# failed check that is not in scripts/checkov-left-to-user.txt: those need something only the user
# can supply (a VPC, a KMS key, a code-signing profile, an authorizer), and the README says which
# key satisfies each. Installs checkov into target/checkov-venv on first use.
#
# checkov 3.3's terraform_json parser does not know `moved`, `import` and `removed` blocks: a file
# holding one is a parsing error, and a folder whose every resource is in such a file is checked
# for nothing at all, silently. So each folder is checked as a copy without those blocks (they
# move and import state, and hold nothing checkov checks), and a folder with a parsing error or
# no resource checked fails.
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
  copy=$(mktemp -d)
  cp -r "$dir"/. "$copy"/
  rm -rf "$copy/.terraform"
  python3 - "$copy" <<'PY'
import glob, json, os, sys
for path in glob.glob(os.path.join(sys.argv[1], "*.tf.json")):
    with open(path) as f:
        document = json.load(f)
    for block in ("moved", "import", "removed"):
        document.pop(block, None)
    if set(document) <= {"//"}:
        os.remove(path)
    else:
        with open(path, "w") as f:
            json.dump(document, f)
PY
  BC_SKIP_MAPPING=TRUE "$venv/bin/checkov" -d "$copy" --framework terraform_json --skip-download \
    --compact --quiet -o json >"$report" 2>/dev/null || true
  rm -rf "$copy"
  python3 - "$report" "$allowed" "$dir" <<'PY' || status=1
import json, sys
report, allowed, folder = sys.argv[1], set(sys.argv[2].split(",")), sys.argv[3]
data = json.load(open(report))
results = data[0] if isinstance(data, list) else data
if "results" not in results:
    print(f"checkov: {folder}: no results (summary: {results.get('summary')})"); sys.exit(1)
summary = results["summary"]
# `resource_count` stays 0 in JSON output; what ran is what passed or failed.
if summary.get("parsing_errors") or not summary["passed"] + summary["failed"]:
    print(f"checkov: {folder}: nothing checked ({summary.get('parsing_errors')} files checkov could not "
          f"parse, {summary['passed'] + summary['failed']} checks run)"); sys.exit(1)
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
