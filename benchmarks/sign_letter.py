"""Signing one letter (issue #13): the letter rendered to PDF and signed PAdES with a PKCS#12
file (the test CA of tests/signing_ca.py), cold (pyHanko imported, the file opened) and warm,
then the signed file verified.

    .venv/bin/python benchmarks/sign_letter.py [--repeat 10]

Target: signing one letter (render + sign, the key open) ≤ 0.5 s. Prints JSON, with the CPU
time beside the wall time (on a shared machine the wall time counts the others' work too).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.letters_pdf import LETTER, TODAY  # noqa: E402
from tests import signing_ca as ca  # noqa: E402

TARGET_S = 0.5


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    letter = dataclasses.replace(LETTER, number=15)
    with tempfile.TemporaryDirectory() as folder:
        p12 = ca.agency().write_p12(Path(folder) / "bo.p12")
        started = time.perf_counter()
        from desktop.core.signatures.letters import signed_pdf
        from desktop.core.signatures.sign import P12Key, open_signer
        from desktop.core.signatures.verify import verify_pdf

        import_ms = _ms(started)
        started = time.perf_counter()
        with open_signer(P12Key(p12, ca.P12_PASSWORD)) as signer:
            open_ms = _ms(started)
            started = time.perf_counter()
            data = signed_pdf(letter, TODAY, signer)
            cold_ms = _ms(started)
            warm, cpu = [], []
            for _ in range(args.repeat):
                started, used = time.perf_counter(), time.process_time()
                data = signed_pdf(letter, TODAY, signer)
                warm.append(_ms(started))
                cpu.append(round((time.process_time() - used) * 1000, 1))
        started = time.perf_counter()
        result = verify_pdf(data, [ca.root().der()])
        verify_ms = _ms(started)
    median = statistics.median(warm)
    print(
        json.dumps(
            {
                "import_ms": import_ms,
                "open_p12_ms": open_ms,
                "first_letter_ms": cold_ms,
                "letter_median_ms": median,
                "letter_max_ms": max(warm),
                # The machine is shared: CPU time says what one letter costs when it is not.
                "letter_cpu_median_ms": statistics.median(cpu),
                "load_average": round(os.getloadavg()[0], 1),
                "verify_ms": verify_ms,
                "bytes": len(data),
                "valid": bool(result.intact and result.trusted),
                "target_ms": TARGET_S * 1000,
                "within_target": median <= TARGET_S * 1000,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
