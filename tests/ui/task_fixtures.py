"""Seed 003 registered as the clerk would (a DOCX read and imported), with today in March 2020."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from desktop.core.session import Session
from desktop.core.tasks import ImportedNotice, import_notice, notice_input, read_notice, task_inputs
from tests.notice_files import seed_paragraphs, write_notice_docx

RECEIVED = dt.date(2020, 3, 5)  # seed 003 has no date line: the day it came in
EXPECTED = Path(__file__).parents[1] / "data" / "notice_003_expected.json"


def expected_tasks() -> list[dict[str, Any]]:
    """Seed 003's tasks as written by hand (tests/data/notice_003_expected.json)."""
    return list(json.loads(EXPECTED.read_text(encoding="utf-8"))["tasks"])


def seed_docx(folder: Path, prefix: str = "003") -> Path:
    """Seed `prefix` as a clerk's Word file."""
    return write_notice_docx(folder / f"thong-bao-{prefix}.docx", seed_paragraphs(prefix))


def import_seed(session: Session, folder: Path) -> ImportedNotice:
    """Register seed 003 with all its tasks, received on RECEIVED."""
    parsed = read_notice(session, seed_docx(folder))
    notice = notice_input(session, parsed, received_on=RECEIVED)
    return import_notice(session, notice, task_inputs(parsed))
