"""`kiennghi export FILE.xlsx [--status S] [--unit U] [--year Y] [--overdue] [--search Q]`:
the real command in a subprocess writes what the options select, and a bad value writes
nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db import open_store
from desktop.core import reports
from desktop.core.session import Session
from tests.cli.conftest import Run
from tests.export_data import CONTENT, seed


def _seed(db_path: Path) -> dict[str, int]:
    s = Session(open_store(db_path), actor="tester", today=lambda: dt.date(2026, 11, 23),
                system=True)  # fmt: skip
    try:
        return seed(s)
    finally:
        s.close()


def _ids(path: Path) -> list[int]:
    ws = load_workbook(path).active
    assert ws is not None
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == reports.REGISTER_HEADERS
    return [int(str(r[0])) for r in rows[1:]]


def test_each_option_narrows_the_export(run: Run, db_path: Path, tmp_path: Path) -> None:
    ids = _seed(db_path)
    answered, overdue, old = ids["answered"], ids["overdue"], ids["old"]
    cases: list[tuple[tuple[str, ...], list[int]]] = [
        ((), [overdue, answered, old]),
        (("--status", "answered"), [answered]),
        (("--status", "answered", "--status", "registered"), [answered, old]),
        (("--unit", "BC"), [overdue, answered]),
        (("--unit", "Cục Tin học hóa"), [answered]),
        (("--year", "2025"), [old]),
        (("--overdue",), [overdue, old]),
        (("--overdue", "--year", "2026"), [overdue]),
        (("--search", "tram bts"), [answered]),
        (("--search", "vùng", "--year", "2025"), [old]),
    ]
    for i, (options, expected) in enumerate(cases):
        out = tmp_path / f"so-{i}.xlsx"
        r = run("export", str(out), *options)
        assert r.code == 0, (options, r.err)
        assert f"Đã xuất {len(expected)} kiến nghị ra «{out}»" in r.out, options
        assert sorted(_ids(out)) == sorted(expected), options
    ws = load_workbook(tmp_path / "so-1.xlsx").active
    assert ws is not None
    assert ws["B2"].value == "12/2026" and ws["E2"].value == "5606/VPCP-QHĐP"
    assert ws["I2"].value == CONTENT.replace("345 678", "*** 678")
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:R2"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--status", "xong"), "giá trị 'xong' không hợp lệ"),
        (("--unit", "Cục Không Có"), "Lỗi: Không có đơn vị «Cục Không Có» trong danh mục."),
        (("--year", "hai nghìn"), "tham số --year: năm «hai nghìn» không phải là số nguyên"),
        (("--search", "!!!"), "Lỗi: Câu tìm «!!!» không có chữ hay số nào để tìm."),
    ],
)
def test_a_bad_value_is_refused_in_vietnamese_and_writes_nothing(
    run: Run, db_path: Path, tmp_path: Path, options: tuple[str, ...], message: str
) -> None:
    _seed(db_path)
    folder = tmp_path / "xuat"
    folder.mkdir()
    r = run("export", str(folder / "so.xlsx"), *options)
    assert r.code != 0 and message in r.err, r.err
    assert "Traceback" not in r.err
    assert list(folder.iterdir()) == []  # no file, no part file
