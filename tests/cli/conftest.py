"""Run the real `kiennghi` command in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


class Result:
    """A finished command: exit code, stdout, stderr, parsed JSON when asked for."""

    def __init__(self, proc: subprocess.CompletedProcess[str]) -> None:
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self) -> Any:
        return json.loads(self.out)


Run = Callable[..., Result]


# On the office server every command signs in: the harness signs in as the office's văn thư,
# or as its admin for the admin's commands (accounts of tests/accounts.py).
ADMIN_COMMANDS = {
    "init", "demo", "backup", "restore", "check", "user", "migrate-to", "copy-to", "audit",
}  # fmt: skip


def sign_in(
    target: object, args: tuple[str, ...] | list[str], user: str | None = None
) -> tuple[list[str], dict[str, str]]:
    """The `--user` arguments and password variable a command on `target` needs (none on a file)."""
    from tests.accounts import password

    if not str(target).startswith("postgresql://"):
        return [], {}
    command = next((a for a in args if not a.startswith("-")), "")
    name = user or ("qt" if command in ADMIN_COMMANDS else "vanthu")
    return ["--user", name], {"KIENNGHI_PASSWORD": password(name)}


@pytest.fixture
def run(db_path: Path) -> Run:
    """`run("list", "--json")` runs `python -m desktop --db <fresh db> list --json`.

    On the PostgreSQL pass the command signs in (`user=` picks the account)."""

    def _run(
        *args: str, today: str = "23/11/2026", db: Path | None = None, user: str | None = None
    ) -> Result:
        env = {**os.environ, "KIENNGHI_TODAY": today, "PYTHONIOENCODING": "utf-8"}
        target = str(db or db_path)
        who, secret = sign_in(target, args, user)
        env.update(secret)
        proc = subprocess.run(
            [sys.executable, "-m", "desktop", "--db", target, *who, *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
        return Result(proc)

    return _run
