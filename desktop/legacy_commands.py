"""`kiennghi convert-legacy FILE --out FILE`: a TCVN3/VNI file rewritten in Unicode, alone."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop import cli_types as t
from desktop.commands import emit
from desktop.core.legacy_convert import convert_file


def add_parsers(command: Any) -> None:
    """The `convert-legacy` subcommand, added to the `kiennghi` parser by desktop/cli.py."""
    c = command(
        "convert-legacy", cmd_convert_legacy,
        "chuyển tệp DOCX, XLSX hoặc TXT gõ bằng phông TCVN3 (ABC, .VnTime) hoặc VNI sang Unicode",
    )  # fmt: skip
    c.add_argument("file", type=t.input_path("tệp cần chuyển"))
    c.add_argument("--out", type=t.path("--out"), required=True, help="tệp Unicode cần ghi")
    c.add_argument("--json", action="store_true")


def cmd_convert_legacy(args: argparse.Namespace) -> int:
    """Convert the file; no database is opened."""
    done = convert_file(Path(args.file), Path(args.out))
    conversion = done.conversion
    data = {
        "out": str(done.dest),
        "kind": done.kind,
        "converted": conversion is not None,
        "encodings": list(conversion.encodings) if conversion else [],
        "cells": conversion.cells if conversion else 0,
        "paragraphs": conversion.paragraphs if conversion else 0,
    }

    def human() -> None:
        if conversion is None:
            print(
                f"Không thấy chữ mã TCVN3 hay VNI trong «{done.source.name}»:"
                f" đã chép nguyên tệp sang «{done.dest}»."
            )
        else:
            print(f"{conversion.notice} Đã ghi «{done.dest}».")

    emit(args, data, human)
    return 0
