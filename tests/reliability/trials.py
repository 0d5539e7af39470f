"""Kill -9 trials shared by the reliability tests and benchmarks/reliability.py.

A real `kiennghi` process is killed at a random moment of its work; afterwards the database
must pass `check`, and hold all of the work or none of it."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.cli.conftest import sign_in

ROOT = Path(__file__).resolve().parents[2]
TODAY = "23/11/2026"


def kiennghi(db: Path, *args: str) -> subprocess.Popen[str]:
    """The real command, started (not waited for)."""
    who, secret = sign_in(db, args)
    env = {**os.environ, "KIENNGHI_TODAY": TODAY, "PYTHONIOENCODING": "utf-8", **secret}
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--db", str(db), *who, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )


def check(db: Path) -> str:
    """`kiennghi check` after the kill: "" when the database is sound, else what it said."""
    proc = kiennghi(db, "check")
    out, err = proc.communicate(timeout=120)
    return "" if proc.returncode == 0 else (err or out)


def _rows(db: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(str(db))
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@dataclass
class Trials:
    """What a series of kills found."""

    kind: str
    trials: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        """For the benchmark's report."""
        return {
            "kind": self.kind,
            "trials": self.trials,
            "outcomes": dict(self.outcomes),
            "problems": self.problems,
        }


def _kill_at(proc: subprocess.Popen[str], delay: float) -> bool:
    """Kill -9 after `delay` seconds; False when the process had already finished."""
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            proc.communicate()
            return False
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    return proc.returncode == -signal.SIGKILL


def _duration(proc: subprocess.Popen[str]) -> float:
    started = time.monotonic()
    proc.communicate(timeout=300)
    return time.monotonic() - started


def kill_imports(db: Path, table: Path, rows: int, trials: int, *, seed: int = 1) -> Trials:
    """Import `table` (`rows` petitions) `trials` times, each killed at a random moment of the
    time one whole import takes (measured first, on another document)."""
    rng = random.Random(seed)
    found = Trials("kill -9 during import")
    first = kiennghi(db, "import", str(table), "--sender", "Văn phòng Chính phủ",
                     "--sender-ref", "1/VPCP-ĐO", "--sender-date", "10/07/2026")  # fmt: skip
    whole = _duration(first)
    for i in range(trials):
        proc = kiennghi(
            db, "import", str(table), "--sender", "Văn phòng Chính phủ",
            "--sender-ref", f"{1000 + i}/VPCP-QHĐP", "--sender-date", "10/07/2026",
        )  # fmt: skip
        killed = _kill_at(proc, rng.uniform(0.05, whole * 1.05))
        found.trials += 1
        problem = check(db)
        docs = _rows(db, "SELECT id FROM incoming_documents WHERE sender_ref = ?",
                     (f"{1000 + i}/VPCP-QHĐP",))  # fmt: skip
        count = _rows(db, "SELECT count(*) FROM petitions p JOIN incoming_documents d"
                      " ON d.id = p.document_id WHERE d.sender_ref = ?",
                      (f"{1000 + i}/VPCP-QHĐP",))[0][0]  # fmt: skip
        if problem:
            found.problems.append(f"trial {i}: check: {problem[:300]}")
        if (len(docs), count) not in ((0, 0), (1, rows)):
            found.problems.append(f"trial {i}: {len(docs)} documents, {count} petitions")
        state = "all" if docs else "none"
        found.outcomes[f"{'killed' if killed else 'finished'}, {state}"] += 1
    return found


def _number_in(path: Path) -> int | None:
    """The number printed on a DOCX letter (`Số: 05/…`), None for a draft."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    text = re.sub(r"<[^>]+>", "", xml)
    match = re.search(r"Số:\s*(\d+)/", text)
    return int(match.group(1)) if match else None


def kill_letter_issues(db: Path, petition_ids: list[int], out: Path, *, seed: int = 2) -> Trials:
    """`letter ID --issue` for each petition, killed at a random moment; the number exists
    once, recorded with the reply, and a file on disk never carries an unrecorded number."""
    rng = random.Random(seed)
    found = Trials("kill -9 during letter --issue")
    out.mkdir(parents=True, exist_ok=True)
    # How long one draft takes to print: the kills fall anywhere within an issue's run.
    whole = _duration(kiennghi(db, "letter", str(petition_ids[0]), "--out", str(out / "d.docx")))
    (out / "d.docx").unlink(missing_ok=True)
    for i, pid in enumerate(petition_ids):
        dest = out / f"cv-{pid}.docx"
        proc = kiennghi(
            db, "letter", str(pid), "--out", str(dest), "--issue", "--answer", "Bộ đã có ý kiến.",
            "--signer", "Nguyễn Văn A",
        )  # fmt: skip
        killed = _kill_at(proc, rng.uniform(0.05, whole * 1.1))
        found.trials += 1
        problem = check(db)
        if problem:
            found.problems.append(f"trial {i}: check: {problem[:300]}")
        letters = _rows(db, "SELECT l.number FROM outgoing_letters l JOIN letter_petitions lp"
                        " ON lp.letter_id = l.id WHERE lp.petition_id = ? AND l.number IS NOT NULL",
                        (pid,))  # fmt: skip
        status = _rows(db, "SELECT status FROM petitions WHERE id = ?", (pid,))[0][0]
        replies = _rows(db, "SELECT count(*) FROM reply_petitions WHERE petition_id = ?", (pid,))
        issued = len(letters) == 1
        if issued != (status == "answered") or replies[0][0] != int(issued) or len(letters) > 1:
            found.problems.append(
                f"trial {i}: letters {letters}, status {status}, replies {replies[0][0]}"
            )
        if dest.exists():
            printed = _number_in(dest)
            if printed is None or not issued or printed != letters[0][0]:
                found.problems.append(f"trial {i}: file says {printed}, register {letters}")
        leftovers = [f.name for f in out.iterdir() if f.name.startswith(".")]
        state = ("issued" if issued else "nothing") + (", file" if dest.exists() else "")
        found.outcomes[f"{'killed' if killed else 'finished'}, {state}"] += 1
        if leftovers:
            found.outcomes["temporary file left by the kill"] += 1
    numbers = [n for (n,) in _rows(db, "SELECT number FROM outgoing_letters"
                                   " WHERE number IS NOT NULL ORDER BY number")]  # fmt: skip
    if numbers != list(range(1, len(numbers) + 1)):
        found.problems.append(f"numbers not consecutive once each: {numbers}")
    return found
