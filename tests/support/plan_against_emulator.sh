#!/usr/bin/env bash
# plan_against_emulator.py in the environment of ../shared/tools/aws-sandbox (emulator_python.sh).
# Exit 3: a tool is missing, as the shared tools say.
exec bash "$(cd "$(dirname "$0")" && pwd)/emulator_python.sh" plan_against_emulator.py "$@"
