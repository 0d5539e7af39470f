"""The subcommands moving a register between engines: migrate-to (file → server) and copy-to
(server → file). Progress goes to stderr, table by table; the result to stdout."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any

from desktop import sign_in
from desktop.commands import emit
from desktop.core import transfer
from desktop.core.session import Session
from desktop.core.stores import open_store
from desktop.core.transfer import Progress, Report

_EVERY_S = 2.0  # seconds between two progress lines of one table


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def progress_printer(out: Any = None) -> Progress:
    """A progress callback printing "  kiến nghị (petitions): 250.000/1.000.000 dòng"."""
    last: dict[str, float] = {}

    def show(table: str, done: int, total: int) -> None:
        now = time.monotonic()
        first = table not in last
        if not first and done < total and now - last[table] < _EVERY_S:
            return
        if not first and done == 0:
            return
        last[table] = now
        name = transfer.table_label(table)
        if total == 0 and done == 0 and table in ("search_terms",):
            print(f"  Dựng lại {name} từ các cột đã chép…", file=out or sys.stderr)
            return
        shown = name if name == table else f"{name} ({table})"
        print(f"  {shown}: {_thousands(done)}/{_thousands(total)} dòng", file=out or sys.stderr)

    return show


def _session(args: argparse.Namespace) -> Session:
    store = open_store(args.db)  # the source, brought to the latest version
    try:
        return sign_in.session_for(args, store)
    except BaseException:
        store.close()
        raise


def _report(args: argparse.Namespace, report: Report, after: str) -> None:
    data = {
        "source": report.source,
        "target": report.target,
        "seconds": round(report.seconds, 3),
        "rows": report.rows,
        "tables": [{"table": t.table, "rows": t.rows, "sha256": t.digest} for t in report.tables],
        "verified": True,
    }

    def human() -> None:
        print(
            f"Đã chép {_thousands(report.rows)} dòng của {len(report.tables)} bảng từ"
            f" {report.source} sang {report.target} trong {report.seconds:.1f} giây; số dòng và"
            " mã băm SHA-256 của từng bảng đã được đọc lại ở nơi đích và khớp với nguồn."
        )
        print(after)

    emit(args, data, human)


def _run(args: argparse.Namespace, work: Callable[[Session, Progress | None], Report]) -> Report:
    session = _session(args)
    try:
        return work(session, None if args.quiet else progress_printer())
    finally:
        session.store.close()


def cmd_migrate_to(args: argparse.Namespace) -> int:
    """`migrate-to postgresql://…`: the SQLite file copied into an empty server database."""
    done = _run(args, lambda s, p: transfer.migrate_to(s, args.target, p))
    _report(
        args,
        done,
        "Người dùng, mật khẩu, lịch sử và dấu niêm phong đã sang cùng dữ liệu: làm việc tiếp"
        f" với --db \"{args.target}\".",
    )
    return 0


def cmd_copy_to(args: argparse.Namespace) -> int:
    """`copy-to FILE.db`: the server database copied into a new, verified SQLite file."""
    done = _run(args, lambda s, p: transfer.copy_to(s, args.dest, p))
    _report(
        args, done, f"Bản sao ngoại tuyến: kiennghi --db \"{args.dest}\" (mở không cần máy chủ)."
    )
    return 0


def add_parsers(command: Any, path: Callable[[str], Callable[[str], str]]) -> None:
    """migrate-to and copy-to, added to the `kiennghi` parser by desktop/cli.py."""
    c = command(
        "migrate-to", cmd_migrate_to,
        "chép toàn bộ tệp SQLite (--db) lên một cơ sở dữ liệu trống trên máy chủ PostgreSQL",
    )  # fmt: skip
    c.add_argument(
        "target", type=path("địa chỉ máy chủ"),
        help="postgresql://người_dùng@máy_chủ:cổng/tên_cơ_sở_dữ_liệu (phải trống)",
    )  # fmt: skip
    c.add_argument("--quiet", action="store_true", help="không in tiến độ")
    c.add_argument("--json", action="store_true")
    c = command(
        "copy-to", cmd_copy_to,
        "chép toàn bộ cơ sở dữ liệu trên máy chủ (--db postgresql://…) ra một tệp SQLite mới",
    )  # fmt: skip
    c.add_argument("dest", type=path("tệp cần ghi"), help="tệp SQLite mới (chưa tồn tại)")
    c.add_argument("--quiet", action="store_true", help="không in tiến độ")
    c.add_argument("--json", action="store_true")
