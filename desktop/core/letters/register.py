"""Sổ văn bản đi in the domain: drafting letters, numbering them, and what an issued reply answers.

Issuing a reply letter numbers it and records the reply on its petitions in one transaction:
either the letter has its number and the petitions are answered, or nothing happened.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from db import letters as reg
from db import petitions as pet
from db import routing
from db.models import Petition
from db.store import Store
from desktop.core import permissions, workflow
from desktop.core import vocabulary as vocab
from desktop.core.errors import DomainError
from desktop.core.files import FileWriteError, check_writable, write_atomic
from desktop.core.letters.answer_part import reply_answer
from desktop.core.letters.file_names import incoming_numbers
from desktop.core.letters.kinds import (
    ANSWER_PLACEHOLDER,
    Signer,
    chase_letter,
    default_signer,
    latest_answer,
    reply_letter,
)
from desktop.core.letters.model import Letter
from desktop.core.letters.numbering import per_unit, reference
from desktop.core.session import Session
from desktop.core.vocabulary import REPLYABLE, STATUS_LABELS

KIND_REPLY = "reply"
KIND_CHASE = "chase"
KIND_LETTER = "letter"


def letter_rows(
    store: Store, *, limit: int = 500, after: tuple[dt.date | None, int] | None = None
) -> list[routing.LetterRow]:
    """The outgoing register, newest first (drafts, without a number, first of all), paged by
    key after the (issued_on, id) of the last row shown."""
    return routing.letter_rows(store, limit=limit, after=after)


@contextlib.contextmanager
def _refusals() -> Iterator[None]:
    # The register's refusals reach the clerk as the domain's, like every other refusal.
    try:
        yield
    except reg.RegisterError as exc:
        raise DomainError(str(exc)) from exc


def _new(letter: Letter, kind: str, answer: str = "") -> reg.NewLetter:
    return reg.NewLetter(
        kind=kind,
        symbol=letter.symbol,
        subject=letter.subject,
        recipients=letter.recipients,
        copies=letter.copies,
        body=letter.body,
        agency=letter.agency,
        signer_authority=letter.signer_authority,
        signer_title=letter.signer_title,
        signer_name=letter.signer_name,
        place=letter.place,
        parent_agency=letter.parent_agency,
        answer=answer,
        petition_ids=letter.petition_ids,
    )


def as_letter(session: Session, record: reg.LetterRecord) -> Letter:
    """The printable letter of a register entry (settings fill what an old row lacks)."""
    agency = record.agency or vocab.read_setting(session.store, vocab.AGENCY_NAME)
    return Letter(
        agency=agency,
        symbol=record.symbol,
        subject=record.subject,
        recipients=record.recipients,
        body=record.body,
        signer_authority=record.signer_authority,
        signer_title=record.signer_title,
        signer_name=record.signer_name,
        copies=record.copies,
        place=record.place
        or vocab.read_setting(session.store, vocab.PLACE)
        or vocab.LETTER_PLACE_UNSET,
        issued_on=record.issued_on,
        number=record.number,
        parent_agency=record.parent_agency,
        petition_ids=record.petition_ids,
    )


def _record(session: Session, letter_id: int) -> reg.LetterRecord:
    record = reg.get_letter(session.store, letter_id)
    if record is None:
        raise DomainError(f"Không có văn bản đi mã {letter_id}.")
    return record


def load_letter(session: Session, letter_id: int) -> Letter:
    """A saved letter (draft or issued) ready to render."""
    return as_letter(session, _record(session, letter_id))


def _answer(session: Session, letter: Letter, kind: str, answer: str | None) -> str:
    # A reply's answer is the part the officer wrote, read from the body unless given.
    if answer is not None or kind != KIND_REPLY:
        return answer or ""
    return reply_answer(session, letter.petition_ids, letter.body)


@dataclass(frozen=True)
class SavedLetter:
    """A văn bản đi as a screen opens it: register id, kind, whether only its number was
    entered (a letter made outside the app), the letter, and the số đến it answers."""

    id: int
    kind: str
    external: bool
    letter: Letter
    incoming_nos: tuple[int, ...]


def open_saved(session: Session, letter_id: int) -> SavedLetter:
    """A register entry with what its window needs (read on a worker, shown on the screen)."""
    record = _record(session, letter_id)
    numbers = incoming_numbers(session, record.petition_ids)
    letter = as_letter(session, record)
    return SavedLetter(record.id, record.kind, record.external, letter, tuple(numbers))


def save_draft(
    session: Session, letter: Letter, *, kind: str = KIND_LETTER, answer: str | None = None
) -> int:
    """Keep a letter as a draft (no number yet); returns its id in the outgoing register.

    A reply's `answer` (recorded as the reply when issued) is read from the body if not given."""
    permissions.require(session, "draft_letter", petition_ids=letter.petition_ids)
    text = _answer(session, letter, kind, answer)
    with _refusals():
        return reg.save_draft(session.store, _new(letter, kind, text))


def update_draft(
    session: Session, letter_id: int, letter: Letter, *, answer: str | None = None
) -> None:
    """Replace a draft's words (an issued letter stays as it was signed)."""
    record = _record(session, letter_id)
    permissions.require(session, "draft_letter", petition_ids=record.petition_ids)
    text = _answer(session, letter, record.kind, answer)
    with _refusals():
        reg.update_draft(session.store, letter_id, _new(letter, record.kind, text))


def draft_reply(
    session: Session,
    petition_ids: Sequence[int],
    *,
    answer: str | None = None,
    drafting_unit: str = "VP",
    signer: Signer | None = None,
) -> int:
    """Draft the reply letter to petitions and keep it in the register; returns its id."""
    permissions.require(session, "draft_letter", petition_ids=petition_ids)
    letter = reply_letter(
        session, petition_ids, answer=answer, drafting_unit=drafting_unit, signer=signer
    )
    text = latest_answer(session, petition_ids) if answer is None else answer
    return save_draft(session, letter, kind=KIND_REPLY, answer=text)


def draft_chase(
    session: Session, unit_code: str, *, drafting_unit: str = "VP", signer: Signer | None = None
) -> int:
    """Draft the chase letter to a unit with overdue assignments; returns its id."""
    permissions.require(session, "draft_letter")
    letter = chase_letter(session, unit_code, drafting_unit=drafting_unit, signer=signer)
    return save_draft(session, letter, kind=KIND_CHASE)


def _check_issuable(record: reg.LetterRecord) -> None:
    if record.external:
        raise DomainError(f"Số {record.reference} là của văn bản làm ngoài phần mềm.")
    if record.number is not None:
        raise DomainError(
            f"Văn bản đã được cấp số {record.reference} ngày {record.issued_on:%d/%m/%Y}."
        )
    if any(ANSWER_PLACEHOLDER in paragraph for paragraph in record.body):
        raise DomainError(
            f"Công văn còn chỗ chưa điền «{ANSWER_PLACEHOLDER}»: soạn nội dung trả lời trước khi"
            " cấp số."
        )
    if not record.recipients or not record.body:
        raise DomainError("Công văn chưa có nơi nhận (Kính gửi) hoặc nội dung.")


def issue_letter(session: Session, letter_id: int) -> Letter:
    """Number a draft with today's date (the next number of the year for its symbol)."""
    permissions.require(session, "issue_letter")
    today = session.today()
    with session.store.write():
        record = _record(session, letter_id)
        _check_issuable(record)
        with _refusals():
            reg.issue(session.store, letter_id, today, per_unit=per_unit(session))
    return load_letter(session, letter_id)


def _answered_without_letter(session: Session, p: Petition) -> int | None:
    """The reply to link when a petition was answered before its letter was issued."""
    if p.status != "answered":
        return None
    replies = routing.replies_of(session.store, p.id)
    if replies and not replies[-1].letter_ref:
        return replies[-1].id
    return None


def issue_reply(session: Session, letter_id: int) -> Letter:
    """Number a reply letter and record it as the answer to its petitions, all or nothing.

    Petitions still waiting get an `answered` reply citing `<n>/<symbol>`; a petition already
    marked answered without a letter has that reply linked to this letter instead.
    """
    permissions.require(session, "issue_letter")
    store, today = session.store, session.today()
    with store.write() as conn:
        record = _record(session, letter_id)
        if record.kind != KIND_REPLY:
            raise DomainError("Văn bản này không phải công văn trả lời kiến nghị.")
        if not record.petition_ids:
            raise DomainError("Công văn trả lời chưa gắn với kiến nghị nào.")
        _check_issuable(record)
        waiting: list[int] = []
        linked: dict[int, list[int]] = {}
        for pid in record.petition_ids:
            p = pet.get_petition(store, pid)
            if p is None:
                raise DomainError(f"Không có kiến nghị mã {pid}.")
            reply_id = _answered_without_letter(session, p)
            if reply_id is not None:
                linked.setdefault(reply_id, []).append(pid)
            elif p.status in REPLYABLE:
                waiting.append(pid)
            else:
                cited = [r.letter_ref for r in routing.replies_of(store, pid) if r.letter_ref]
                raise DomainError(
                    f"Kiến nghị {pid} đang ở trạng thái «{STATUS_LABELS[p.status]}»"
                    + (f" (văn bản {cited[-1]})" if cited else "")
                    + ", không trả lời thêm được."
                )
        with _refusals():
            number = reg.issue(store, letter_id, today, per_unit=per_unit(session))
        letter_ref = reference(number, record.symbol)
        if waiting:
            # The answer part only: reused later, the restated petition would come along.
            answer = record.answer or reply_answer(session, record.petition_ids, record.body)
            text = answer or "\n".join(record.body)
            reply_id = workflow.reply(
                session, waiting, "answered", text, replied_on=today, letter_ref=letter_ref
            )
            reg.link_reply(conn, reply_id, letter_id, letter_ref)
        for reply_id, pids in linked.items():
            reg.link_reply(conn, reply_id, letter_id, letter_ref)
            for pid in pids:
                note = f"Ban hành văn bản trả lời {letter_ref}"
                pet.set_status(conn, pid, "answered", "answered", session.actor, note)
    return load_letter(session, letter_id)


def reply_letter_of(
    session: Session, petition_ids: Sequence[int], *, issued: bool
) -> reg.LetterRecord | None:
    """The latest issued reply letter covering all these petitions, or the latest draft for them."""
    wanted = set(petition_ids)
    if not wanted:
        return None
    first = next(iter(petition_ids))
    for record in reversed(reg.letters_of_petition(session.store, first)):
        if record.kind != KIND_REPLY or (record.number is not None) != issued:
            continue
        if (wanted <= set(record.petition_ids)) if issued else wanted == set(record.petition_ids):
            return record
    return None


@dataclass(frozen=True)
class PrintedReply:
    """What `print_reply` produced: the letter, its register id (None if unsaved), and how."""

    letter: Letter
    letter_id: int | None
    state: Literal["reprint", "draft", "issued"]

    @property
    def missing_answer(self) -> bool:
        """The draft still waits for its answer."""
        return any(ANSWER_PLACEHOLDER in p for p in self.letter.body)


def print_reply(
    session: Session,
    petition_ids: Sequence[int],
    render: Callable[[Letter], bytes],
    dest: Path,
    *,
    issue: bool = False,
    answer: str | None = None,
    drafting_unit: str | None = None,
    signer_name: str | None = None,
) -> PrintedReply:
    """The reply letter to petitions rendered by `render` and written to `dest`.

    The issued letter is printed again as it was; otherwise the saved draft, or a fresh one when
    wording options are given. With `issue`, the draft is numbered and the petitions answered;
    the file is rendered inside that transaction (a letter that cannot be rendered, or that
    would not fit on the disk, numbers nothing) and written only after the commit, so a file
    never carries a number the register does not hold. Should the write still fail then, the
    number stays issued and recorded, and the message says how to print it again."""
    check_writable(dest)
    custom = answer is not None or drafting_unit is not None or signer_name is not None
    issued = reply_letter_of(session, petition_ids, issued=True)
    if issued is not None:
        if issue or custom:
            raise DomainError(
                f"Các kiến nghị này đã có công văn trả lời số {issued.reference} ngày"
                f" {issued.issued_on:%d/%m/%Y}; chỉ in lại được công văn đó."
            )
        letter = as_letter(session, issued)
        write_atomic(dest, render(letter))
        return PrintedReply(letter, issued.id, "reprint")

    def fresh() -> Letter:
        base = default_signer(session)
        signer = Signer(base.authority, base.title, signer_name) if signer_name else None
        unit = drafting_unit or "VP"
        return reply_letter(session, petition_ids, answer=answer, drafting_unit=unit, signer=signer)

    draft = reply_letter_of(session, petition_ids, issued=False)
    if not issue:
        letter = as_letter(session, draft) if draft and not custom else fresh()
        write_atomic(dest, render(letter))
        return PrintedReply(letter, draft.id if draft and not custom else None, "draft")
    text = latest_answer(session, petition_ids) if answer is None else answer
    with session.store.write():
        if draft is None:
            letter_id = save_draft(session, fresh(), kind=KIND_REPLY, answer=text)
        else:
            letter_id = draft.id
            if custom:
                update_draft(session, letter_id, fresh(), answer=text)
        letter = issue_reply(session, letter_id)
        data = render(letter)
        check_writable(dest, len(data))
    try:
        write_atomic(dest, data)
    except FileWriteError as exc:
        ids = " ".join(str(i) for i in letter.petition_ids)
        raise DomainError(
            f"Đã cấp số {reference(letter.number or 0, letter.symbol)} và ghi vào sổ văn bản đi,"
            f" nhưng {str(exc)[0].lower()}{str(exc)[1:].rstrip('.')}. Số này không bị cấp lại;"
            f" in lại công văn bằng lệnh: kiennghi letter {ids} --out <tệp khác>."
        ) from exc
    return PrintedReply(letter, letter_id, "issued")
