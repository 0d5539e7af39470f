#!/usr/bin/env bash
# Set up everything Sổ Kiến Nghị needs on a Debian/Ubuntu machine, idempotently:
# the system libraries Qt needs (when run as root), a virtual environment in .venv and the
# project installed in it. `--dev` adds the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

extra=""
[ "${1:-}" = "--dev" ] && extra="[dev]"

# Qt's offscreen and xcb platforms, a font, Xvfb for screenshots of a real window, poppler and
# Tesseract with its Vietnamese model for scanned documents.
# `--dev` adds PostgreSQL: the tests run the suite on the office server's engine too.
SYSTEM_PACKAGES="libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
 libglib2.0-0 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-xinerama0 libnss3 libasound2 fonts-dejavu-core
 fonts-liberation2 xvfb poppler-utils tesseract-ocr tesseract-ocr-vie"
# `--dev` also brings SoftHSM, the software token the tests sign letters with over PKCS#11.
[ -n "$extra" ] && SYSTEM_PACKAGES="$SYSTEM_PACKAGES postgresql softhsm2"

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    missing=""
    for p in $SYSTEM_PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
    done
    if ! python3 -m venv --help >/dev/null 2>&1; then missing="$missing python3-venv"; fi
    if [ -n "$missing" ]; then
        echo "Cài gói hệ thống:$missing"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
fi

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "Cần Python 3.11 trở lên (đang có: $("$PY" --version 2>&1))." >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
# Reinstall only when the project's requirements changed since the last set-up.
stamp=".venv/.installed$extra"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e ".$extra"
    touch "$stamp"
fi
