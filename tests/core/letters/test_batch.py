"""Công văn hàng loạt in the core: one letter per origin, all or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from db import letters as reg
from desktop.core.letters.batch import group_by_origin, write_letters
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.helpers import content_digest


@pytest.fixture
def ids(session: Session) -> list[int]:
    """Two petitions from Hải Phòng (written two ways) and one from Thái Nguyên."""
    r = register_document(
        session,
        DocumentInput(
            received_on=dt.date(2026, 11, 2),
            sender="Văn phòng Chính phủ",
            sender_ref="5606/VPCP-QHĐP",
        ),
        [
            PetitionInput("Hải Phòng", "Hoàn thiện chính thức trục tích hợp quốc gia"),
            PetitionInput("Thái Nguyên", "Quy định về định danh, xác thực điện tử"),
            PetitionInput("UBND thành phố Hải Phòng", "Hướng dẫn chữ ký số công cộng"),
        ],
    )
    return r.petition_ids


def _letters(session: Session) -> int:
    return int(session.store.scalar("SELECT count(*) FROM outgoing_letters"))


def test_petitions_of_one_origin_meet_whatever_the_spelling(
    session: Session, ids: list[int]
) -> None:
    groups = group_by_origin(session.store, [ids[0], ids[1], ids[2], ids[0], 999_999])
    # First seen first; a repeated id once; an unknown id left out.
    assert list(groups.values()) == [[ids[0], ids[2]], [ids[1]]]
    assert group_by_origin(session.store, []) == {}


def test_one_docx_and_one_pdf_per_origin_and_a_draft_each(
    session: Session, ids: list[int], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = _letters(session)
    calls: list[tuple[int, int]] = []
    written = write_letters(
        session, group_by_origin(session.store, ids), out, lambda d, t: calls.append((d, t))
    )
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)
    names = sorted(p.name for p in written)
    assert [n.rsplit(".", 1)[1] for n in names] == ["docx", "pdf"] * 2
    assert names[0].startswith("01 ") and "Hai Phong" in names[0] and "Thai Nguyen" in names[2]
    assert all(p.stat().st_size > 1000 for p in written)
    assert calls == [(0, 2), (1, 2), (2, 2)]
    assert _letters(session) == before + 2
    drafts = reg.letters_of_petition(session.store, ids[2])
    assert set(drafts[-1].petition_ids) == {ids[0], ids[2]}


def test_a_stop_at_the_last_progress_leaves_neither_files_nor_drafts(
    session: Session, ids: list[int], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = content_digest(session.store.target)

    class Stop(Exception):
        pass

    def progress(done: int, total: int) -> None:
        if done == total:  # everything rendered, nothing kept yet
            raise Stop

    with pytest.raises(Stop):
        write_letters(session, group_by_origin(session.store, ids), out, progress)
    assert list(out.iterdir()) == []
    assert content_digest(session.store.target) == before
