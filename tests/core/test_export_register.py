"""Xuất sổ ra Excel: what the list shows (filters, search, overdue), every column a clerk
needs, as a sheet they can use (frozen header, autofilter, wrapped text, real dates)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from db.petition_filter import PetitionFilter
from desktop.core import audit, reports
from desktop.core.errors import DomainError
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.export_data import CONTENT, REPLY, seed

D = dt.date


def _sheet(path: Path) -> Any:
    ws = load_workbook(path).active
    assert ws is not None
    return ws


def _rows(path: Path) -> list[dict[str, Any]]:
    rows = list(_sheet(path).iter_rows(values_only=True))
    assert rows[0] == reports.REGISTER_HEADERS
    return [dict(zip(reports.REGISTER_HEADERS, r, strict=True)) for r in rows[1:]]


def test_every_column_a_clerk_needs(session: Session, tmp_path: Path) -> None:
    ids = seed(session)
    dest = tmp_path / "so.xlsx"
    assert reports.export_register(session, dest) == 3
    rows = {r["Mã"]: r for r in _rows(dest)}
    row = rows[ids["answered"]]
    assert row["Số đến"] == "12/2026"
    assert row["Ngày đến"] == dt.datetime(2026, 11, 2)
    assert row["Cơ quan gửi"] == "Văn phòng Chính phủ"
    assert row["Số, ký hiệu văn bản"] == "5606/VPCP-QHĐP"
    assert row["Ngày văn bản"] == dt.datetime(2026, 10, 30)
    assert row["Nơi kiến nghị"] == "Cử tri tỉnh Thái Bình"
    assert row["Địa phương"] == "Thái Bình"
    # The whole text, every paragraph and "+" point, its line breaks kept; the phone masked.
    assert row["Nội dung kiến nghị"] == CONTENT.replace("0912 345 678", "0912 *** 678")
    assert row["Lĩnh vực"] == "Chuyển đổi số"
    assert row["Đơn vị chủ trì"] == "Cục Tin học hóa"
    assert row["Đơn vị phối hợp"] == "Vụ Bưu chính\nVăn phòng Bộ"
    assert row["Trạng thái"] == "Đã trả lời" and row["Quá hạn"] is None
    assert row["Nội dung trả lời"] == REPLY
    assert row["Số công văn trả lời"] == "88/BTTTT-VP"
    assert row["Ngày trả lời"] == dt.datetime(2026, 11, 20)
    late = rows[ids["overdue"]]
    assert late["Địa phương"] == "Hà Nội" and late["Quá hạn"] == "Có"
    assert late["Trạng thái"] == "Đang xử lý" and late["Đơn vị phối hợp"] is None
    assert late["Nội dung trả lời"] is None and late["Ngày trả lời"] is None
    assert rows[ids["old"]]["Số đến"] == "7/2025"


def test_a_sheet_a_clerk_can_use(session: Session, tmp_path: Path) -> None:
    seed(session)
    dest = tmp_path / "so.xlsx"
    reports.export_register(session, dest)
    ws = _sheet(dest)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:R4"  # the header and the three rows
    assert ws["A1"].font.bold
    # Printed: A4 landscape, the header and the numbers repeated on every page.
    assert ws.print_title_rows == "$1:$1" and ws.print_title_cols == "$A:$B"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    content = reports.REGISTER_HEADERS.index("Nội dung kiến nghị") + 1
    assert ws.cell(row=2, column=content).alignment.wrap_text
    assert ws.column_dimensions["I"].width == 80
    for title in ("Ngày đến", "Ngày văn bản", "Hạn xử lý", "Ngày trả lời"):
        column = reports.REGISTER_HEADERS.index(title) + 1
        dated = [ws.cell(row=r, column=column) for r in range(2, 5)]
        dated = [c for c in dated if c.value is not None]
        assert dated, title
        for c in dated:
            assert isinstance(c.value, dt.datetime) and c.number_format == "dd/mm/yyyy", title


def test_only_what_the_filter_selects(session: Session, tmp_path: Path) -> None:
    ids = seed(session)
    today = session.today()
    cases: list[tuple[PetitionFilter, set[int]]] = [
        (PetitionFilter(year=2026), {ids["answered"], ids["overdue"]}),
        (PetitionFilter(status=("answered",)), {ids["answered"]}),
        (PetitionFilter(unit_code="BC"), {ids["answered"], ids["overdue"]}),
        (PetitionFilter(unit_code="THH"), {ids["answered"]}),
        (PetitionFilter(overdue_on=today), {ids["overdue"], ids["old"]}),  # 2025's is too
        (PetitionFilter(overdue_on=today, year=2026), {ids["overdue"]}),
        (PetitionFilter(origin="Cử tri tỉnh Phú Yên"), {ids["old"]}),
    ]
    for i, (f, expected) in enumerate(cases):
        dest = tmp_path / f"so-{i}.xlsx"
        assert reports.export_register(session, dest, f) == len(expected), f
        assert {r["Mã"] for r in _rows(dest)} == expected, f


def test_in_the_order_the_list_shows(session: Session, tmp_path: Path) -> None:
    ids = seed(session)
    dest = tmp_path / "so.xlsx"
    reports.export_register(session, dest, PetitionFilter(order="received", descending=False))
    assert [r["Mã"] for r in _rows(dest)] == [ids["old"], ids["answered"], ids["overdue"]]


def test_the_search_the_screen_runs(session: Session, tmp_path: Path) -> None:
    ids = seed(session)
    dest = tmp_path / "tim.xlsx"
    # Without accents, as the clerk types: the register's own search finds "trạm BTS".
    assert reports.export_register(session, dest, search="tram bts") == 1
    assert [r["Mã"] for r in _rows(dest)] == [ids["answered"]]
    # Search and filter together: "vùng" is in two petitions, one of them received in 2025.
    reports.export_register(session, dest, PetitionFilter(year=2025), search="vung")
    assert [r["Mã"] for r in _rows(dest)] == [ids["old"]]
    assert reports.export_register(session, dest, search="không có chữ này") == 0
    (*_, event) = audit.exports(session)
    assert event.detail["filters"] == {"search": "không có chữ này"}


def test_a_search_of_many_pages_is_read_whole(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    register_document(
        session,
        DocumentInput(received_on=D(2026, 11, 2), sender="Văn phòng Chính phủ"),
        [PetitionInput(f"Cử tri số {i}", f"Kiến nghị về sóng di động {i}.") for i in range(23)],
    )
    monkeypatch.setattr(reports, "PAGE", 5)  # five pages and a short one
    seen: list[tuple[int, int]] = []
    dest = tmp_path / "so.xlsx"
    n = reports.export_register(
        session, dest, search="song di dong", progress=lambda d, t: seen.append((d, t)) or True
    )
    assert n == 23 and seen[-1] == (23, 23) and len(seen) == 5
    numbers = [r["Mã"] for r in _rows(dest)]
    assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) == 23


def test_the_audit_log_keeps_the_filters(session: Session, tmp_path: Path) -> None:
    seed(session)
    f = PetitionFilter(status=("assigned",), unit_code="BC", overdue_on=session.today())
    reports.export_register(session, tmp_path / "so.xlsx", f, search="buu chinh")
    (event,) = audit.exports(session)
    assert event.detail["rows"] == 1 and event.detail["masked"] is True
    assert event.detail["filters"] == {
        "status": ["assigned"], "unit": "BC", "overdue_on": "2026-11-23", "search": "buu chinh",
    }  # fmt: skip


def test_bad_input_writes_nothing(session: Session, tmp_path: Path) -> None:
    seed(session)
    dest = tmp_path / "so.xlsx"
    with pytest.raises(DomainError, match="không có chữ hay số"):
        reports.export_register(session, dest, search="!!! ---")
    with pytest.raises(DomainError, match="Trạng thái «xong» không có"):
        reports.register_filter(session, status=["xong"])
    with pytest.raises(DomainError, match="Không có đơn vị «Cục Không Có»"):
        reports.register_filter(session, unit="Cục Không Có")
    assert not dest.exists() and audit.exports(session) == []
    f = reports.register_filter(session, status=["assigned"], unit="cuc tin hoc hoa", year=2026)
    assert (f.status, f.unit_code, f.year, f.overdue_on) == (("assigned",), "THH", 2026, None)


def test_the_file_name_says_what_was_exported() -> None:
    today = D(2026, 12, 1)
    assert reports.export_file_name(PetitionFilter(), "", today) == "so-kien-nghi-2026-12-01.xlsx"
    f = PetitionFilter(status=("assigned",), unit_code="THH", year=2026, overdue_on=today)
    assert (
        reports.export_file_name(f, "Trạm BTS", today)
        == "kien-nghi-dang-xu-ly-qua-han-THH-2026-tim-tram-bts-2026-12-01.xlsx"
    )
    assert (
        reports.export_file_name(PetitionFilter(document_id=4), "", today)
        == "kien-nghi-van-ban-4-2026-12-01.xlsx"
    )


def test_locality_of_an_origin() -> None:
    locality_of = reports.locality_finder(["Hà Nội", "Hà Nam", "Bắc Ninh", "Thái Bình", "Hòa Bình"])
    assert locality_of("Cử tri thành phố Hà Nội") == "Hà Nội"
    assert locality_of("UBND tỉnh Thai Binh") == "Thái Bình"
    assert locality_of("Ông An, thôn Hà Nam, tỉnh Bắc Ninh") == "Bắc Ninh"
    assert locality_of("Ông Trần Văn Bình") == ""
    assert locality_of("Hiệp hội Internet Việt Nam") == ""


def test_exactly_the_petitions_a_list_shows_alone(session: Session, tmp_path: Path) -> None:
    ids = seed(session)
    dest = tmp_path / "mot.xlsx"
    chosen = [ids["overdue"], ids["old"]]
    assert reports.export_register(session, dest, PetitionFilter(year=2026), ids=chosen) == 2
    assert [r["Mã"] for r in _rows(dest)] == chosen  # in the list's order, the filter aside
    (event,) = audit.exports(session)
    assert event.detail["filters"]["ids"] == chosen
    assert reports.export_file_name(PetitionFilter(), "", D(2026, 12, 1), ids=[5]) == (
        "kien-nghi-ma-5-2026-12-01.xlsx"
    )


def test_the_scope_in_the_clerks_words() -> None:
    assert reports.describe_scope(PetitionFilter()) == "Toàn bộ sổ kiến nghị."
    f = PetitionFilter(status=("assigned",), unit_code="THH", overdue_on=D(2026, 11, 23))
    assert reports.describe_scope(f, " bts ") == (
        "Các kiến nghị đang hiện trong danh sách: trạng thái Đang xử lý; quá hạn ngày"
        " 23/11/2026; đơn vị THH; khớp «bts» (mọi kết quả, mới nhất trước)."
    )
    assert reports.describe_scope(f, ids=[4, 9]) == "Các kiến nghị mã 4, 9."
