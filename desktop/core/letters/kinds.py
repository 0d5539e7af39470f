"""Kinds of letter: the reply (trả lời), the chase (đôn đốc), the routing slip (phiếu giải quyết).

Each is prefilled from the register and worded by an editable template in resources/templates/
(see wording.py): the facts come from the database, the sentences from the template.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from db import documents as docs
from db import letters as reg
from db import parties as pty
from db import petitions as pet
from db import reference as ref
from db import routing
from db.models import IncomingDocument, Locality, Petition
from db.parties import Parties
from db.text import clean, fold
from desktop.core import vocabulary as vocab
from desktop.core.errors import DomainError
from desktop.core.letters.addressees import (
    addressee,
    came_from,
    forwarder_copies,
    raised_by_text,
)
from desktop.core.letters.model import Letter, letter_date
from desktop.core.letters.wording import Value, Wording, fill, load_template, worded_letter
from desktop.core.session import Session

REPLY_TEMPLATE = "reply_letter.txt"
CHASE_TEMPLATE = "chase_letter.txt"
SLIP_TEMPLATE = "routing_slip.txt"
# Left in a draft without an answer; issuing refuses a letter that still carries it.
ANSWER_PLACEHOLDER = "[Nội dung trả lời: đơn vị chủ trì soạn thảo]"
SLIP_BLANK = "…………………………"
CHASE_DAYS = 5  # working days a chased unit has to report
DOCUMENT_TYPES = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "CĐ": "Công điện",
    "GM": "Giấy mời",
}


@dataclass(frozen=True)
class Signer:
    """Người ký: authority line (KT. BỘ TRƯỞNG), title (THỨ TRƯỞNG) and name, no academic titles."""

    authority: str
    title: str
    name: str


REPLY_SIGNER = Signer("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "")
CHASE_SIGNER = Signer("TL. BỘ TRƯỞNG", "CHÁNH VĂN PHÒNG", "")


# -- register facts -------------------------------------------------------------------------------
def agency_in_text(caps: str) -> str:
    """`BỘ THÔNG TIN VÀ TRUYỀN THÔNG` → `Bộ Thông tin và Truyền thông`, as written in a sentence."""
    words = clean(caps).lower().split(" ")
    # Decree 30 capitalises the kind of body and each field of its name (Thông tin, Truyền thông);
    # a name this rule gets wrong can be written out in the templates instead of $agency.
    kinds = {"bộ", "cục", "vụ", "sở", "viện"}
    out: list[str] = []
    for i, word in enumerate(words):
        starts_name = i == 0 or (i == 1 and words[0] in kinds) or (i > 0 and words[i - 1] == "và")
        out.append(word[:1].upper() + word[1:] if starts_name else word)
    return " ".join(out)


_UNNUMBERED = ("", "khong so", "don khong so", "van ban khong so", "cong van khong so", "ks")


def numbered(sender_ref: str) -> bool:
    """Whether a document has a number to cite (`Đơn không số`, `không số` have none)."""
    return fold(clean(sender_ref)).strip(" .") not in _UNNUMBERED


def document_name(sender_ref: str, sender_date: dt.date | None) -> str:
    """`Công văn số 5606/VPCP-QHĐP ngày 10/07/2020` (the type read from the number's symbol);
    a document without a number (`Đơn không số`) is cited by its date: `văn bản ngày …`."""
    sender_ref = clean(sender_ref) if numbered(sender_ref) else ""
    symbol = sender_ref.partition("/")[2]
    kind = DOCUMENT_TYPES.get(symbol.split("-")[0], "Công văn") if symbol else "Văn bản"
    text = f"{kind} số {sender_ref}" if sender_ref else "văn bản"
    return f"{text} ngày {sender_date:%d/%m/%Y}" if sender_date else text if sender_ref else ""


def _joined(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} và {names[-1]}"


def _petitions(session: Session, petition_ids: Sequence[int]) -> list[Petition]:
    if not petition_ids:
        raise DomainError("Chưa chọn kiến nghị để soạn công văn.")
    found: list[Petition] = []
    for pid in dict.fromkeys(petition_ids):
        p = pet.get_petition(session.store, pid)
        if p is None:
            raise DomainError(f"Không có kiến nghị mã {pid}.")
        found.append(p)
    return found


def _setting(session: Session, key: vocab.SettingKey[str]) -> str:
    return clean(vocab.read_setting(session.store, key))


def default_signer(session: Session) -> Signer:
    """The signer saved in the settings (`signer`: authority, title, name), else KT. BỘ TRƯỞNG."""
    saved = vocab.read_setting(session.store, vocab.SIGNER)
    if isinstance(saved, dict):
        return Signer(
            clean(str(saved.get("authority", ""))),
            clean(str(saved.get("title", ""))),
            clean(str(saved.get("name", ""))),
        )
    return REPLY_SIGNER


def _drafting_code(session: Session, drafting_unit: str) -> str:
    unit = ref.find_unit(session.store, drafting_unit)
    if unit is None:
        raise DomainError(f"Không có đơn vị soạn thảo «{drafting_unit}» trong danh mục.")
    return unit.code


def _letter(
    session: Session, unit_code: str, words: Wording, signer: Signer, petition_ids: Sequence[int]
) -> Letter:
    agency, code = _setting(session, vocab.AGENCY_NAME), _setting(session, vocab.AGENCY_CODE)
    if not agency or not code:
        raise DomainError("Chưa cài đặt tên và mã cơ quan (Cài đặt → Cơ quan).")
    return Letter(
        agency=agency,
        symbol=f"{code}-{unit_code}",
        subject=words.subject,
        recipients=words.recipients,
        body=words.body,
        signer_authority=signer.authority,
        signer_title=signer.title,
        signer_name=signer.name,
        copies=words.copies,
        place=_setting(session, vocab.PLACE) or vocab.LETTER_PLACE_UNSET,
        petition_ids=tuple(petition_ids),
    )


# -- the three kinds ------------------------------------------------------------------------------
def _sources(
    places: Sequence[Locality],
    petitions: Sequence[Petition],
    documents: Mapping[int | None, IncomingDocument | None],
    parties: Mapping[int, Parties],
    today: dt.date,
) -> tuple[list[str], list[tuple[str, bool]]]:
    """What was asked by whom through which document, and who forwarded it (for Nơi nhận),
    each forwarder with whether what it forwarded was a citizen's đơn."""
    sources: list[str] = []
    forwarders: list[tuple[str, bool]] = []
    for doc_id, doc in documents.items():
        raised = [p for p in petitions if p.document_id == doc_id]
        names = _joined(
            list(dict.fromkeys(raised_by_text(places, p, parties[p.id], today) for p in raised))
        )
        people = all(parties[p.id].raised_by == "person" for p in raised)
        text = f"{'đơn' if people else 'kiến nghị'} của {names}"
        via = list(dict.fromkeys(v for p in raised if (v := came_from(p, parties[p.id], doc))))
        forwarders += [(v, people) for v in via]
        if via:
            # A body other than the petitioner forwarded it (VPCP for provinces, a UBND for a
            # citizen's letter).
            text += f" do {_joined(via)} chuyển đến"
        if doc is not None:
            if not via and people and not numbered(doc.sender_ref) and doc.sender_date:
                text += f" đề ngày {doc.sender_date:%d/%m/%Y}"  # the citizen's own letter
            else:
                cited = document_name(doc.sender_ref, doc.sender_date)
                if cited and via and fold(clean(doc.sender)) not in map(fold, via):
                    cited += f" của {clean(doc.sender)}"  # the forwarder is not its author
                text += f" tại {cited}" if cited else ""
        sources.append(text)
    return sources, forwarders


def latest_answer(session: Session, petition_ids: Sequence[int]) -> str:
    """The text of the latest reply recorded for each petition (one reply given once)."""
    latest: dict[int, str] = {}
    for pid in dict.fromkeys(petition_ids):
        replies = routing.replies_of(session.store, pid)
        if replies:
            latest[replies[-1].id] = replies[-1].text
    return "\n".join(latest.values())


def reply_letter(
    session: Session,
    petition_ids: Sequence[int],
    *,
    answer: str | None = None,
    drafting_unit: str = "VP",
    signer: Signer | None = None,
) -> Letter:
    """The công văn answering petitions to whoever raised them, copied to whoever forwarded them."""
    store, today = session.store, session.today()
    petitions = _petitions(session, petition_ids)
    unit_code = _drafting_code(session, drafting_unit)
    places = ref.localities(store)
    documents: dict[int | None, IncomingDocument | None] = {}
    for p in petitions:
        if p.document_id not in documents:
            found = docs.get_document(store, p.document_id) if p.document_id else None
            documents[p.document_id] = found
    parties = {p.id: pty.parties_of(store, p.id) for p in petitions}
    recipients = list(
        dict.fromkeys(addressee(places, p.origin, today, parties[p.id]) for p in petitions)
    )
    several = len(recipients) > 1
    origin, short = _joined([a.full for a in recipients]), _joined([a.short for a in recipients])
    if several and all(a.locality for a in recipients):
        origin = short = "các địa phương"
    sources, forwarded = _sources(places, petitions, documents, parties, today)
    reported, informed = forwarder_copies(forwarded)
    texts: list[str] = []
    for i, p in enumerate(petitions, start=1):
        who = f"{addressee(places, p.origin, p.received_on).short}: " if several else ""
        texts.append(p.content if len(petitions) == 1 else f"{i}. {who}{p.content}")
    units = [a.unit_name for p in petitions for a in routing.assignments_of(store, p.id)]
    first = next((d for d in documents.values() if d is not None), None)
    reply_by = min((d.reply_by for d in documents.values() if d and d.reply_by), default=None)
    answer_text = clean(latest_answer(session, petition_ids) if answer is None else answer)
    values: dict[str, Value] = {
        "agency": agency_in_text(_setting(session, vocab.AGENCY_NAME)),
        "origin": origin,
        "origin_short": short,
        "recipients": [line for a in recipients for line in a.lines],
        "source": "; ".join(sources),
        "sender": first.sender if first else "",
        "sender_ref": first.sender_ref if first else "",
        "sender_date": f"{first.sender_date:%d/%m/%Y}" if first and first.sender_date else "",
        "petitions": texts,
        "answer": answer_text or ANSWER_PLACEHOLDER,
        "forwarder": reported,
        "informed": informed,
        "units": list(dict.fromkeys(units)),
        "unit": unit_code,
        "deadline": f"{reply_by:%d/%m/%Y}" if reply_by else "",
        "today": f"{today:%d/%m/%Y}",
    }
    words = worded_letter(REPLY_TEMPLATE, values)
    signer = signer or default_signer(session)
    return _letter(session, unit_code, words, signer, [p.id for p in petitions])


def chase_letter(
    session: Session, unit_code: str, *, drafting_unit: str = "VP", signer: Signer | None = None
) -> Letter:
    """The công văn đôn đốc to a unit whose petitions or tasks are past due (kiến nghị first,
    then nhiệm vụ, each under its heading when the letter has both)."""
    today = session.today()
    unit = ref.find_unit(session.store, unit_code)
    if unit is None:
        raise DomainError(f"Không có đơn vị «{unit_code}» trong danh mục.")
    late = reg.overdue_assignments(session.store, unit.id, today)
    if not late:
        raise DomainError(
            f"Đến ngày {today:%d/%m/%Y}, {unit.name} không có kiến nghị nào quá hạn, cũng không"
            " có nhiệm vụ nào quá hạn."
        )
    # Imported here: chase_items words its lines with this module's register facts.
    from desktop.core.letters.chase_items import chase_items, counted

    petitions, tasks = chase_items(session, late)
    both = bool(petitions and tasks)
    counts = [counted("kiến nghị", len(petitions))] if petitions else []
    counts += [counted("nhiệm vụ", len(tasks))] if tasks else []
    what = ["giải quyết kiến nghị"] if petitions else []
    what += ["thực hiện nhiệm vụ"] if tasks else []
    action = [f"giải quyết {'các ' if len(petitions) > 1 else ''}kiến nghị"] if petitions else []
    action += [f"hoàn thành {'các ' if len(tasks) > 1 else ''}nhiệm vụ"] if tasks else []
    code = _drafting_code(session, drafting_unit)
    values: dict[str, Value] = {
        "agency": agency_in_text(_setting(session, vocab.AGENCY_NAME)),
        "units": unit.name,
        "count": " và ".join(counts),
        "what": " và ".join(what),
        "action": " và ".join(action),
        "petitions_heading": "1. Về giải quyết kiến nghị:" if both else "",
        "petitions": petitions,
        "tasks_heading": "2. Về thực hiện nhiệm vụ:" if both else "",
        "tasks": tasks,
        "today": f"{today:%d/%m/%Y}",
        "deadline": f"{session.calendar.add_working_days(today, CHASE_DAYS):%d/%m/%Y}",
        "unit": code,
    }
    words = worded_letter(CHASE_TEMPLATE, values)
    ids = list(dict.fromkeys(a.petition_id for a in late))
    return _letter(session, code, words, signer or CHASE_SIGNER, ids)


def routing_slip_text(session: Session, petition_id: int) -> str:
    """Phiếu giải quyết văn bản đến: the leader's instructions, lead and support units, deadline."""
    (p,) = _petitions(session, [petition_id])
    doc = docs.get_document(session.store, p.document_id) if p.document_id else None
    assignments = routing.assignments_of(session.store, p.id)
    lead = next((a for a in assignments if a.role == "lead"), None)
    due = lead.due_on if lead else p.due_on
    cited = document_name(doc.sender_ref, doc.sender_date) if doc else ""
    values: dict[str, Value] = {
        "agency": _setting(session, vocab.AGENCY_NAME).upper(),
        "incoming_no": f"{doc.incoming_no}/{doc.year}" if doc else "",
        "received_on": f"{(doc.received_on if doc else p.received_on):%d/%m/%Y}",
        "document": f"{cited} của {doc.sender}" if doc and cited else doc.sender if doc else "",
        "sender": doc.sender if doc else "",
        "sender_ref": doc.sender_ref if doc else "",
        "sender_date": f"{doc.sender_date:%d/%m/%Y}" if doc and doc.sender_date else "",
        "summary": doc.summary if doc else p.summary,
        "origin": p.origin,
        "petition": p.content,
        "instructions": "\n".join(
            dict.fromkeys(a.instructions for a in assignments if a.instructions)
        ),
        "lead_unit": lead.unit_name if lead else "",
        "units": ", ".join(a.unit_name for a in assignments if a.role == "support"),
        "deadline": f"{due:%d/%m/%Y}" if due else "",
        "date": letter_date(
            _setting(session, vocab.PLACE) or vocab.LETTER_PLACE_UNSET, session.today()
        ),
    }
    return "\n".join(
        fill(load_template(SLIP_TEMPLATE), values, name=SLIP_TEMPLATE, blank=SLIP_BLANK)
    )
