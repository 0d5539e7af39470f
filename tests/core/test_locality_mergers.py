"""The 2025 provincial mergers (Nghị quyết 202/2025/QH15) as reference data, looked up by date;
the notice at registration; a reply-by date before the received date refused (core and form)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import resources
from db import petitions as pet
from db import reference as db_ref
from desktop.core import reference
from desktop.core import register_form as form
from desktop.core.errors import DomainError
from desktop.core.importers import ImportFailed
from desktop.core.intake import ImportOverrides, import_file
from desktop.core.register_form import DocumentDraft, PetitionDraft
from desktop.core.registry import PetitionInput
from desktop.core.session import Session
from tests.core.importers.fixtures import write_vpcp_docx

D = dt.date


def _json(name: str) -> list[dict[str, str | None]]:
    return list(json.loads(resources.path(f"reference/{name}").read_text(encoding="utf-8")))


def test_the_shipped_mergers_agree_with_the_localities() -> None:
    localities = {str(x["name"]): x for x in _json("localities.json")}
    merged = [m for m in reference.mergers() if m.change == "merge"]
    assert len(merged) == 29  # 63 provinces → 34
    for m in reference.mergers():
        old = localities[m.old]
        assert old["valid_to"] == (m.effective - dt.timedelta(days=1)).isoformat(), m.old
        assert old["merged_into"] == m.successor and localities[m.successor]["valid_to"] is None
        assert m.basis
    assert {m.effective for m in merged} == {D(2025, 7, 1)}
    assert all("202/2025/QH15" in m.basis for m in merged)

    def existing(on: str) -> int:
        return sum(
            1
            for x in localities.values()
            if (x["valid_from"] or "") <= on and (x["valid_to"] is None or str(x["valid_to"]) >= on)
        )

    assert (existing("2025-06-30"), existing("2025-07-01")) == (63, 34)


@pytest.mark.parametrize(
    ("text", "successor"),
    [
        ("Thái Bình", "Hưng Yên"),
        ("UBND tỉnh Thái Bình", "Hưng Yên"),
        ("Cử tri tỉnh Nam Định", "Ninh Bình"),
        ("Hà Nam", "Ninh Bình"),
        ("thai binh", "Hưng Yên"),
        ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ],
)
def test_a_merged_locality_is_found_by_date(session: Session, text: str, successor: str) -> None:
    store = session.store
    assert reference.locality_change(store, text, D(2025, 6, 30)) is None
    change = reference.locality_change(store, text, D(2025, 7, 1))
    assert change is not None and change.successor.name == successor
    assert change.effective == D(2025, 7, 1) and "202/2025/QH15" in change.basis
    assert reference.locality_change(store, text, D(2026, 3, 9)) == change


def test_localities_that_still_exist_have_no_change(session: Session) -> None:
    for text in ("Hưng Yên", "UBND TP Hà Nội", "Cử tri thành phố Hà Nội", "Hiệp hội Internet"):
        assert reference.locality_change(session.store, text, D(2026, 3, 9)) is None


def test_a_merger_the_clerk_enters_in_the_catalogue_is_followed(session: Session) -> None:
    row = {"code": "x-1", "name": "Thí Điểm", "kind": "tỉnh", "valid_to": "2026-01-31",
           "merged_into": "Hưng Yên"}  # fmt: skip
    db_ref.upsert_localities(session.store, [row])
    change = reference.locality_change(session.store, "Thí Điểm", D(2026, 2, 1))
    assert change is not None and change.successor.name == "Hưng Yên" and change.basis == ""


def test_the_registration_notice_names_the_successor(session: Session) -> None:
    places = reference.localities(session.store)
    rows = [PetitionDraft("Thái Bình", "Hạ tầng"), PetitionDraft("UBND tỉnh Thái Bình", "Số hóa"),
            PetitionDraft("Hưng Yên", "Khác"), PetitionDraft("", "")]  # fmt: skip
    (notice,) = form.locality_notices(places, D(2026, 3, 9), rows)
    assert notice.startswith(
        "Tỉnh Thái Bình đã hợp nhất vào tỉnh Hưng Yên từ 01/07/2025 (Nghị quyết số 202/2025/QH15)"
    )
    assert "Vẫn có thể vào sổ như đã nhập" in notice
    assert "tỉnh Thái Bình (nay là tỉnh Hưng Yên)" in notice
    assert form.locality_notices(places, D(2025, 6, 30), rows) == []
    # A person is not a locality, whatever the name.
    assert (
        form.locality_notices(
            places, D(2026, 3, 9), [PetitionDraft("Thái Bình", "x", raised_by="person")]
        )
        == []
    )


def test_a_reply_by_date_before_the_received_date_is_refused(session: Session) -> None:
    assert form.reply_by_problem(D(2026, 11, 10), D(2026, 11, 5)) == (
        "Hạn trả lời 05/11/2026 trước ngày đến 10/11/2026."
    )
    assert form.reply_by_problem(D(2026, 11, 10), D(2026, 11, 10)) is None
    draft = DocumentDraft(D(2026, 11, 10), None, "UBND tỉnh Hưng Yên", reply_by=D(2026, 11, 5))
    problems = form.document_problems(session, draft, own_number=False, require=True)
    assert problems == {form.REPLY_BY: "Hạn trả lời trước ngày đến 10/11/2026."}
    same_day = DocumentDraft(D(2026, 11, 10), None, "UBND", reply_by=D(2026, 11, 10))
    assert form.document_problems(session, same_day, own_number=False, require=True) == {}


def test_an_import_refuses_a_typed_reply_by_and_warns_of_a_late_letter(
    session: Session, tmp_path: Path
) -> None:
    path = write_vpcp_docx(tmp_path / "5606.docx")  # asks for a reply by 15/09/2020
    typed = ImportOverrides(received_on=D(2020, 7, 13), reply_by=D(2020, 7, 12))
    with pytest.raises(ImportFailed, match="Hạn trả lời 12/07/2020 trước ngày đến 13/07/2020"):
        import_file(session, path, typed)
    assert pet.count(session.store) == 0
    late = import_file(session, path, ImportOverrides(received_on=D(2020, 9, 21)))
    assert late.document.reply_by == D(2020, 9, 15)  # the letter's date, as written
    assert late.notices[0] == (
        "Hạn trả lời ghi trong văn bản (15/09/2020) đã qua trước ngày đến 21/09/2020:"
        " các kiến nghị sẽ quá hạn ngay khi vào sổ."
    )
    assert len(late.notices) == 1  # in 2020 every province of the table still existed
    today = import_file(session, path, ImportOverrides(received_on=D(2026, 3, 9)),
                        allow_duplicate=True)  # fmt: skip
    (merged,) = [n for n in today.notices if "đã sáp nhập" in n]  # one line for the table
    assert "Vĩnh Phúc → Phú Thọ" in merged and "Bến Tre → Vĩnh Long" in merged


def test_many_merged_localities_make_one_notice(session: Session) -> None:
    places = reference.localities(session.store)
    names = ["Thái Bình", "Hà Nam", "Nam Định", "Bắc Giang", "Hưng Yên", "Thái Bình"]
    (notice,) = reference.notices_for(places, names, D(2026, 3, 9))
    assert notice.startswith(
        "4 địa phương không còn vào ngày đến 09/03/2026, đã sáp nhập (Nghị quyết số"
        " 202/2025/QH15): Thái Bình → Hưng Yên, Hà Nam → Ninh Bình, Nam Định → Ninh Bình,"
        " Bắc Giang → Bắc Ninh."
    )


def test_a_person_must_be_a_known_kind_and_fit_a_line(session: Session) -> None:
    from desktop.core.registry import check_petition

    with pytest.raises(DomainError, match="cơ quan hoặc cá nhân"):
        check_petition(session, PetitionInput("Ông A", "x", raised_by="ai"))  # type: ignore[arg-type]
    with pytest.raises(DomainError, match="Địa chỉ dài"):
        check_petition(session, PetitionInput("Ông A", "x", raised_by="person", address="a" * 301))
    assert form.person_origin("Ông", "Trần Văn Bình") == "Ông Trần Văn Bình"
    assert form.person_origin("Bà", "bà Nguyễn Thị Lan") == "bà Nguyễn Thị Lan"
    assert form.forwarded_by("UBND TP Hà Nội", "ubnd tp ha noi") == ""
    assert form.forwarded_by("UBND TP Hà Nội", "Ban Dân nguyện") == "Ban Dân nguyện"
