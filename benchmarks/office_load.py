"""Ten clients at once on the office server: registering documents and issuing letters.

Starts a throwaway PostgreSQL (tests/pgcluster.py) unless `--db postgresql://…` is given,
then runs N client processes for D seconds; each registers a document with one petition,
drafts the reply letter and issues it (số đến and số đi drawn under the one write lock).
Prints JSON: operations per second, p50/p95/max latency per operation, errors, and whether
every số đến and số đi was drawn exactly once (no duplicate, no gap).

    .venv/bin/python benchmarks/office_load.py [--clients 10] [--seconds 60] [--db URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import statistics
import sys
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db import open_store  # noqa: E402
from desktop.core.letters import register  # noqa: E402
from desktop.core.reference import load_reference_data  # noqa: E402
from desktop.core.registry import DocumentInput, PetitionInput, register_document  # noqa: E402
from desktop.core.session import Session  # noqa: E402

TODAY = dt.date(2026, 11, 23)


def _client(url: str, index: int, seconds: float, start: Any, out: Any) -> None:
    timings: dict[str, list[float]] = {"register": [], "issue": []}
    errors: list[str] = []
    try:
        # The program's own authority: the benchmark measures the store, not argon2.
        session = Session(open_store(url), actor=f"vanthu{index}", today=lambda: TODAY, system=True)
        start.wait()
        deadline = time.monotonic() + seconds
        k = 0
        while time.monotonic() < deadline:
            k += 1
            t0 = time.perf_counter()
            try:
                result = register_document(
                    session,
                    DocumentInput(received_on=TODAY, sender=f"Sở TTTT {index}",
                                  sender_ref=f"{k}/STTTT-{index}"),
                    [PetitionInput(origin="Hải Phòng", content=f"Kiến nghị {index}.{k}.")],
                )  # fmt: skip
                t1 = time.perf_counter()
                draft = register.draft_reply(session, list(result.petition_ids), answer="Đã có.")
                register.issue_reply(session, draft)
                t2 = time.perf_counter()
            except Exception as exc:  # counted and reported, the run goes on
                errors.append(f"{type(exc).__name__}: {exc}")
                continue
            timings["register"].append(t1 - t0)
            timings["issue"].append(t2 - t1)
        session.close()
    except Exception:
        errors.append(traceback.format_exc())
    out.put((timings, errors))


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--clients", type=int, default=10)
    p.add_argument("--seconds", type=float, default=60.0)
    p.add_argument("--db", help="postgresql://… of an empty database (default: a new server)")
    args = p.parse_args()
    cluster = None
    url = args.db
    if url is None:
        from tests.pgcluster import Cluster

        cluster = Cluster().start()
        url = cluster.url(cluster.create_database())
    try:
        store = open_store(url)
        load_reference_data(store)
        store.close()
        ctx = mp.get_context("spawn")
        start, out = ctx.Event(), ctx.Queue()
        procs = [
            ctx.Process(target=_client, args=(url, i, args.seconds, start, out))
            for i in range(args.clients)
        ]
        for proc in procs:
            proc.start()
        time.sleep(3)  # every client connected and waiting
        began = time.monotonic()
        start.set()
        results = [out.get(timeout=args.seconds + 300) for _ in procs]
        elapsed = time.monotonic() - began
        for proc in procs:
            proc.join()
        register_ms = [t for timings, _ in results for t in timings["register"]]
        issue_ms = [t for timings, _ in results for t in timings["issue"]]
        errors = [e for _, errs in results for e in errs]
        store = open_store(url)
        incoming = [r[0] for r in store.all("SELECT incoming_no FROM incoming_documents")]
        outgoing = [
            r[0] for r in store.all("SELECT number FROM outgoing_letters WHERE number IS NOT NULL")
        ]
        problems = store.check()
        store.close()
        report = {
            "clients": args.clients,
            "seconds": round(elapsed, 1),
            "documents_registered": len(register_ms),
            "letters_issued": len(issue_ms),
            "operations_per_s": round((len(register_ms) + len(issue_ms)) / elapsed, 1),
            "register_ms": {"p50": round(statistics.median(register_ms) * 1000, 1)
                            if register_ms else 0, "p95": round(_pct(register_ms, 0.95), 1),
                            "max": round(_pct(register_ms, 1.0), 1)},
            "issue_ms": {"p50": round(statistics.median(issue_ms) * 1000, 1) if issue_ms else 0,
                         "p95": round(_pct(issue_ms, 0.95), 1),
                         "max": round(_pct(issue_ms, 1.0), 1)},
            "errors": len(errors),
            "first_errors": errors[:3],
            "duplicate_incoming_numbers": len(incoming) - len(set(incoming)),
            "incoming_numbers_contiguous": sorted(incoming) == list(range(1, len(incoming) + 1)),
            "duplicate_letter_numbers": len(outgoing) - len(set(outgoing)),
            "letter_numbers_contiguous": sorted(outgoing) == list(range(1, len(outgoing) + 1)),
            "check_problems": problems[:3],
        }  # fmt: skip
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0 if not errors and not problems else 1
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    raise SystemExit(main())
