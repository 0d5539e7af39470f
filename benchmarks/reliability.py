"""Reliability trials, counted: kill -9 at random moments, races, a long writer, bad restores.

    .venv/bin/python benchmarks/reliability.py [--kills 40] [--races 20] [--seed 1]

Prints one JSON document: for each kind of trial the number run, what happened (outcome ->
count) and the problems found (an empty list is the goal). The same trial code runs, fewer
times, in tests/reliability/ (CI); hostile import files have their own benchmark,
benchmarks/hostile_files.py (peak memory and time per file).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db import open_store  # noqa: E402
from desktop.core import workflow  # noqa: E402
from desktop.core.letters import register  # noqa: E402
from desktop.core.reference import load_reference_data  # noqa: E402
from desktop.core.session import Session  # noqa: E402
from tests import damage  # noqa: E402
from tests.core.importers.fixtures import write_petitions_xlsx  # noqa: E402
from tests.helpers import content_digest  # noqa: E402
from tests.reliability.actors import (  # noqa: E402
    TODAY,
    assign_action,
    issue_action,
    petitions,
    race,
    reply_action,
)
from tests.reliability.trials import kiennghi, kill_imports, kill_letter_issues  # noqa: E402

ROWS = 1500


def _fresh(folder: Path, name: str) -> Path:
    db = folder / name
    store = open_store(db, create=True)
    load_reference_data(store)
    store.close()
    return db


def races(folder: Path, rounds: int) -> list[dict[str, Any]]:
    """Two and three clerks replying to one petition, two naming leads, three numbering."""
    out = []
    for clerks in (2, 3):
        db = _fresh(folder, f"reply-{clerks}.db")
        outcomes: Counter[str] = Counter()
        problems: list[str] = []
        for pid in petitions(db, rounds):
            got = race(
                db, reply_action, [(pid, o) for o in ("answered", "clarify", "escalated")[:clerks]],
                prepare=lambda s, pid=pid: workflow.versions(s, [pid]),  # type: ignore[misc]
            )  # fmt: skip
            kinds = sorted(kind for kind, _ in got.values())
            outcomes[" + ".join(kinds)] += 1
            if kinds.count("done") != 1 or "crashed" in kinds:
                problems.append(f"petition {pid}: {got}")
        out.append({"kind": f"{clerks} processes replying to one petition", "trials": rounds,
                    "outcomes": dict(outcomes), "problems": problems})  # fmt: skip
    db = _fresh(folder, "lead.db")
    outcomes, problems = Counter(), []
    for pid in petitions(db, rounds):
        got = race(db, assign_action, [(pid, "THH"), (pid, "CVT")],
                   prepare=lambda s, pid=pid: workflow.version(s, pid))  # type: ignore[misc]  # fmt: skip
        kinds = sorted(kind for kind, _ in got.values())
        outcomes[" + ".join(kinds)] += 1
        if kinds != ["done", "refused"]:
            problems.append(f"petition {pid}: {got}")
    out.append({"kind": "2 processes naming different lead units", "trials": rounds,
                "outcomes": dict(outcomes), "problems": problems})  # fmt: skip
    db = _fresh(folder, "numbers.db")
    ids = petitions(db, rounds * 3)
    session = Session(open_store(db), today=lambda: TODAY)
    drafts = [register.draft_reply(session, [pid], answer="Có.") for pid in ids]
    session.close()
    outcomes, problems = Counter(), []
    for start in range(0, len(drafts), 3):
        got = race(db, issue_action, drafts[start : start + 3])
        outcomes[" + ".join(sorted(kind for kind, _ in got.values()))] += 1
    conn = sqlite3.connect(str(db))
    sql = "SELECT number FROM outgoing_letters WHERE number IS NOT NULL ORDER BY number"
    numbers = [n for (n,) in conn.execute(sql)]
    conn.close()
    if numbers != list(range(1, len(drafts) + 1)):
        problems.append(f"numbers {numbers}")
    out.append({"kind": "3 processes issuing letters at once", "trials": rounds,
                "outcomes": dict(outcomes), "problems": problems,
                "numbers": f"{min(numbers)}..{max(numbers)}, {len(set(numbers))} distinct"})  # noqa: E501  # fmt: skip
    return out


def long_writer(folder: Path, hold: float = 5.0) -> dict[str, Any]:
    """A writer holds the lock `hold` seconds; a `reply` waits, says so, then writes."""
    db = _fresh(folder, "long.db")
    [pid] = petitions(db, 1)
    held = threading.Event()

    def writer() -> None:
        conn = sqlite3.connect(str(db), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(hold)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    held.wait()
    started = time.monotonic()
    proc = kiennghi(db, "reply", str(pid), "--outcome", "answered", "--text", "Có.")
    _, err = proc.communicate(timeout=300)
    waited = time.monotonic() - started
    thread.join()
    return {"kind": f"a writer holding the lock {hold:.0f} s", "trials": 1,
            "outcomes": {f"exit {proc.returncode} after {waited:.1f} s": 1},
            "message": err.strip(), "problems": [] if proc.returncode == 0 else [err]}  # fmt: skip


def restores(folder: Path) -> dict[str, Any]:
    """Restore from a newer, a foreign, a truncated and a corrupted file: refused, live intact."""
    live = _fresh(folder, "live.db")
    petitions(live, 5)
    good = folder / "good.db"
    store = open_store(live)
    store.backup_to(good)
    store.close()
    foreign = folder / "foreign.db"
    conn = sqlite3.connect(str(foreign))
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    sources = {
        "newer schema": damage.newer_copy(good, folder / "newer.db"),
        "another program's file": foreign,
        "truncated backup": damage.truncated_copy(good, folder / "truncated.db"),
        "corrupted page": damage.corrupted_copy(good, folder / "corrupted.db"),
    }
    outcomes: Counter[str] = Counter()
    problems: list[str] = []
    messages = {}
    for name, src in sources.items():
        before = content_digest(live)
        proc = kiennghi(live, "restore", str(src))
        _, err = proc.communicate(timeout=120)
        intact = content_digest(live) == before
        state = "unchanged" if intact else "CHANGED"
        outcomes[f"{name}: exit {proc.returncode}, live {state}"] += 1
        messages[name] = err.strip()
        if proc.returncode == 0 or not intact or "Traceback" in err:
            problems.append(f"{name}: exit {proc.returncode}, {err[:200]}")
    return {"kind": "restore from bad files", "trials": len(sources), "outcomes": dict(outcomes),
            "messages": messages, "problems": problems}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=40, help="kill trials of each kind")
    parser.add_argument("--races", type=int, default=20, help="rounds of each race")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    report: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="kiennghi-reliability-") as tmp:
        folder = Path(tmp)
        started = time.monotonic()
        db = _fresh(folder, "import.db")
        table = write_petitions_xlsx(folder / "bang.xlsx", [
            [str(i + 1), "Hải Phòng", f"Đề nghị hướng dẫn thủ tục {i} về chuyển đổi số."]
            for i in range(ROWS)
        ])  # fmt: skip
        report.append(kill_imports(db, table, ROWS, args.kills, seed=args.seed).as_json())
        db = _fresh(folder, "letters.db")
        ids = petitions(db, args.kills)
        report.append(
            kill_letter_issues(db, ids, folder / "out", seed=args.seed + 1).as_json()
        )
        report += races(folder, args.races)
        report.append(long_writer(folder))
        report.append(restores(folder))
        seconds = time.monotonic() - started
    print(json.dumps({"seconds": round(seconds, 1), "trials": report}, ensure_ascii=False,
                     indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
