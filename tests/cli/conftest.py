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


@pytest.fixture
def run(db_path: Path) -> Run:
    """`run("list", "--json")` runs `python -m desktop --db <fresh db> list --json`."""

    def _run(*args: str, today: str = "23/11/2026", db: Path | None = None) -> Result:
        env = {**os.environ, "KIENNGHI_TODAY": today, "PYTHONIOENCODING": "utf-8"}
        proc = subprocess.run(
            [sys.executable, "-m", "desktop", "--db", str(db or db_path), *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
        return Result(proc)

    return _run
