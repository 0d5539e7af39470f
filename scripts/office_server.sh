#!/usr/bin/env bash
# A local PostgreSQL "office server" to try Sổ Kiến Nghị on: scripts/office_server.sh start|stop|url|status
#
#   start   initdb (first time) into ~/.local/share/kiennghi/postgres, start the server on port
#           54329 with its Unix socket in that folder (no TCP), create the database `kiennghi`,
#           print its URI
#   stop    stop the server (the data stays for the next start)
#   url     print the URI to pass to `kiennghi --db`
#   status  say whether it runs
#
# PostgreSQL refuses to run as root: run as root, the server runs as the `postgres` system user
# (created by the Debian package `postgresql`, which scripts/bootstrap.sh --dev installs).
# Trust authentication on a socket only its owner (and root) may open: for trying the app on
# one machine, not for an office network.
set -euo pipefail

PORT="${KIENNGHI_PG_PORT:-54329}"
DIR="${XDG_DATA_HOME:-$HOME/.local/share}/kiennghi/postgres"
PGDATA="$DIR/data"
DB=kiennghi

bindir() {
    if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return
    fi
    local found
    found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -n "$found" ] && [ -x "$found/initdb" ]; then
        echo "$found"
        return
    fi
    if command -v initdb >/dev/null; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return
    fi
    echo "Không tìm thấy PostgreSQL (initdb): cài gói postgresql (sudo apt-get install postgresql" \
         "hoặc scripts/bootstrap.sh --dev với quyền root) rồi chạy lại." >&2
    exit 1
}

BIN="$(bindir)"
AS=()
if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "Chạy với quyền root nhưng không có người dùng hệ thống postgres (gói postgresql)." >&2
        exit 1
    fi
    AS=(runuser -u postgres --)
fi

url() {
    echo "postgresql://postgres@/$DB?host=$DIR&port=$PORT"
}

running() {
    [ -f "$PGDATA/PG_VERSION" ] && "${AS[@]}" "$BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1
}

start() {
    mkdir -p "$DIR"
    if [ ${#AS[@]} -gt 0 ]; then
        chown postgres "$DIR"
        # The server (user postgres) must reach the folder: root's home is usually 0700. Only
        # the right to pass through is added (o+x), never to list or read.
        local up="$DIR" ancestors=()
        while up="$(dirname "$up")" && [ "$up" != / ]; do
            ancestors=("$up" "${ancestors[@]}")
        done
        for up in "${ancestors[@]}"; do  # from the top down: a closed parent hides the rest
            if ! runuser -u postgres -- test -x "$up"; then
                chmod o+x "$up"
                echo "Cho phép người dùng postgres đi qua thư mục $up (chmod o+x)." >&2
            fi
        done
    fi
    chmod 0700 "$DIR"
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
        echo "Khởi tạo cơ sở dữ liệu PostgreSQL trong $PGDATA…" >&2
        "${AS[@]}" "$BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
            >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
    fi
    if ! running; then
        "${AS[@]}" "$BIN/pg_ctl" -D "$PGDATA" -l "$DIR/server.log" -w \
            -o "-k $DIR -p $PORT -c listen_addresses='' -c unix_socket_permissions=0700" start \
            >/dev/null || { tail -n 20 "$DIR/server.log" >&2; exit 1; }
    fi
    local psql=("${AS[@]}" "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -tA)
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
        "${psql[@]}" -c "CREATE DATABASE $DB" >/dev/null
    fi
    echo "Máy chủ PostgreSQL đang chạy (cổng $PORT, thư mục $DIR). Địa chỉ cơ sở dữ liệu:" >&2
    url
}

stop() {
    if running; then
        "${AS[@]}" "$BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
        echo "Đã dừng máy chủ PostgreSQL ($DIR)." >&2
    else
        echo "Máy chủ PostgreSQL không chạy." >&2
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) url ;;
    status)
        if running; then echo "Đang chạy: $(url)"; else echo "Không chạy."; exit 3; fi ;;
    *)
        echo "Cách dùng: $0 start|stop|url|status" >&2
        exit 2 ;;
esac
