"""The `kiennghi` command: the GUI without arguments, headless work with a subcommand."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from desktop import (
    attach_commands,
    audit_commands,
    chase_commands,
    crashlog,
    edit_commands,
    legacy_commands,
    notice_report_commands,
    task_commands,
    transfer_commands,
    user_commands,
    verify_commands,
)
from desktop import cli_types as t
from desktop.cli_types import parse_date
from desktop.commands import (
    EXIT_ERROR,
    cmd_assign,
    cmd_demo,
    cmd_gui,
    cmd_init,
    cmd_list,
    cmd_reply,
    cmd_search,
    cmd_similar,
    cmd_stats,
)
from desktop.core import vocabulary
from desktop.core.errors import KienNghiError
from desktop.core.stores import default_db_path
from desktop.import_commands import cmd_import
from desktop.maintenance_commands import cmd_backup, cmd_check, cmd_restore
from desktop.print_commands import cmd_export, cmd_letter, cmd_record, cmd_register

EXIT_USAGE = 2


# argparse's own refusals, in Vietnamese (its gettext catalogue has no Vietnamese).
_ARGPARSE_VI = (
    (r"^argument (\S+): ", r"tham số \1: "),
    (r"the following arguments are required: ", "thiếu tham số bắt buộc: "),
    (r"unrecognized arguments: ", "tham số không nhận ra: "),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"giá trị \1 không hợp lệ (chọn trong \2)"),
    (r"expected one argument", "cần một giá trị"),
    (r"expected at least one argument", "cần ít nhất một giá trị"),
    (r"invalid \S+ value: ", "giá trị không hợp lệ: "),
    (r"one of the arguments (.*) is required", r"cần một trong các tham số \1"),
    (r"not allowed with argument", "không đi cùng tham số"),
    (r"ambiguous option: (\S+) could match", r"tùy chọn \1 không rõ, có thể là"),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        for english, vietnamese in _ARGPARSE_VI:
            message = re.sub(english, vietnamese, message)
        print(f"kiennghi: lỗi cú pháp lệnh: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def name(what: str) -> Callable[[str], str]:
    """A short text argument: a name, a code, a reference (one line on a letter)."""
    return t.text(t.MAX_NAME, what)


def content(what: str) -> Callable[[str], str]:
    """A long text argument: a petition's content, an answer, instructions."""
    return t.text(t.MAX_TEXT, what)


# -- parser --------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    """The command line of design.md."""
    p = _Parser(prog="kiennghi", description="Sổ Kiến Nghị — sổ theo dõi kiến nghị.")
    p.add_argument(
        "--db", type=t.path("--db"), default=str(default_db_path()), help="tệp cơ sở dữ liệu"
    )
    p.add_argument("--smoke-test", action="store_true", help="mở giao diện rồi thoát (kiểm tra)")
    p.add_argument(
        "--user", type=name("--user"),
        help="tên đăng nhập (mật khẩu: biến KIENNGHI_PASSWORD hoặc nhập khi được hỏi)",
    )  # fmt: skip
    p.set_defaults(func=cmd_gui)
    sub = p.add_subparsers(title="lệnh", metavar="LỆNH", parser_class=_Parser)

    def command(name: str, func: Callable[[argparse.Namespace], int], text: str) -> Any:
        c = sub.add_parser(name, help=text, description=text)
        c.set_defaults(func=func)
        return c

    c = command("init", cmd_init, "tạo hoặc nâng cấp cơ sở dữ liệu, nạp danh mục")
    c.add_argument("--admin", type=name("--admin"), help="tạo quản trị viên đầu tiên tên này")
    c.add_argument("--json", action="store_true")
    c = command("import", cmd_import, "nhập bảng kiến nghị từ tệp DOCX, XLSX, PDF hoặc ảnh quét")
    c.add_argument("file", type=t.input_path("tệp cần nhập"))
    c.add_argument("--sender", type=name("--sender"))
    c.add_argument("--sender-ref", type=name("--sender-ref"))
    c.add_argument("--sender-date", type=parse_date)
    c.add_argument("--reply-by", type=parse_date)
    c.add_argument("--received-on", type=parse_date, help="ngày đến (mặc định: hôm nay)")
    c.add_argument("--incoming-no", type=t.incoming_no, help="số đến (mặc định: số tiếp theo)")
    c.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    c.add_argument(
        "--allow-duplicate", action="store_true", help="vẫn vào sổ khi văn bản đã có trong sổ"
    )
    c.add_argument("--json", action="store_true")
    c = command("list", cmd_list, "liệt kê kiến nghị, mới nhất trước")
    c.add_argument("--status", action="append", choices=list(vocabulary.STATUSES))
    c.add_argument("--unit", type=name("--unit"))
    c.add_argument("--year", type=t.year)
    c.add_argument("--overdue", action="store_true")
    c.add_argument("--limit", type=t.limit, default=100)
    c.add_argument("--json", action="store_true")
    c = command("search", cmd_search, "tìm kiến nghị (có dấu hoặc không dấu)")
    c.add_argument("query", type=t.text(t.MAX_TEXT, "câu tìm"))
    c.add_argument("--status", action="append", choices=list(vocabulary.STATUSES))
    c.add_argument("--unit", type=name("--unit"))
    c.add_argument("--year", type=t.year)
    c.add_argument("--origin", type=name("--origin"), help="nơi kiến nghị (một phần tên)")
    c.add_argument("--newest", action="store_true", help="mới nhất trước (mặc định: phù hợp nhất)")
    c.add_argument("--limit", type=t.limit, default=20)
    c.add_argument("--json", action="store_true")
    c = command("similar", cmd_similar, "kiến nghị tương tự đã có và câu trả lời của chúng")
    c.add_argument("id", type=t.petition_id, nargs="?", help="mã kiến nghị (hoặc --text)")
    c.add_argument("--text", type=content("--text"), help="nội dung kiến nghị đang soạn")
    c.add_argument("--limit", type=t.limit, default=5)
    c.add_argument("--json", action="store_true")
    c = command("assign", cmd_assign, "giao kiến nghị cho đơn vị")
    c.add_argument("id", type=t.petition_id)
    c.add_argument("--unit", type=name("--unit"), required=True)
    c.add_argument("--role", choices=["lead", "support"], default="lead")
    c.add_argument("--due", type=parse_date)
    c.add_argument("--instructions", type=content("--instructions"), default="")
    c = command("reply", cmd_reply, "ghi kết quả trả lời kiến nghị")
    c.add_argument("id", type=t.petition_id, nargs="+")
    c.add_argument("--outcome", required=True, choices=list(vocabulary.OUTCOMES))
    c.add_argument("--text", type=content("--text"), required=True)
    c.add_argument("--date", type=parse_date)
    c.add_argument("--letter-ref", type=name("--letter-ref"), default="")
    c = command("letter", cmd_letter, "soạn công văn trả lời kiến nghị ra DOCX hoặc PDF")
    c.add_argument(
        "id", type=t.petition_id, nargs="+", help="mã kiến nghị (nhiều mã: một công văn chung)"
    )
    c.add_argument("--format", choices=["docx", "pdf"], help="mặc định: theo đuôi tệp --out")
    c.add_argument("--out", type=t.path("--out"), required=True, help="tệp công văn cần ghi")
    c.add_argument(
        "--issue", action="store_true", help="cấp số văn bản đi và ghi kiến nghị là đã trả lời"
    )
    c.add_argument(
        "--answer", type=content("--answer"),
        help="nội dung trả lời (mặc định: lần trả lời gần nhất đã ghi)",
    )  # fmt: skip
    c.add_argument("--unit", type=name("--unit"), help="mã đơn vị soạn thảo (mặc định: VP)")
    c.add_argument("--signer", type=name("--signer"), help="họ tên người ký")
    verify_commands.add_signing_arguments(c, t.path)  # --sign-p12, --sign-pkcs11, …
    c.add_argument("--json", action="store_true")
    c = command("record", cmd_record, "vào sổ văn bản đi số của văn bản làm ngoài phần mềm")
    c.add_argument("reference", type=name("số/ký hiệu"), help="số/ký hiệu, ví dụ 15/BTTTT-VP")
    c.add_argument("--date", type=parse_date, required=True, help="ngày ban hành")
    c.add_argument("--subject", type=content("--subject"), default="", help="trích yếu")
    c = command("stats", cmd_stats, "thống kê theo kỳ")
    c.add_argument("--from", dest="date_from", type=parse_date)
    c.add_argument("--to", dest="date_to", type=parse_date)
    c.add_argument(
        "--as-of", dest="as_of", type=parse_date,
        help="số liệu tính đến hết ngày này (đã trả lời, hoàn thành đến ngày đó)",
    )  # fmt: skip
    c.add_argument(
        "--kind", choices=["petition", "task", "both"], default="petition",
        help="kiến nghị (mặc định), nhiệm vụ, hay cả hai",
    )  # fmt: skip
    c.add_argument("--json", action="store_true")
    c = command("export", cmd_export, "xuất sổ theo dõi kiến nghị ra XLSX (theo bộ lọc, câu tìm)")
    c.add_argument("file", type=t.path("tệp cần ghi"))
    c.add_argument("--status", action="append", choices=list(vocabulary.STATUSES))
    c.add_argument("--unit", type=name("--unit"))
    c.add_argument("--year", type=t.year)
    c.add_argument("--overdue", action="store_true", help="chỉ kiến nghị quá hạn")
    c.add_argument("--search", type=t.text(t.MAX_TEXT, "câu tìm"), help="như ô tìm kiếm")
    audit_commands.add_unmasked(c)
    c = command(
        "register", cmd_register, "in sổ văn bản đến, sổ văn bản đi, sổ theo dõi giải quyết"
    )
    c.add_argument("kind", choices=["incoming", "outgoing", "tracking"])
    c.add_argument("--from", dest="date_from", type=parse_date, required=True)
    c.add_argument("--to", dest="date_to", type=parse_date, required=True)
    c.add_argument(
        "--out", type=t.path("--out"), required=True, help="tệp sổ cần ghi (.pdf hoặc .xlsx)"
    )
    audit_commands.add_unmasked(c)
    c = command("backup", cmd_backup, "sao lưu cơ sở dữ liệu, hoặc liệt kê các bản sao lưu tự động")
    c.add_argument(
        "dest", type=t.path("tệp sao lưu"), nargs="?",
        help="tệp sao lưu cần ghi (bỏ trống: liệt kê)",
    )  # fmt: skip
    c.add_argument("--list", action="store_true", help="liệt kê các bản trong thư mục backups")
    c.add_argument("--json", action="store_true")
    c = command("restore", cmd_restore, "khôi phục từ bản sao lưu")
    c.add_argument("src", type=t.input_path("tệp sao lưu"))
    c = command("check", cmd_check, "kiểm tra toàn vẹn cơ sở dữ liệu")
    c.add_argument(
        "--repair", action="store_true", help="dựng lại chỉ mục tìm kiếm từ các kiến nghị"
    )
    c = command("demo", cmd_demo, "tạo dữ liệu mẫu")
    c.add_argument("--count", type=t.demo_count, required=True)
    c.add_argument("--seed", type=t.seed, default=2020)
    edit_commands.add_parsers(command, parse_date)  # edit-document, edit-petition, withdraw, …
    audit_commands.add_parsers(command, parse_date)  # audit
    user_commands.add_parsers(command)  # user add, list, disable, enable, passwd, role
    transfer_commands.add_parsers(command, t.path)  # migrate-to, copy-to
    task_commands.add_parsers(command, parse_date)  # import-notice, tasks, progress
    chase_commands.add_parsers(command, parse_date)  # chase
    notice_report_commands.add_parsers(command, parse_date)  # notice-report
    attach_commands.add_parsers(command)  # attach, index-attachments
    legacy_commands.add_parsers(command)  # convert-legacy
    verify_commands.add_parsers(command, t.input_path)  # verify
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    # "Exception ignored in …" from a library's finalizer is a traceback too.
    sys.unraisablehook = crashlog.log_unraisable
    try:
        return int(args.func(args))
    except KienNghiError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `kiennghi list | head`: the reader left. Nothing more can be printed there, and
        # Python's own flush at exit would raise again: point stdout at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except Exception as exc:  # the last line of defence: the causes are fixed where they arise
        message = crashlog.explain(exc, db=getattr(args, "db", None))
        if message is None:
            logged = crashlog.record(exc, f"kiennghi {args.func.__name__}")
            message = crashlog.unexpected(exc, logged)
        print(f"Lỗi: {message}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
