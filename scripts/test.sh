#!/usr/bin/env bash
# Run the test suite (sets up .venv first if needed). Extra arguments go to pytest,
# e.g. `scripts/test.sh --run-all` for the slow, browser and Ray tests too.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/polybius ] || bash scripts/setup.sh
exec .venv/bin/python -m pytest -q "$@"
