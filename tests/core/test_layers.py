"""The layering (docs/design.md): the screens and the commands reach db only through desktop.core.

`lint-imports` checks the contracts of pyproject.toml; these tests run it on the tree as it is,
and on a copy with one forbidden import added, to prove each contract really refuses.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    # A wide terminal, so that no reported import is wrapped over two lines.
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_tree_keeps_every_contract() -> None:
    out = _lint(ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The two packages and the contracts, copied: lint-imports reads the copy (cwd first)."""
    ignore = shutil.ignore_patterns("__pycache__")
    for package in ("desktop", "db"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize(
    ("module", "line", "reported"),
    [
        # a screen reaching past the core
        ("desktop/ui/_bad.py", "from db.store import Store", "desktop.ui._bad -> db.store"),
        # a command reaching past the core
        ("desktop/commands.py", "from db import petitions", "desktop.commands -> db.petitions"),
        # the core calling up into a screen
        ("desktop/core/_bad.py", "from desktop.ui import qt", "desktop.core._bad -> desktop.ui"),
        # the data layer calling up into the domain
        ("db/_bad.py", "from desktop.core import session", "db._bad -> desktop.core"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(
    copy: Path, module: str, line: str, reported: str
) -> None:
    path = copy / module
    before = path.read_text(encoding="utf-8") if path.exists() else '"""Breaks the layering."""\n'
    path.write_text(f"{before}\n{line}\n", encoding="utf-8")
    out = _lint(copy)
    assert out.returncode == 1, out.stdout + out.stderr
    assert reported in out.stdout
