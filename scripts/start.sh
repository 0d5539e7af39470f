#!/usr/bin/env bash
# Set up (first run) and start Sổ Kiến Nghị on the default database; arguments pass through,
# e.g. `scripts/start.sh --db /path/to/file.db` or `scripts/start.sh demo --count 1000`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/kiennghi "$@"
