"""Two clerks import the same file at the same moment: exactly one succeeds, the other is told
which số đến the document already has. The check runs inside the write that inserts."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from db import open_store
from desktop.core.intake import import_file
from desktop.core.session import Session
from tests.cli.conftest import ROOT, sign_in
from tests.core.importers.fixtures import write_vpcp_docx
from tests.reliability.actors import race

TRIALS = 10
CLI_TRIALS = 2
DUPLICATE = (
    "Văn bản 5606/VPCP-QHĐP ngày 10/07/2020 của Văn phòng Chính phủ đã vào sổ: số đến 1/2026"
)


def _registered(path: Path) -> tuple[int, int]:
    store = open_store(path)
    try:
        documents = int(store.scalar("SELECT count(*) FROM incoming_documents"))
        petitions = int(store.scalar("SELECT count(*) FROM petitions"))
        return documents, petitions
    finally:
        store.close()


def test_same_file_imported_by_two_processes_at_once(
    new_db: Callable[[], Path], tmp_path: Path
) -> None:
    docx = write_vpcp_docx(tmp_path / "5606.docx")

    def imp(session: Session, arg: tuple[Any, Any]) -> int | None:
        return import_file(session, docx).document_id

    tally = {"done": 0, "refused": 0}
    for _ in range(TRIALS):
        db = new_db()
        outcomes = race(db, imp, [None, None])
        kinds = sorted(kind for kind, _ in outcomes.values())
        assert kinds == ["done", "refused"], outcomes
        refusal = next(detail for kind, detail in outcomes.values() if kind == "refused")
        assert refusal.startswith(DUPLICATE), refusal
        assert _registered(db) == (1, 6)
        for kind in kinds:
            tally[kind] += 1
    assert tally == {"done": TRIALS, "refused": TRIALS}


def test_same_file_through_two_real_commands_at_once(
    new_db: Callable[[], Path], tmp_path: Path
) -> None:
    docx = write_vpcp_docx(tmp_path / "5606.docx")
    for _ in range(CLI_TRIALS):
        db = new_db()
        who, secret = sign_in(db, ["import"])
        env = {**os.environ, "KIENNGHI_TODAY": "23/11/2026", "PYTHONIOENCODING": "utf-8", **secret}
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "desktop", "--db", str(db), *who, "import", str(docx)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
            )  # fmt: skip
            for _ in range(2)
        ]
        results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
        codes = sorted(code for code, _out, _err in results)
        assert codes == [0, 1], results
        err = next(err for code, _out, err in results if code == 1)
        # (The loser may first say that it waits for the other's write.)
        assert f"Lỗi: {DUPLICATE}" in err and "--allow-duplicate" in err, err
        assert "Traceback" not in err
        assert _registered(db) == (1, 6)
