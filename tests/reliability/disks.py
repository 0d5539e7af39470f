"""A small file system of the test's own (tmpfs, mounted as root) to fill up or make read-only.

As root, chmod does not stop writes, so a read-only mount is the only honest read-only; without
root the test that needs one is skipped with the reason."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def mount(where: Path, *options: str) -> None:
    """A 2 MB tmpfs at `where` (skips the test when it cannot be mounted)."""
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join(("size=2m", *options)), "tmpfs", str(where)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"không gắn được tmpfs ở đây: {done.stderr.strip()}")


@contextlib.contextmanager
def small_disk(where: Path) -> Iterator[Path]:
    """A fresh small disk at `where` for the duration of the block, unmounted after."""
    if os.geteuid() != 0:
        pytest.skip("cần quyền root để gắn một tmpfs nhỏ (mount -t tmpfs); bỏ qua: không là root")
    where.mkdir()
    mount(where)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(disk: Path) -> None:
    """Fill the disk to the last block."""
    with contextlib.suppress(OSError), open(disk / "filler", "wb") as f:
        while True:
            f.write(b"\0" * 4096)
            f.flush()


def remount(disk: Path, mode: str) -> None:
    """Remount `ro` or `rw`."""
    subprocess.run(["mount", "-o", f"remount,{mode}", str(disk)], check=True)
