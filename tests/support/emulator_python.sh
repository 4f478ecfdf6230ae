#!/usr/bin/env bash
# emulator_python.sh SCRIPT.py ARGS...: runs a driver of the shared tools' AWS emulator in the
# environment of ../shared/tools/aws-sandbox (Terraform from the offline mirror, the emulator's
# venv, installed once). Exit 3: a tool is missing, as the shared tools say.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tools="$here/../../../shared/tools"
. "$tools/lib/terraform-env.sh"
tf_env_or_exit
cache="${XDG_CACHE_HOME:-$HOME/.cache}/lambda-stack-tools"
venv="$cache/moto-venv"
if [ ! -x "$venv/bin/moto_server" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'moto[server]==5.2.5' 'boto3>=1.35' >&2
fi
script=${1:?usage: emulator_python.sh SCRIPT.py ARGS...}
shift
exec "$venv/bin/python" "$here/$script" "$@"
