"""A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder, pg_ctl start.

No mock: the tests of the office server run against a real server, started here and stopped
at the end. Root may not run the server, so as root it runs as the `postgres` system user
(which the Debian package creates). A machine without PostgreSQL fails the tests with the
reason; scripts/bootstrap.sh installs it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


class ClusterUnavailable(RuntimeError):
    """PostgreSQL is not installed or would not start; the message says why."""


def _bindir() -> Path:
    for candidate in ("pg_config",):
        found = shutil.which(candidate)
        if found:
            out = subprocess.run([found, "--bindir"], capture_output=True, text=True)
            folder = Path(out.stdout.strip())
            if (folder / "initdb").exists():
                return folder
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if versions:
        return Path(versions[0]).parent
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise ClusterUnavailable(
        "Không tìm thấy PostgreSQL (initdb): chạy scripts/bootstrap.sh --dev với quyền root"
        " để cài gói postgresql, rồi chạy lại các phép thử."
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """One server on a Unix socket in a temporary folder; `url(db)` for a database in it."""

    def __init__(self) -> None:
        self.bindir = _bindir()
        self.folder = Path(tempfile.mkdtemp(prefix="kiennghi-pg-"))
        self.data = self.folder / "data"
        self.socket_dir = self.folder
        self.port = _free_port()
        self._as: list[str] = []
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                raise ClusterUnavailable("Chạy với quyền root nhưng không có runuser.")
            self._as = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.folder, "postgres")
        self.folder.chmod(0o755)

    def _run(self, *args: str) -> None:
        done = subprocess.run([*self._as, *args], capture_output=True, text=True)
        if done.returncode != 0:
            raise ClusterUnavailable(
                f"PostgreSQL: {' '.join(args[:1])} thất bại: {done.stderr.strip() or done.stdout}"
            )

    def start(self) -> Cluster:
        """initdb, then start the server and wait until it accepts connections."""
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        options = (
            f"-k {self.socket_dir} -p {self.port} -c listen_addresses=''"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=200"
        )
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.folder / "server.log"), "-w", "start",
        )  # fmt: skip
        return self

    def url(self, dbname: str = "postgres", user: str = "postgres") -> str:
        """The libpq URI of `dbname` on this server."""
        return f"postgresql://{user}@/{dbname}?host={self.socket_dir}&port={self.port}"

    def admin(self, sql: str) -> None:
        """Run one statement as the superuser, outside any transaction (CREATE DATABASE)."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql.encode())

    def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`); its name."""
        name = f"kn_{uuid.uuid4().hex[:12]}"
        clause = f" TEMPLATE {template}" if template else ""
        self.admin(f"CREATE DATABASE {name}{clause}")
        return name

    def drop_database(self, name: str) -> None:
        """Drop `name`, closing any connection a test left open."""
        with contextlib.suppress(Exception):
            self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        with contextlib.suppress(ClusterUnavailable):
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
