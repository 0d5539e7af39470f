import datetime as dt
import errno
import os
import threading
from pathlib import Path

import pytest

from db import letters as reg
from db import open_store, routing
from db import petitions as pet
from desktop.core import vocabulary, workflow
from desktop.core.errors import DomainError
from desktop.core.letters import kinds, numbering, register
from desktop.core.session import Session
from tests.helpers import content_digest
from tests.vpcp import register_vpcp

D = dt.date


def _draft(symbol: str = "BTTTT-VP", subject: str = "V/v thử") -> reg.NewLetter:
    return reg.NewLetter(
        kind="letter",
        symbol=symbol,
        subject=subject,
        recipients=("Cục Tin học hóa",),
        copies=("Như trên", "Lưu: VT, VP"),
        body=("Đoạn một.", "Đoạn hai./."),
        agency="BỘ THÔNG TIN VÀ TRUYỀN THÔNG",
        signer_authority="KT. BỘ TRƯỞNG",
        signer_title="THỨ TRƯỞNG",
        signer_name="Nguyễn Huy Dũng",
        place="Hà Nội",
    )


def _petitions(session: Session) -> list[int]:
    return register_vpcp(session, D(2026, 7, 13), D(2026, 7, 10))


def test_numbers_run_consecutively_and_restart_in_january(db_path: Path) -> None:
    store = open_store(db_path)
    on = [D(2026, 1, 2), D(2026, 6, 30), D(2026, 12, 31), D(2027, 1, 4), D(2027, 1, 4)]
    numbers = [reg.issue(store, reg.save_draft(store, _draft()), day) for day in on]
    assert numbers == [1, 2, 3, 1, 2]
    # One series per agency (Decree 30/2020, art. 15), whatever unit drafted; the register
    # lists a year in number order.
    assert reg.issue(store, reg.save_draft(store, _draft("BTTTT-THH")), D(2027, 1, 5)) == 3
    # An agency that numbers per unit: each symbol its own series.
    assert (
        reg.issue(store, reg.save_draft(store, _draft("BTTTT-CĐSQG")), D(2027, 1, 5), per_unit=True)
        == 1
    )
    year = reg.list_letters(store, year=2026, include_drafts=False)
    assert [(r.number, r.issued_on) for r in year] == list(zip([1, 2, 3], on[:3], strict=True))
    assert year[0].reference == "01/BTTTT-VP"
    store.close()


def test_issue_refuses_a_second_number_and_an_earlier_date(db_path: Path) -> None:
    store = open_store(db_path)
    first = reg.save_draft(store, _draft())
    reg.issue(store, first, D(2026, 11, 20))
    with pytest.raises(reg.RegisterError, match="đã được cấp số 01/BTTTT-VP ngày 20/11/2026"):
        reg.issue(store, first, D(2026, 11, 23))
    with pytest.raises(reg.RegisterError, match="không sửa được"):
        reg.update_draft(store, first, _draft(subject="V/v sửa"))
    second = reg.save_draft(store, _draft())
    before = content_digest(db_path)
    with pytest.raises(reg.RegisterError, match="theo thứ tự thời gian"):
        reg.issue(store, second, D(2026, 11, 19))
    assert content_digest(db_path) == before
    assert reg.issue(store, second, D(2026, 11, 20)) == 2
    store.close()


def test_two_windows_never_get_the_same_number(db_path: Path) -> None:
    """Two issuers, each with its own connection: BEGIN IMMEDIATE serialises the numbering."""
    errors: list[BaseException] = []

    def worker() -> None:
        store = open_store(db_path)
        try:
            for _ in range(20):
                reg.issue(store, reg.save_draft(store, _draft()), D(2026, 11, 23))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    store = open_store(db_path)
    numbers = [r.number for r in reg.list_letters(store, year=2026)]
    assert numbers == list(range(1, 41))
    store.close()


def test_external_numbers_are_respected(session: Session) -> None:
    store = session.store
    reg.issue(store, reg.save_draft(store, _draft()), D(2026, 11, 2))
    numbering.record_external(session, 5, "BTTTT-VP", "V/v làm ngoài phần mềm", D(2026, 11, 3))
    with pytest.raises(DomainError, match="Số 05 năm 2026 đã được dùng cho văn bản 05/BTTTT-VP"):
        numbering.record_external(session, 5, "BTTTT-VP", "V/v trùng số", D(2026, 11, 4))
    with pytest.raises(DomainError, match="Số 01 năm 2026 đã được dùng cho văn bản 01/BTTTT-VP"):
        numbering.record_external(session, 1, "BTTTT-VP", "V/v trùng số", D(2026, 11, 4))
    with pytest.raises(DomainError, match="ở tương lai"):
        numbering.record_external(session, 9, "BTTTT-VP", "V/v", D(2026, 11, 24))
    with pytest.raises(reg.RegisterError, match="không thuộc năm 2025"):
        reg.record_external(store, 2025, 9, "BTTTT-VP", "V/v", D(2026, 1, 2))
    # The agency's series is one: the same number under another unit's symbol is taken too...
    with pytest.raises(DomainError, match="Số 05 năm 2026 đã được dùng cho văn bản 05/BTTTT-VP"):
        numbering.record_external(session, 5, "BTTTT-THH", "V/v khác ký hiệu", D(2026, 11, 3))
    # ...unless the agency numbers per unit.
    vocabulary.write_setting(store, vocabulary.NUMBERING_PER_UNIT, True)
    numbering.record_external(session, 5, "BTTTT-THH", "V/v khác ký hiệu", D(2026, 11, 3))
    vocabulary.write_setting(store, vocabulary.NUMBERING_PER_UNIT, False)
    # The app's next number comes after the external one, never below it.
    assert reg.issue(store, reg.save_draft(store, _draft()), D(2026, 11, 23)) == 6
    external = reg.find_number(store, 2026, 5, "BTTTT-VP")
    assert external is not None and external.external and external.kind == "external"
    with pytest.raises(DomainError, match="làm ngoài phần mềm"):
        register.issue_letter(session, external.id)


def test_issuing_a_reply_answers_and_links_its_petitions(session: Session) -> None:
    a, b, _ = _petitions(session)
    workflow.assign(session, a, "THH")
    letter_id = register.draft_reply(session, [a, b], answer="Bộ đã ban hành hướng dẫn.")
    draft = register.load_letter(session, letter_id)
    # The register keeps the letter exactly as it was drafted.
    assert draft == kinds.reply_letter(session, [a, b], answer="Bộ đã ban hành hướng dẫn.")
    assert register.reply_letter_of(session, [b, a], issued=False) is not None
    letter = register.issue_reply(session, letter_id)
    assert (letter.number, letter.issued_on) == (1, D(2026, 11, 23))
    assert letter.number_text == "Số: 01/BTTTT-VP"
    assert letter.petition_ids == (a, b)
    for pid in (a, b):
        p = pet.get_petition(session.store, pid)
        assert p is not None and p.status == "answered"
        (answer,) = routing.replies_of(session.store, pid)
        assert (answer.outcome, answer.letter_ref) == ("answered", "01/BTTTT-VP")
        assert answer.text == "Bộ đã ban hành hướng dẫn."
        assert answer.petition_ids == (a, b)
        assert "01/BTTTT-VP" in pet.events_of(session.store, pid)[-1].note
        assert [r.id for r in reg.letters_of_petition(session.store, pid)] == [letter_id]
    assert session.store.scalar("SELECT letter_id FROM replies") == letter_id
    # The lead's assignment is done; the letter can be found for reprinting.
    assert routing.assignments_of(session.store, a)[0].completed_on == D(2026, 11, 23)
    found = register.reply_letter_of(session, [a], issued=True)
    assert found is not None and found.id == letter_id
    with pytest.raises(DomainError, match="đã được cấp số 01/BTTTT-VP"):
        register.issue_reply(session, letter_id)


def test_a_reply_recorded_before_its_letter_is_linked_not_repeated(session: Session) -> None:
    a, _, _ = _petitions(session)
    workflow.reply(session, [a], "answered", "Đã hướng dẫn qua điện thoại.")
    letter_id = register.draft_reply(session, [a])
    letter = register.issue_reply(session, letter_id)
    assert "Đã hướng dẫn qua điện thoại." in letter.body
    (answer,) = routing.replies_of(session.store, a)
    assert answer.letter_ref == "01/BTTTT-VP"
    last = pet.events_of(session.store, a)[-1]
    assert (last.from_status, last.to_status) == ("answered", "answered")
    assert "01/BTTTT-VP" in last.note


def test_issue_reply_is_all_or_nothing(session: Session, db_path: Path) -> None:
    a, b, c = _petitions(session)
    workflow.reply(session, [c], "escalated", "Vượt thẩm quyền, đã báo cáo Thủ tướng.")
    letter_id = register.draft_reply(session, [a, b, c], answer="Trả lời chung.")
    unanswered = register.draft_reply(session, [a])
    before = content_digest(db_path)
    with pytest.raises(DomainError, match="Kiến nghị .* đang ở trạng thái «Vượt thẩm quyền"):
        register.issue_reply(session, letter_id)
    with pytest.raises(DomainError, match="chỗ chưa điền"):
        register.issue_reply(session, unanswered)
    assert content_digest(db_path) == before
    assert [r.number for r in reg.list_letters(session.store)] == [None, None]
    # The first number is still free for the next letter issued.
    register.update_draft(
        session, unanswered, kinds.reply_letter(session, [a], answer="Đã có."), answer="Đã có."
    )
    assert register.issue_reply(session, unanswered).number == 1


def test_a_chase_letter_is_numbered_without_replying(session: Session) -> None:
    a, _, _ = _petitions(session)
    workflow.assign(session, a, "THH", due_on=D(2026, 9, 15))
    letter_id = register.draft_chase(session, "THH")
    with pytest.raises(DomainError, match="không phải công văn trả lời"):
        register.issue_reply(session, letter_id)
    letter = register.issue_letter(session, letter_id)
    assert letter.number_text == "Số: 01/BTTTT-VP"
    assert pet.get_petition(session.store, a).status == "assigned"  # type: ignore[union-attr]


def test_migration_adds_the_link_table(session: Session) -> None:
    row = session.store.one("SELECT * FROM letter_petitions LIMIT 1")
    assert row is None
    cursor = session.store.conn.execute("SELECT letter_id, petition_id FROM letter_petitions")
    assert cursor.fetchall() == []
    assert session.store.check() == []


def test_print_reply_numbers_nothing_when_the_letter_cannot_be_rendered(
    session: Session, db_path: Path, tmp_path: Path
) -> None:
    a, _, _ = _petitions(session)
    before = content_digest(db_path)
    out = tmp_path / "cv.docx"

    def broken(letter: object) -> bytes:
        raise OSError("No space left on device")

    with pytest.raises(OSError):
        register.print_reply(session, [a], broken, out, issue=True, answer="Đã có.")
    assert content_digest(db_path) == before
    assert reg.list_letters(session.store) == []
    assert not out.exists()
    # A draft saved earlier is what gets printed; an issued letter is printed again as it was.
    letter_id = register.draft_reply(session, [a], answer="Theo dự thảo.")
    printed: list[object] = []

    def render(letter: object) -> bytes:
        printed.append(letter)
        return repr(letter).encode()

    done = register.print_reply(session, [a], render, out)
    assert (done.state, done.letter_id, done.missing_answer) == ("draft", letter_id, False)
    done = register.print_reply(session, [a], render, out, issue=True)
    assert (done.state, done.letter_id, done.letter.number) == ("issued", letter_id, 1)
    assert out.read_bytes() == repr(done.letter).encode()
    done = register.print_reply(session, [a], render, out)
    assert (done.state, done.letter.number) == ("reprint", 1)
    assert printed[-1] == printed[-2] == done.letter
    with pytest.raises(DomainError, match="chỉ in lại được"):
        register.print_reply(session, [a], render, out, answer="Khác.")
    assert not [f for f in tmp_path.iterdir() if f.name.endswith((".tmp", ".partial"))]


def test_a_file_that_cannot_be_written_after_the_commit_keeps_its_number_recorded(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The number is in the register; the message says so and how to print the letter again."""
    a, _, _ = _petitions(session)
    out = tmp_path / "cv.docx"
    real_replace = os.replace

    def full_disk(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(DomainError, match=r"Đã cấp số 01/BTTTT-VP .* ổ đĩa đã đầy.*in lại"):
        register.print_reply(session, [a], lambda letter: b"x", out, issue=True, answer="Có.")
    monkeypatch.setattr(os, "replace", real_replace)
    assert not out.exists() and not list(tmp_path.glob(".cv.docx.*"))
    issued = reg.list_letters(session.store, include_drafts=False)
    assert [r.reference for r in issued] == ["01/BTTTT-VP"]
    done = register.print_reply(session, [a], lambda letter: b"again", out)
    assert done.state == "reprint" and out.read_bytes() == b"again"
