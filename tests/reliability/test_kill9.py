"""kill -9 at random moments: during an import and during `letter --issue` (20 trials each)."""

from __future__ import annotations

from pathlib import Path

import pytest

from db import open_store
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.core.importers.fixtures import write_petitions_xlsx
from tests.reliability.actors import TODAY
from tests.reliability.trials import kill_imports, kill_letter_issues

# About the SQLite file itself (its WAL, backups, damage, the disk under it).
pytestmark = pytest.mark.sqlite_file

ROWS = 1500


def _table(path: Path) -> Path:
    rows = [
        [str(i + 1), "Hải Phòng", f"Đề nghị hướng dẫn thủ tục {i} về chuyển đổi số ở địa phương."]
        for i in range(ROWS)
    ]
    return write_petitions_xlsx(path, rows)


def test_kill_during_import_leaves_all_or_nothing(db_path: Path, tmp_path: Path) -> None:
    found = kill_imports(db_path, _table(tmp_path / "bang.xlsx"), ROWS, 20)
    assert found.problems == []
    assert found.trials == 20
    # The random moments hit the work, not only before or after it.
    assert sum(n for k, n in found.outcomes.items() if k.startswith("killed")) >= 8


def test_kill_during_letter_issue_never_leaves_a_number_twice_or_unrecorded(
    db_path: Path, tmp_path: Path
) -> None:
    session = Session(open_store(db_path), today=lambda: TODAY, system=True)
    ids = register_document(
        session,
        DocumentInput(received_on=TODAY, sender="Văn phòng Chính phủ", sender_ref="9/VPCP"),
        [PetitionInput(origin="Hải Phòng", content=f"Kiến nghị {i}.") for i in range(20)],
    ).petition_ids
    session.close()
    found = kill_letter_issues(db_path, list(ids), tmp_path / "out")
    assert found.problems == []
    assert found.trials == 20
    assert sum(n for k, n in found.outcomes.items() if k.startswith("killed")) >= 8
