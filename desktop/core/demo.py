"""Dữ liệu mẫu: a realistic synthetic register for demos and benchmarks.

Documents and petitions come from `demo_text`; this module gives them a plausible life:
routing to the field's usual unit (sometimes with supporting units), replies that come on time
or late, some to be clarified or escalated, and recent ones still open (some overdue).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from functools import lru_cache

from db import bulk
from db import reference as ref
from db.text import clean, fold, new_style_tones, vi_sort_key
from db.util import new_uuid
from desktop.core import permissions
from desktop.core.demo_text import generate_documents
from desktop.core.reference import load_reference_data
from desktop.core.session import Session

BATCH = 1_000  # petitions per commit: other clerks wait under a second for each
ANSWERS = (
    "Bộ Thông tin và Truyền thông đã tiếp thu kiến nghị và hướng dẫn tại văn bản gửi địa phương.",
    "Nội dung kiến nghị đã được quy định tại Thông tư hướng dẫn hiện hành; đề nghị địa phương"
    " nghiên cứu, thực hiện.",
    "Bộ đang hoàn thiện dự thảo văn bản quy phạm pháp luật, dự kiến trình ban hành trong năm.",
    "Kiến nghị vượt thẩm quyền của Bộ; Bộ đã báo cáo Thủ tướng Chính phủ xem xét, quyết định.",
    "Bộ sẽ phối hợp với các bộ, ngành liên quan nghiên cứu, đề xuất cơ chế phù hợp.",
)


class _Stopped(Exception):
    """progress() returned False inside the one transaction: roll it back."""


def generate_demo(
    session: Session,
    count: int,
    *,
    seed: int = 2020,
    progress: Callable[[int, int], bool | None] | None = None,
    one_transaction: bool = False,
    batch_size: int = BATCH,
) -> int:
    """Append `count` petitions with their documents, routing, replies and history.

    `progress(done, total)` is called after each batch and may return False to stop. By default
    (the CLI, benchmarks) each batch commits and what was committed stays. With
    `one_transaction` (the desktop, whose Cancel must leave the database as it was) the whole
    run is one write transaction: a stop, or an exception raised by `progress`, rolls it all
    back. Returns the number of petitions written (0 after a rollback).
    """
    permissions.require(session, "demo")
    if not one_transaction:
        return _generate(session, count, seed, progress, batch_size, stop_raises=False)
    try:
        with session.store.write():
            return _generate(session, count, seed, progress, batch_size, stop_raises=True)
    except _Stopped:
        return 0


def _generate(
    session: Session,
    count: int,
    seed: int,
    progress: Callable[[int, int], bool | None] | None,
    batch_size: int,
    *,
    stop_raises: bool,
) -> int:
    store = session.store
    if not ref.units(store):
        load_reference_data(store)
    today = session.today()
    cal = session.calendar
    rng = random.Random(seed)
    units = {u.code: u.id for u in ref.units(store)}
    unit_ids = list(units.values())
    fields = {f.code: f for f in ref.fields(store)}
    deadline_days = session.deadline_days
    actor = "demo"

    @lru_cache(maxsize=8192)
    def due_after(day: dt.date, days: int) -> dt.date:
        return cal.add_working_days(day, days)

    conn = store.conn
    # A big page cache keeps the FTS and index b-trees in memory while millions of rows go in.
    store.tune_for_bulk()
    with store.write():
        doc_id = bulk.next_id(conn, "incoming_documents")
        pet_id = bulk.next_id(conn, "petitions")
        reply_id = bulk.next_id(conn, "replies")
        numbers = bulk.max_incoming_numbers(conn)
    written = 0
    batch: dict[str, list[object]] = {k: [] for k in bulk_keys()}

    def flush() -> None:
        with store.write() as c:
            bulk.insert_batch(c, **batch)  # type: ignore[arg-type]
        for rows in batch.values():
            rows.clear()

    for doc in generate_documents(count, seed=seed, end=today):
        year = doc.received_on.year
        numbers[year] = numbers.get(year, 0) + 1
        stamp = f"{doc.received_on.isoformat()}T08:00:00+07:00"
        batch["documents"].append(
            (doc_id, new_uuid(), year, numbers[year], doc.received_on.isoformat(),
             clean(doc.sender), clean(doc.sender_ref),
             doc.sender_date.isoformat(), clean(doc.summary),
             doc.reply_by.isoformat() if doc.reply_by else None, stamp, actor)
        )  # fmt: skip
        for ordinal, p in enumerate(doc.petitions, start=1):
            origin, content = new_style_tones(clean(p.origin)), new_style_tones(clean(p.content))
            summary = new_style_tones(clean(p.summary))
            due = doc.reply_by or due_after(doc.received_on, deadline_days)
            field = fields.get(p.field_code)
            lead = (
                field.default_unit_id if field and field.default_unit_id else rng.choice(unit_ids)
            )
            status, replied_on, outcome = _fate(rng, doc.received_on, due, today)
            batch["petitions"].append(
                (pet_id, new_uuid(), doc_id, str(ordinal), origin, field.id if field else None,
                 content, summary, doc.received_on.isoformat(), due.isoformat(), status, stamp,
                 stamp, fold(origin), fold(summary), fold(content), fold(clean(doc.sender_ref)),
                 vi_sort_key(origin))
            )  # fmt: skip
            batch["events"].append(
                (new_uuid(), pet_id, stamp, actor, None, "registered", "Vào sổ (dữ liệu mẫu)")
            )
            if status != "registered":
                done = replied_on.isoformat() if replied_on else None
                batch["assignments"].append(
                    (new_uuid(), pet_id, lead, "lead", due.isoformat(), "",
                     doc.received_on.isoformat(), done)
                )  # fmt: skip
                if rng.random() < 0.3:
                    support = rng.choice(unit_ids)
                    if support != lead:
                        batch["assignments"].append(
                            (new_uuid(), pet_id, support, "support", due.isoformat(), "",
                             doc.received_on.isoformat(), done)
                        )  # fmt: skip
                batch["events"].append(
                    (new_uuid(), pet_id, stamp, actor, "registered", "assigned", "Giao xử lý")
                )
            if outcome and replied_on:
                text = rng.choice(ANSWERS[3:4] if outcome == "escalated" else ANSWERS)
                batch["replies"].append(
                    (reply_id, new_uuid(), outcome, replied_on.isoformat(), text,
                     f"{rng.randint(1, 5000)}/BTTTT-VP", stamp, actor)
                )  # fmt: skip
                batch["reply_links"].append((reply_id, pet_id))
                batch["events"].append(
                    (new_uuid(), pet_id, f"{replied_on.isoformat()}T15:00:00+07:00", actor,
                     "assigned", outcome, "Trả lời")
                )  # fmt: skip
                reply_id += 1
            pet_id += 1
            written += 1
        doc_id += 1
        if len(batch["petitions"]) >= batch_size:
            flush()
            if progress is not None and progress(written, count) is False:
                if stop_raises:
                    raise _Stopped
                return written
    flush()
    if progress is not None:
        progress(written, count)
    return written


def bulk_keys() -> tuple[str, ...]:
    """The row groups of one bulk batch."""
    return ("documents", "petitions", "assignments", "replies", "reply_links", "events")


def _fate(
    rng: random.Random, received: dt.date, due: dt.date, today: dt.date
) -> tuple[str, dt.date | None, str | None]:
    """Status, reply date and outcome for a petition received on `received`."""
    age = (today - received).days
    if age < 3 and rng.random() < 0.7:
        return "registered", None, None
    # Older petitions are mostly answered; the last months keep a realistic open backlog.
    answered_share = 0.97 if age > 365 else 0.9 if age > 90 else 0.6 if age > 20 else 0.3
    if rng.random() > answered_share:
        return "assigned", None, None
    span = max(1, (due - received).days)
    delay = int(rng.triangular(1, span * 1.6, span * 0.7))
    replied = min(today, received + dt.timedelta(days=delay))
    roll = rng.random()
    outcome = "answered" if roll < 0.85 else "clarify" if roll < 0.95 else "escalated"
    return outcome, replied, outcome
