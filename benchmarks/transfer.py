"""What moving a register between engines costs: migrate-to and copy-to of a demo database.

    .venv/bin/python benchmarks/transfer.py [--db benchmarks/data/demo-1m.db] [--count N]

Builds the demo database through the CLI when `--db` does not exist (`demo --count N`), starts
a throwaway PostgreSQL server (tests/pgcluster.py), then times on it, once each:

- `migrate_to`: SQLite file → an empty server database (`desktop.core.transfer.migrate_to`,
  what `kiennghi --db FILE migrate-to postgresql://…` runs: open and migrate the target, COPY
  every table in one transaction, advance the sequences, rebuild the search index, read every
  table back and compare counts and digests);
- `copy_to`: that server database → a new SQLite file (`copy_to`, what `copy-to FILE.db` and a
  server's `backup` run, the file verified before it is renamed into place);

and prints one JSON document: seconds, rows, rows per second, the petitions and the file sizes.
Progress goes to stderr. The server runs with fsync off (a throwaway cluster): a real server
syncs its WAL once at the commit of the one transaction, which adds little.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db import open_store  # noqa: E402
from desktop.core import transfer  # noqa: E402
from desktop.core.session import Session  # noqa: E402
from desktop.transfer_commands import progress_printer  # noqa: E402
from tests.pgcluster import Cluster  # noqa: E402


def _demo(path: Path, count: int) -> None:
    subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(path), "demo", "--count", str(count)],
        check=True,
        cwd=ROOT,
    )


def main() -> None:
    """Run both directions and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "benchmarks/data/demo-1m.db")
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args()
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        _demo(args.db, args.count)
    progress = None if args.quiet else progress_printer()
    # Stopped with kill: the server is still stopped and its folder removed (the finally).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    cluster = Cluster().start()
    try:
        url = cluster.url(cluster.create_database())
        source = open_store(args.db)
        try:
            petitions = int(source.scalar("SELECT count(*) FROM petitions"))
            started = time.perf_counter()
            up = transfer.migrate_to(Session(source, system=True), url, progress)
            up_s = time.perf_counter() - started
        finally:
            source.close()
        with tempfile.TemporaryDirectory(prefix="kiennghi-transfer-") as folder:
            dest = Path(folder) / "ban-sao.db"
            server = open_store(url)
            try:
                started = time.perf_counter()
                down = transfer.copy_to(Session(server, system=True), dest, progress)
                down_s = time.perf_counter() - started
                server_bytes = int(server.scalar("SELECT pg_database_size(current_database())"))
            finally:
                server.close()
            copy_bytes = dest.stat().st_size
    finally:
        cluster.stop()
    back = {t.table: t.seconds for t in down.tables}
    figures = {
        "petitions": petitions,
        "source_file_mb": round(os.path.getsize(args.db) / 1_048_576, 1),
        "migrate_to": {
            "seconds": round(up_s, 1),
            "rows": up.rows,
            "rows_per_s": round(up.rows / up_s),
            "server_database_mb": round(server_bytes / 1_048_576, 1),
        },
        "copy_to": {
            "seconds": round(down_s, 1),
            "rows": down.rows,
            "rows_per_s": round(down.rows / down_s),
            "file_mb": round(copy_bytes / 1_048_576, 1),
        },
        "tables": {
            t.table: {
                "rows": t.rows,
                "migrate_to_s": round(t.seconds, 1),
                "copy_to_s": round(back[t.table], 1),
            }
            for t in up.tables
        },
        "migrate_to_index_and_read_back_s": round(up_s - sum(t.seconds for t in up.tables), 1),
        "copy_to_index_and_read_back_s": round(down_s - sum(t.seconds for t in down.tables), 1),
        "cpus": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 1),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
