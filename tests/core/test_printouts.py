"""Ctrl+P in the core: the right printed registers need, phone and ID numbers masked in every
cell (unless an admin or leader asks), and one audit event per print with what was printed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from db import open_store
from db.petition_filter import PetitionFilter
from db.store import Store
from desktop.core import audit, printouts
from desktop.core.errors import DomainError
from desktop.core.permissions import PermissionDenied
from desktop.core.session import Session
from tests import accounts, damage

accounts_template = accounts.accounts_template  # the five accounts of tests/accounts.py
accounts_db = accounts.accounts_db

PHONE, CCCD = "0912 345 678", "001203004567"
HEADERS = ("Mã", "Nơi kiến nghị", "Tóm tắt")
ROWS = [
    (1, f"Ông An, ĐT {PHONE}", f"CCCD {CCCD}, theo Công văn 5606/VPCP-QHĐP ngày 12/06/2026"),
    (2, "Thái Bình", None),
]


@pytest.fixture
def store(accounts_db: Any) -> Iterator[Store]:
    s = open_store(accounts_db)
    yield s
    s.close()


def _prints(store: Store) -> list[audit.AuditEvent]:
    return audit.events(accounts.signed_in(store, "lanhdao"), group="print")


def _sheet(session: Session, **kw: Any) -> printouts.PrintSheet:
    return printouts.prepare(
        session, title="Sổ theo dõi kiến nghị", headers=HEADERS, rows=ROWS, screen="petitions",
        **kw,
    )  # fmt: skip


def test_every_cell_is_masked_and_the_print_recorded(store: Store, tmp_path: Path) -> None:
    clerk = accounts.signed_in(store, "vanthu")
    f = PetitionFilter(status=("registered",), unit_code="CVT", year=2026)
    sheet = _sheet(clerk, petition_filter=f, search="bts")
    text = " ".join(" ".join(row) for row in sheet.rows)
    assert PHONE not in text and CCCD not in text
    assert "ĐT 0912 *** 678" in text and "CCCD 0012*****567" in text
    assert "5606/VPCP-QHĐP ngày 12/06/2026" in text and sheet.rows[1] == ("2", "Thái Bình", "")
    assert sheet.masked and sheet.headers == HEADERS
    assert _prints(store) == []  # preparing is not printing
    event = printouts.record(clerk, sheet, file=tmp_path / "in.pdf")
    (listed,) = _prints(store)
    assert listed == event and (event.actor, event.action) == ("vanthu", "print")
    assert event.detail == {
        "title": "Sổ theo dõi kiến nghị", "screen": "petitions", "rows": 2, "masked": True,
        "search": "bts", "printer": None, "file": "in.pdf", "folder": str(tmp_path.resolve()),
        "filters": {"status": ["registered"], "unit": "CVT", "year": 2026},
    }  # fmt: skip
    assert audit.describe(event) == (
        "In danh sách trên màn hình: Sổ theo dõi kiến nghị (bts), 2 dòng, đã che số, máy in in.pdf"
    )


def test_officers_may_not_print_and_only_admin_or_leader_unmask(store: Store) -> None:
    with pytest.raises(PermissionDenied) as refused:
        _sheet(accounts.signed_in(store, "cv_vt"))
    assert str(refused.value) == (
        "Người dùng «cv_vt» (chuyên viên, Cục Viễn thông) không được in sổ văn bản đến, văn bản"
        " đi, sổ theo dõi: việc này cần vai trò quản trị, văn thư hoặc lãnh đạo."
    )
    with pytest.raises(PermissionDenied, match="quản trị hoặc lãnh đạo"):
        _sheet(accounts.signed_in(store, "vanthu"), unmasked=True)
    whole = _sheet(accounts.signed_in(store, "lanhdao"), unmasked=True)
    assert not whole.masked and PHONE in whole.rows[0][1] and CCCD in whole.rows[0][2]
    printouts.record(accounts.signed_in(store, "lanhdao"), whole, printer="HP LaserJet Văn thư")
    (event,) = _prints(store)
    assert event.detail["masked"] is False and event.detail["printer"] == "HP LaserJet Văn thư"
    assert "KHÔNG CHE số điện thoại, CCCD" in audit.describe(event)


@pytest.mark.sqlite_file
def test_a_read_only_database_prints_nothing(db_path: Path, tmp_path: Path) -> None:
    damaged = Session(open_store(damage.corrupted_copy(db_path, tmp_path / "hong.db")), actor="t")
    assert damaged.store.read_only is not None
    with pytest.raises(DomainError, match="Không in được: việc in danh sách phải được ghi"):
        _sheet(damaged)
    damaged.close()
