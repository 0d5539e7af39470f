"""What users and roles cost: hashing, signing in, and the permission check of each action.

    .venv/bin/python benchmarks/sign_in.py [--rounds 10] [--checks 2000]

On a fresh SQLite file in a temporary folder (reference data loaded, one admin, one clerk and
one officer of Cục Viễn thông, a petition assigned to that unit): times argon2-cffi's hash and
verify with its default parameters, a good sign-in (`users.authenticate`, which also writes the
counter), a wrong one, and `permissions.require` for a clerk, for an officer on an assigned
petition, and for the local user of a file without users. Prints JSON: milliseconds (median
and max) per operation, microseconds per check.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from argon2 import PasswordHasher  # noqa: E402

from db import open_store  # noqa: E402
from db.store import Store  # noqa: E402
from desktop.core import permissions, users, workflow  # noqa: E402
from desktop.core.reference import load_reference_data  # noqa: E402
from desktop.core.registry import DocumentInput, PetitionInput, register_document  # noqa: E402
from desktop.core.session import Session  # noqa: E402
from desktop.core.users import SignInFailed  # noqa: E402


def timed(fn: Callable[[], object], rounds: int) -> dict[str, float]:
    """Median and max milliseconds of `rounds` calls."""
    spent = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        spent.append((time.perf_counter() - started) * 1000)
    return {"median_ms": round(statistics.median(spent), 2), "max_ms": round(max(spent), 2)}


def per_check(fn: Callable[[], object], count: int) -> float:
    """Microseconds per call over `count` calls."""
    started = time.perf_counter()
    for _ in range(count):
        fn()
    return round((time.perf_counter() - started) / count * 1e6, 1)


def wrong(store: Store) -> None:
    with contextlib.suppress(SignInFailed):
        users.authenticate(store, "vanthu", "sai-mat-khau")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--checks", type=int, default=2000)
    args = parser.parse_args()
    hasher = PasswordHasher()
    digest = hasher.hash("matkhau-thu")
    out: dict[str, object] = {
        "argon2": {"time_cost": hasher.time_cost, "memory_kib": hasher.memory_cost,
                   "parallelism": hasher.parallelism},  # fmt: skip
        "hash": timed(lambda: hasher.hash("matkhau-thu"), args.rounds),
        "verify": timed(lambda: hasher.verify(digest, "matkhau-thu"), args.rounds),
    }
    with tempfile.TemporaryDirectory(prefix="kiennghi-sign-in-") as folder:
        local = open_store(Path(folder) / "local.db")
        load_reference_data(local)
        nobody = Session(local)
        out["require_local_user_us"] = per_check(
            lambda: permissions.require(nobody, "assign"), args.checks
        )
        local.close()
        store = open_store(Path(folder) / "office.db")
        load_reference_data(store)
        users.create_first_admin(store, "qt", "matkhau-quantri")
        admin = Session(store, user=users.find_user(store, "qt"))
        users.add_user(admin, "vanthu", "clerk", "matkhau-vanthu")
        users.add_user(admin, "cv_vt", "officer", "matkhau-cv-vt", unit="CVT")
        clerk = Session(store, user=users.find_user(store, "vanthu"), today=dt.date.today)
        done = register_document(
            clerk, DocumentInput(received_on=dt.date.today(), sender="Sở TT&TT"),
            [PetitionInput(origin="Hà Nội", content="Phủ sóng")],
        )  # fmt: skip
        pid = done.petition_ids[0]
        workflow.assign(clerk, pid, "CVT")
        officer = Session(store, user=users.find_user(store, "cv_vt"))
        out["sign_in_good"] = timed(
            lambda: users.authenticate(store, "vanthu", "matkhau-vanthu"), args.rounds
        )
        out["sign_in_wrong"] = timed(lambda: wrong(store), 4)  # 5 would lock the account
        out["require_clerk_us"] = per_check(
            lambda: permissions.require(clerk, "assign"), args.checks
        )
        out["require_officer_own_petition_us"] = per_check(
            lambda: permissions.require(officer, "complete_part", petition_id=pid, unit="CVT"),
            args.checks,
        )
        store.close()
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
