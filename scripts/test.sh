#!/usr/bin/env bash
# Set up (first run) and run the whole test suite headless: lint, types, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --dev
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
.venv/bin/ruff check .
.venv/bin/mypy --strict db desktop/core
exec .venv/bin/python -m pytest "$@"
