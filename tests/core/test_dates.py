"""One way to write days and moments for the clerk."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from desktop.core import workflow
from desktop.core.dates import (
    format_date,
    format_datetime,
    format_file_date,
    format_time,
    parse_date,
)
from desktop.core.errors import DomainError
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session


def test_days_are_dd_mm_yyyy() -> None:
    assert format_date(dt.date(2026, 12, 1)) == "01/12/2026"
    assert format_date("2026-12-01") == "01/12/2026"
    assert format_date("2026-12-01T08:40:05.123456+07:00") == "01/12/2026"
    assert format_date(None) == "—" and format_date("", "") == ""


def test_moments_are_dd_mm_yyyy_hh_mm_in_the_writers_wall_time() -> None:
    assert format_datetime("2026-12-01T08:40:05.123456+07:00") == "01/12/2026 08:40"
    assert format_datetime("2026-12-01T08:40:00") == "01/12/2026 08:40"
    assert format_datetime(dt.datetime(2026, 1, 2, 23, 5)) == "02/01/2026 23:05"
    assert format_datetime(None) == "—"


def test_a_malformed_stamp_is_shown_as_stored() -> None:
    assert format_datetime("hôm qua") == "hôm qua"
    assert format_date("12/2026") == "12/2026"


def test_a_refusal_says_when_in_the_same_form(session: Session) -> None:
    r = register_document(
        session,
        DocumentInput(received_on=dt.date(2026, 11, 2), sender="Văn phòng Chính phủ"),
        [PetitionInput("Thái Bình", "Hoàn thiện trục tích hợp quốc gia")],
    )
    workflow.reply(session, r.petition_ids, "answered", "Đã trả lời")
    with pytest.raises(DomainError) as refused:
        workflow.reply(session, r.petition_ids, "answered", "Lần nữa")
    assert re.search(r" lúc \d{2}/\d{2}/\d{4} \d{2}:\d{2} bởi tester", str(refused.value))


def test_typed_days_are_read_as_written() -> None:
    assert parse_date("01/12/2026") == dt.date(2026, 12, 1)
    assert parse_date(" 1/2/2026 ") == dt.date(2026, 2, 1)
    for wrong in ("30/11/2", "31/11/2026", "2026-12-01", "", "hôm nay"):
        assert parse_date(wrong) is None, wrong


def test_times_and_file_names() -> None:
    assert format_time(dt.datetime(2026, 12, 1, 8, 5)) == "08:05"
    assert format_file_date(dt.date(2026, 12, 1)) == "01-12-2026"


def test_the_screens_write_no_date_format_of_their_own() -> None:
    """Every day or moment desktop/ui shows goes through desktop/core/dates.py."""
    ui = Path(__file__).resolve().parents[2] / "desktop" / "ui"
    own = re.compile(r"%[dmYyHMS]\b.*['\"]|strftime\(|:%[dmYH]")
    files = list(ui.rglob("*.py"))
    assert len(files) > 50
    found = [
        f"{p.relative_to(ui)}:{n}: {line.strip()}"
        for p in files
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if own.search(line) and 'setLabelFormat("%d")' not in line  # a chart axis's number
    ]
    assert found == []
    assert own.search('text = f"{day:%d/%m/%Y}"') and own.search("day.strftime(FORMAT)")
