"""Import into the database: one document plus one petition per row, all or nothing."""

import datetime as dt
from pathlib import Path

import pytest

from db import documents as docs
from db import petitions as pet
from db.search import search
from desktop.core.importers import ImportFailed
from desktop.core.intake import ImportOverrides, import_file
from desktop.core.session import Session
from tests.core.importers.fixtures import (
    seed_xlsx_rows,
    truncate_half,
    write_petitions_xlsx,
    write_vpcp_docx,
)
from tests.helpers import content_digest

D = dt.date


def _digest(session: Session) -> str:
    return content_digest(session.store.target)


def test_seed_docx_becomes_one_document_and_six_petitions(session: Session, tmp_path: Path) -> None:
    path = write_vpcp_docx(tmp_path / "5606-VPCP-QHDP.docx")
    result = import_file(session, path, ImportOverrides(received_on=D(2020, 7, 13)))
    assert (result.incoming_no, result.imported, len(result.petition_ids)) == (1, 6, 6)
    d = docs.get_document(session.store, result.document_id or 0)
    assert d is not None
    assert (d.sender_ref, d.sender_date, d.reply_by) == (
        "5606/VPCP-QHĐP",
        D(2020, 7, 10),
        D(2020, 9, 15),
    )
    assert d.sender == "Văn phòng Chính phủ"
    ps = pet.petitions_of_document(session.store, d.id)
    assert [p.origin for p in ps] == [
        "Hải Phòng", "Bến Tre", "Phú Yên", "Thái Bình", "Thái Nguyên", "Vĩnh Phúc",
    ]  # fmt: skip
    assert [p.ordinal for p in ps] == [None, "1", "2", "3", "4", "5"]
    assert ps[0].content.count("\n+ ") == 3  # the "+" sub-points stay in Hải Phòng's petition
    assert all(p.due_on == D(2020, 9, 15) for p in ps)  # the letter's reply-by date
    assert [h.origin for h in search(session.store, '"dinh danh"')] == ["Vĩnh Phúc"]
    events = pet.events_of(session.store, ps[0].id)
    assert "5606-VPCP-QHDP.docx" in events[0].note


def test_command_line_values_override_the_file(session: Session, tmp_path: Path) -> None:
    path = write_vpcp_docx(tmp_path / "a.docx")
    over = ImportOverrides(
        sender="VPCP", sender_ref="1/X", reply_by=D(2020, 10, 1), received_on=D(2020, 7, 13)
    )
    d = docs.get_document(session.store, import_file(session, path, over).document_id or 0)
    assert d is not None and (d.sender, d.sender_ref, d.reply_by) == ("VPCP", "1/X", D(2020, 10, 1))


def test_xlsx_needs_a_sender_when_the_file_names_none(session: Session, tmp_path: Path) -> None:
    path = write_petitions_xlsx(tmp_path / "bang.xlsx", seed_xlsx_rows())
    before = _digest(session)
    with pytest.raises(ImportFailed, match="cơ quan gửi"):
        import_file(session, path)
    assert _digest(session) == before
    result = import_file(session, path, ImportOverrides(sender="UBND tỉnh Bến Tre"))
    assert result.imported == 6
    # Received today, no reply-by: 10 working days (24/11/2026, Vietnam Culture Day, is off).
    ps = pet.petitions_of_document(session.store, result.document_id or 0)
    assert ps[0].received_on == D(2026, 11, 23) and ps[0].due_on == D(2026, 12, 8)


def test_dry_run_writes_nothing(session: Session, tmp_path: Path) -> None:
    path = write_vpcp_docx(tmp_path / "a.docx")
    before = _digest(session)
    result = import_file(session, path, ImportOverrides(received_on=D(2020, 7, 13)), dry_run=True)
    assert result.dry_run and result.imported == 6 and result.document_id is None
    assert _digest(session) == before


def _bad_files(tmp_path: Path) -> list[tuple[Path, str]]:
    text = tmp_path / "khong-phai.docx"
    text.write_text("Đây là văn bản thường, không phải Word.", encoding="utf-8")
    empty = tmp_path / "rong.xlsx"
    empty.write_bytes(b"")
    truncated = truncate_half(write_petitions_xlsx(tmp_path / "cut.xlsx", seed_xlsx_rows()))
    rows = seed_xlsx_rows()
    rows[2][2] = "x" * 1_000_000
    huge = write_petitions_xlsx(tmp_path / "huge.xlsx", rows)
    return [
        (text, "khong-phai.docx"),
        (empty, "rong.xlsx"),
        (truncated, "cut.xlsx"),
        (huge, "dòng 4"),
        (write_vpcp_docx(tmp_path / "date.docx", date_text="ngày 31 tháng 02 năm 2020"), "date"),
    ]


def test_bad_files_change_nothing(session: Session, tmp_path: Path) -> None:
    before = _digest(session)
    for path, expected in _bad_files(tmp_path):
        with pytest.raises(ImportFailed) as info:
            import_file(session, path, ImportOverrides(sender="X", received_on=D(2020, 7, 13)))
        assert expected in str(info.value), str(info.value)
        assert _digest(session) == before


def test_number_clash_changes_nothing(session: Session, tmp_path: Path) -> None:
    path = write_vpcp_docx(tmp_path / "a.docx")
    import_file(session, path, ImportOverrides(received_on=D(2020, 7, 13), incoming_no=5))
    before = _digest(session)
    with pytest.raises(ImportFailed, match="Số đến 5/2020 đã được dùng"):
        import_file(session, path, ImportOverrides(received_on=D(2020, 7, 14), incoming_no=5))
    with pytest.raises(ImportFailed, match="Số đến 5/2020"):
        import_file(
            session, path, ImportOverrides(received_on=D(2020, 7, 14), incoming_no=5), dry_run=True
        )
    assert _digest(session) == before


def test_unknown_field_names_the_row(session: Session, tmp_path: Path) -> None:
    rows = [[1, "Huế", "Nội dung", "Bưu chính"], [2, "Huế", "Nội dung", "Thiên văn học"]]
    path = write_petitions_xlsx(
        tmp_path / "f.xlsx", rows, header=("STT", "Địa phương", "Nội dung", "Lĩnh vực")
    )
    with pytest.raises(ImportFailed, match=r"dòng 3.*Thiên văn học"):
        import_file(session, path, ImportOverrides(sender="UBND"))


def test_failure_half_way_rolls_back_rows_and_index(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_vpcp_docx(tmp_path / "a.docx")
    before = _digest(session)
    calls = {"n": 0}
    real = pet.add_event

    def failing(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError("disk full")
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pet, "add_event", failing)
    with pytest.raises(OSError):
        import_file(session, path, ImportOverrides(received_on=D(2020, 7, 13)))
    assert calls["n"] == 4  # three petitions were already in (and indexed) when it failed
    assert _digest(session) == before
    # The index rolled back too: check compares it with the petitions on either engine.
    assert search(session.store, "thai binh") == []
    assert session.store.check() == []
