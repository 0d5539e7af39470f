"""The same văn bản registered twice is refused, naming the số đến it already has."""

import datetime as dt
from pathlib import Path

import pytest

from db import documents as docs
from db import petitions as pet
from desktop.core import corrections
from desktop.core.errors import DomainError
from desktop.core.import_preview import preview_import
from desktop.core.importers import ImportFailed
from desktop.core.intake import ImportOverrides, import_file
from desktop.core.registry import (
    DocumentInput,
    DuplicateDocument,
    PetitionInput,
    register_document,
)
from desktop.core.session import Session
from tests.core.importers.fixtures import write_petitions_xlsx, write_vpcp_docx
from tests.helpers import content_digest

D = dt.date
VPCP = "Văn phòng Chính phủ"
ONE = [PetitionInput("Thái Bình", "Hoàn thiện trục tích hợp quốc gia")]


def _digest(session: Session) -> str:
    return content_digest(session.store.target)


def _doc(**kw: object) -> DocumentInput:
    values: dict[str, object] = {
        "received_on": D(2026, 11, 23), "sender": VPCP, "sender_ref": "5606/VPCP-QHĐP",
        "sender_date": D(2020, 7, 10),
    }  # fmt: skip
    values.update(kw)
    return DocumentInput(**values)  # type: ignore[arg-type]


def test_importing_the_same_file_twice_is_refused_and_changes_nothing(
    session: Session, tmp_path: Path
) -> None:
    path = write_vpcp_docx(tmp_path / "5606.docx")
    first = import_file(session, path)
    before = _digest(session)
    with pytest.raises(DuplicateDocument) as caught:
        import_file(session, path)
    assert str(caught.value) == (
        f"Văn bản 5606/VPCP-QHĐP ngày 10/07/2020 của Văn phòng Chính phủ đã vào sổ: số đến"
        f" 1/2026 ngày 23/11/2026 (mã {first.document_id}). Dùng --allow-duplicate nếu đây là"
        " một văn bản khác."
    )
    with pytest.raises(DuplicateDocument):
        import_file(session, path, dry_run=True)
    assert _digest(session) == before
    again = import_file(session, path, allow_duplicate=True)
    assert again.incoming_no == 2 and again.imported == first.imported


@pytest.mark.parametrize(
    ("sender", "ref"),
    [
        ("văn phòng  chính phủ", " 5606/vpcp-qhđp "),  # case and spaces
        ("Van phong Chinh phu", "5606/VPCP-QHĐP"),  # the sender typed without diacritics
        ("Văn phòng Chính phủ", "5606/VPCP-QHĐP"),  # NFD input, as some keyboards send it
    ],
)
def test_sender_and_number_compare_loosely(session: Session, sender: str, ref: str) -> None:
    register_document(session, _doc(), ONE)
    import unicodedata

    with pytest.raises(DuplicateDocument, match="số đến 1/2026"):
        register_document(
            session, _doc(sender=unicodedata.normalize("NFD", sender), sender_ref=ref), ONE
        )


def test_other_number_date_or_sender_is_not_a_duplicate(session: Session) -> None:
    register_document(session, _doc(), ONE)
    register_document(session, _doc(sender_ref="5607/VPCP-QHĐP"), ONE)
    register_document(session, _doc(sender_date=D(2020, 7, 11)), ONE)
    register_document(session, _doc(sender="UBND tỉnh Thái Bình"), ONE)
    assert docs.next_incoming_no(session.store, 2026) == 5


def test_a_letter_without_number_or_date_is_never_a_duplicate(session: Session) -> None:
    register_document(session, _doc(sender="Ông Nguyễn Văn A", sender_ref=""), ONE)
    register_document(session, _doc(sender="Ông Nguyễn Văn A", sender_ref="  "), ONE)
    # Numbers restart every year: 12/UBND without its date may be last year's letter.
    register_document(session, _doc(sender_ref="12/UBND", sender_date=None), ONE)
    register_document(session, _doc(sender_ref="12/UBND", sender_date=None), ONE)
    assert docs.next_incoming_no(session.store, 2026) == 5


def test_a_withdrawn_document_does_not_block_registering_it_again(session: Session) -> None:
    r = register_document(session, _doc(), ONE)
    corrections.withdraw_document(session, r.document_id or 0, "Vào sổ nhầm ngày đến")
    again = register_document(session, _doc(), ONE)
    assert again.incoming_no == 2
    # Reinstating the first now would make two: refused, nothing changed.
    before = _digest(session)
    with pytest.raises(DomainError, match="Không khôi phục văn bản trùng"):
        corrections.reinstate_document(session, r.document_id or 0)
    assert _digest(session) == before


def test_the_preview_names_the_registered_document(session: Session, tmp_path: Path) -> None:
    path = write_vpcp_docx(tmp_path / "5606.docx")
    assert preview_import(session, path).duplicate_of is None
    done = import_file(session, path)
    preview = preview_import(session, path)
    assert preview.duplicate_of is not None and preview.duplicate_of.id == done.document_id


def test_near_duplicate_rows_are_marked_in_the_preview(session: Session, tmp_path: Path) -> None:
    text = "Đề nghị hỗ trợ kinh phí phủ sóng di động cho các thôn vùng sâu vùng xa của tỉnh"
    earlier = register_document(
        session, _doc(sender="UBND tỉnh Hà Giang", sender_ref="12/UBND", received_on=D(2026, 6, 1)),
        [PetitionInput("Hà Giang", text), PetitionInput("Hà Giang", "Xây trạm thu phát mới")],
    )  # fmt: skip
    rows = [[1, "Hà Giang", text + "."], [2, "Hà Giang", "Cấp tên miền miễn phí cho trường học"]]
    path = write_petitions_xlsx(tmp_path / "f.xlsx", rows)
    preview = preview_import(session, path, ImportOverrides(sender="Văn phòng Chính phủ"))
    marks = [r.near_duplicate for r in preview.rows]
    assert marks[1] is None
    assert marks[0] is not None and marks[0].id == earlier.petition_ids[0]
    assert preview.rows[0].mark == (
        f"Có thể trùng với kiến nghị mã {earlier.petition_ids[0]} (ngày 01/06/2026)"
    )
    # Withdrawn petitions are nobody's duplicate.
    corrections.withdraw(session, earlier.petition_ids[0], "Nhập nhầm")
    preview = preview_import(session, path, ImportOverrides(sender="Văn phòng Chính phủ"))
    assert preview.rows[0].near_duplicate is None
    assert pet.get_petition(session.store, earlier.petition_ids[0]) is None


def test_an_import_refusal_still_names_the_file(session: Session, tmp_path: Path) -> None:
    path = write_vpcp_docx(tmp_path / "5606.docx")
    import_file(session, path, ImportOverrides(incoming_no=3))
    with pytest.raises(ImportFailed, match="5606.docx.*Số đến 3/2026 đã được dùng"):
        import_file(session, path, ImportOverrides(incoming_no=3), allow_duplicate=True)
