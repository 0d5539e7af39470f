#!/usr/bin/env bash
# Build the one-folder PyInstaller app (build_installer.spec) and prove it starts:
# the built binary opens its main window on a fresh database with --smoke-test, offscreen.
# Prints the build time and the size of dist/kiennghi; exits non-zero when either step fails.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || scripts/bootstrap.sh --dev
if ! .venv/bin/python -m PyInstaller --version >/dev/null 2>&1; then
    echo "Cài PyInstaller vào .venv…"
    .venv/bin/python -m pip install -q "pyinstaller>=6.10"
fi

started=$(date +%s)
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller build_installer.spec
built=$(date +%s)
binary=dist/kiennghi/kiennghi
if [ ! -x "$binary" ]; then
    echo "Lỗi: không thấy chương trình đã đóng gói «$binary»." >&2
    exit 1
fi
echo "Đóng gói xong trong $((built - started)) s; dist/kiennghi: $(du -sh dist/kiennghi | cut -f1)."

# Every resource (reference data, fonts, icons) and the offscreen Qt platform must be inside.
missing=0
while IFS= read -r f; do
    if [ ! -f "dist/kiennghi/_internal/$f" ]; then
        echo "Lỗi: thiếu tài nguyên «$f» trong bản đóng gói." >&2
        missing=1
    fi
done < <(find resources -type f \( -name '*.json' -o -name '*.csv' -o -name '*.txt' \
    -o -name '*.ttf' -o -name '*.md' -o -name '*.svg' -o -name '*.png' -o -name '*.qm' \))
if [ -z "$(find dist/kiennghi -name 'libqoffscreen.so' -print -quit)" ]; then
    echo "Lỗi: thiếu Qt platform plugin offscreen trong bản đóng gói." >&2
    missing=1
fi
# The navigation's icons are SVG: without Qt's svg image plugin they would draw as nothing.
if [ -z "$(find dist/kiennghi -name 'libqsvg.so' -print -quit)" ]; then
    echo "Lỗi: thiếu Qt image plugin svg trong bản đóng gói." >&2
    missing=1
fi
[ "$missing" = 0 ] || exit 1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A fresh HOME so the smoke test never reads or writes the real user's data or settings.
if ! HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
    QT_QPA_PLATFORM=offscreen "$binary" --db "$tmp/smoke.db" --smoke-test; then
    echo "Lỗi: chương trình đã đóng gói không qua được --smoke-test." >&2
    exit 1
fi
# The frozen build must also find its resources for the headless commands.
HOME="$tmp/home" "$binary" --db "$tmp/smoke.db" check >/dev/null
echo "Chương trình đã đóng gói chạy được ($binary)."
