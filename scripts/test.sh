#!/usr/bin/env bash
# Set up (first run) and run the whole test suite headless: lint, types, then pytest twice,
# on the embedded SQLite file and on a throwaway PostgreSQL server (tests/pgcluster.py).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --dev
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
.venv/bin/ruff check .
.venv/bin/mypy --strict db desktop/core
.venv/bin/lint-imports --no-cache --no-logo  # layers: desktop.ui → desktop.core → db
echo "== SQLite"
.venv/bin/python -m pytest --engine sqlite "$@"
echo "== PostgreSQL"
.venv/bin/python -m pytest --engine postgresql "$@"
