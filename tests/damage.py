"""Bad database files for the restore, backup and open tests, made from a real database."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

from db.migrations import LATEST


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes: equal digests mean byte for byte the same file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corrupt_pages(path: Path, table: str = "localities") -> None:
    """Overwrite the root b-tree page of `table` in place, as a failing disk would."""
    conn = sqlite3.connect(str(path))
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * 64)


def corrupted_copy(src: Path, dest: Path) -> Path:
    """A copy of `src` with a damaged page."""
    shutil.copyfile(src, dest)
    corrupt_pages(dest)
    return dest


def truncated_copy(src: Path, dest: Path) -> Path:
    """The first half of `src`, as an interrupted copy to a USB stick leaves it."""
    data = src.read_bytes()
    dest.write_bytes(data[: len(data) // 2])
    return dest


def newer_copy(src: Path, dest: Path) -> Path:
    """`src` as a newer program version would have left it."""
    shutil.copyfile(src, dest)
    conn = sqlite3.connect(str(dest))
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    return dest


def foreign_file(dest: Path) -> Path:
    """Another program's SQLite database (with a schema version of its own)."""
    conn = sqlite3.connect(str(dest))
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('ghi chú')")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    return dest


def not_sqlite(dest: Path) -> Path:
    """A file that is no database at all."""
    dest.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 200)
    return dest
