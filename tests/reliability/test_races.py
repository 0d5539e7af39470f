"""Clerks acting on the same petition, or numbering letters, at the same moment.

Each race runs in separate processes released together by a barrier; every process reads what
a dialog would have shown (`workflow.versions`) before the barrier, as a clerk looks before
clicking. Of those acting on one petition exactly one succeeds; the others are refused with a
Vietnamese message naming who changed it, and the record holds exactly one change."""

from __future__ import annotations

from pathlib import Path

import pytest

from db import letters as reg
from db import open_store, routing
from db import petitions as pet
from desktop.core import workflow
from desktop.core.letters import register
from desktop.core.session import Session
from tests.reliability.actors import (
    TODAY,
    assign_action,
    issue_action,
    petitions,
    race,
    reply_action,
)
from tests.reliability.trials import kiennghi

ROOT = Path(__file__).resolve().parents[2]


def _events(path: Path, pid: int) -> list[tuple[str | None, str]]:
    store = open_store(path, migrate=False)
    try:
        rows = store.all(
            "SELECT from_status, to_status FROM status_events WHERE petition_id = ? ORDER BY id",
            [pid],
        )
        return [(r[0], r[1]) for r in rows]
    finally:
        store.close()


def _one_winner(outcomes: dict[str, tuple[str, str]]) -> tuple[str, list[str]]:
    crashed = [d for kind, d in outcomes.values() if kind == "crashed"]
    assert crashed == []
    done = [name for name, (kind, _) in outcomes.items() if kind == "done"]
    refused = [d for kind, d in outcomes.values() if kind == "refused"]
    assert len(done) == 1, outcomes
    return done[0], refused


@pytest.mark.parametrize("clerks", [2, 3])
def test_clerks_replying_to_one_petition_at_once(db_path: Path, clerks: int) -> None:
    trials = 6
    ids = petitions(db_path, trials)
    outcomes_by_kind = ["answered", "clarify", "escalated"][:clerks]
    for pid in ids:
        outcomes = race(
            db_path,
            reply_action,
            [(pid, o) for o in outcomes_by_kind],
            prepare=lambda s, pid=pid: workflow.versions(s, [pid]),  # type: ignore[misc]
        )
        winner, refused = _one_winner(outcomes)
        for message in refused:
            assert f"Kiến nghị {pid} đã được ghi trả lời" in message
            assert f"bởi {winner}" in message
        events = _events(db_path, pid)
        assert events[0] == (None, "registered") and len(events) == 2
        store = open_store(db_path)
        assert len(routing.replies_of(store, pid)) == 1
        store.close()


def test_clerks_naming_different_lead_units_at_once(db_path: Path) -> None:
    ids = petitions(db_path, 6)
    for pid in ids:
        outcomes = race(
            db_path,
            assign_action,
            [(pid, "THH"), (pid, "CVT")],
            prepare=lambda s, pid=pid: workflow.version(s, pid),  # type: ignore[misc]
        )
        winner, refused = _one_winner(outcomes)
        assert len(refused) == 1 and f"Kiến nghị {pid} vừa được thay đổi (Giao" in refused[0]
        assert f"bởi {winner}" in refused[0]
        store = open_store(db_path)
        leads = [a for a in routing.assignments_of(store, pid) if a.role == "lead"]
        assert len(leads) == 1
        store.close()


def test_three_processes_numbering_letters_at_once(db_path: Path) -> None:
    """Ten rounds of three issuers: numbers 1..30, each once, in one agency series."""
    ids = petitions(db_path, 30)
    session = Session(open_store(db_path), today=lambda: TODAY, system=True)
    drafts = [register.draft_reply(session, [pid], answer="Đã có ý kiến.") for pid in ids]
    session.close()

    for start in range(0, 30, 3):
        outcomes = race(db_path, issue_action, drafts[start : start + 3])
        assert all(kind == "done" for kind, _ in outcomes.values()), outcomes
    store = open_store(db_path)
    numbers = sorted(r.number or 0 for r in reg.list_letters(store, include_drafts=False))
    assert numbers == list(range(1, 31))
    assert all(p.status == "answered" for p in map(lambda i: pet.get_petition(store, i), ids))  # type: ignore[union-attr]
    store.close()


def test_the_real_command_racing_on_one_petition(db_path: Path) -> None:
    """Two `kiennghi reply` processes started together: one answer, one clear refusal."""
    ids = petitions(db_path, 4)
    for pid in ids:
        procs = [
            kiennghi(db_path, "reply", str(pid), "--outcome", o, "--text", "Đã trả lời.")
            # Not "clarify": a petition to be clarified takes a reply again (by design), so
            # two replies one after the other would both be right.
            for o in ("answered", "escalated")
        ]
        results = [(p.wait(timeout=60), *p.communicate()) for p in procs]
        codes = sorted(code for code, _, _ in results)
        assert codes == [0, 1], results
        err = next(e for code, _, e in results if code == 1)
        assert "Traceback" not in err and f"Kiến nghị {pid} đã được ghi trả lời" in err
        assert len(_events(db_path, pid)) == 2
