"""Long menu actions (export, backup, demo data), each in a worker with progress and Cancel.

Each function returns the running `LongWork` (or None when the clerk backed out before it
started, or another long job runs). The file dialog goes through `ask_save_path`, which tests
replace.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.core import reports
from desktop.core.backups import backup_with_progress
from desktop.core.errors import DomainError
from desktop.core.session import Session
from desktop.core.types import PetitionFilter
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.dialogs import export_options
from desktop.ui.dialogs.long_work import Cancelled, LongWork, Progress, run_long_work
from desktop.ui.qt import QFileDialog, QInputDialog, QWidget

DEMO_BATCH = 500
DEMO_DEFAULT = 5_000
DEMO_MAX = 1_000_000


def ask_save_path(
    parent: QWidget | None,
    title: str,
    suggested: str,
    pattern: str,
    *,
    confirm_overwrite: bool = True,
) -> Path | None:
    """Where to write a file; None when the clerk cancelled. Tests patch this function."""
    options = QFileDialog.Option(0)
    if not confirm_overwrite:
        options |= QFileDialog.Option.DontConfirmOverwrite
    name, _filter = QFileDialog.getSaveFileName(parent, title, suggested, pattern, options=options)
    return Path(name) if name else None


def ask_count(parent: QWidget | None, title: str, label: str, value: int) -> int | None:
    """A whole number from the clerk (1 … 1.000.000); None when cancelled. Tests patch this."""
    number, ok = QInputDialog.getInt(parent, title, label, value, 1, DEMO_MAX, 1000)
    return int(number) if ok else None


class _Reporting:
    """A core progress callback (returns False to stop) feeding the dialog.

    Cancel is turned into the core's own stop (return False) rather than an exception thrown
    through it, so the core cleans up as it does for any stop (the export closes its workbook
    and deletes its part file, the demo rolls back); `raise_if_stopped` then ends the job as
    cancelled.
    """

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.stopped = False

    def __call__(self, done: int, total: int) -> bool:
        try:
            self.progress(done, total)
        except Cancelled:
            self.stopped = True
            return False
        return True

    def raise_if_stopped(self) -> None:
        """Cancelled: the job ends without a result."""
        if self.stopped:
            raise Cancelled


# What a register list shows, for its export: the filter, the words searched ("" for none),
# the petitions it lists alone (None: the filter's); PetitionsScreen.export_filter gives it.
Shown = tuple[PetitionFilter, str, tuple[int, ...] | None]


def export_register(
    ctx: UiContext, parent: QWidget | None, shown: Shown | None = None
) -> LongWork[Any] | None:
    """Tệp → Xuất sổ ra Excel: what the list shows (`shown`; the whole register when None) to
    an XLSX file; Cancel leaves no file.

    Phone and ID numbers are masked unless an admin or leader ticks the box; it is recorded."""
    f, search, ids = shown or (PetitionFilter(), "", None)
    scope = reports.describe_scope(f, search, ids)
    unmasked = export_options.ask(parent, ctx.session, "Xuất sổ theo dõi kiến nghị", scope)
    if unmasked is None:
        return None
    dest = ask_save_path(
        parent,
        "Xuất sổ theo dõi kiến nghị",
        reports.export_file_name(f, search, ctx.session.today(), ids),
        "Sổ Excel (*.xlsx)",
    )
    if dest is None:
        return None
    if dest.suffix.lower() != ".xlsx":
        dest = dest.with_name(dest.name + ".xlsx")

    def job(session: Session, progress: Progress) -> int:
        progress(0, 0)
        report = _Reporting(progress)
        try:
            return reports.export_register(
                session, dest, f, report,
                search=search, ids=ids, unmasked=unmasked,
            )  # fmt: skip
        except DomainError:
            report.raise_if_stopped()  # the core's "export cancelled" means the clerk's Cancel
            raise

    def done(n: int) -> None:
        count = f"{n:,}".replace(",", ".")
        note = " (không che số điện thoại, số CCCD; đã ghi nhật ký)" if unmasked else ""
        ask.inform(parent, "Xuất sổ", f"Đã xuất {count} kiến nghị ra «{dest}»{note}.")

    return run_long_work(
        ctx,
        parent,
        "Đang xuất sổ kiến nghị",
        job,
        on_done=done,
        on_error=lambda msg: ask.error(parent, "Không xuất được sổ", msg),
        changes=False,  # only its audit record is written, and no screen shows that
    )


def backup(ctx: UiContext, parent: QWidget | None) -> LongWork[Any] | None:
    """Tệp → Sao lưu: a consistent copy of the database; Cancel deletes the partial file."""
    source = ctx.session.store.path
    stem = source.stem if source is not None else "kiennghi"
    dest = ask_save_path(
        parent,
        "Sao lưu cơ sở dữ liệu",
        f"{stem}-sao-luu-{ctx.session.today().isoformat()}.db",  # ISO: copies sort by day
        "Cơ sở dữ liệu (*.db)",
        confirm_overwrite=False,  # an existing file is refused below, never replaced
    )
    if dest is None:
        return None
    if source is not None and dest.resolve() == source.resolve():
        ask.error(parent, "Không sao lưu được", "Không thể sao lưu đè lên chính tệp đang mở.")
        return None

    def job(session: Session, progress: Progress) -> Path:
        progress(0, 0)
        backup_with_progress(session.store, dest, progress)
        return dest

    return run_long_work(
        ctx,
        parent,
        "Đang sao lưu",
        job,
        on_done=lambda path: ask.inform(parent, "Sao lưu", f"Đã sao lưu vào «{path}»."),
        on_error=lambda msg: ask.error(parent, "Không sao lưu được", msg),
        changes=False,
    )


def generate_demo(
    ctx: UiContext, parent: QWidget | None, count: int | None = None
) -> LongWork[Any] | None:
    """Trợ giúp → Tạo dữ liệu mẫu: `count` synthetic petitions (asked when None), all or
    nothing: Cancel undoes every one."""
    if count is None:
        count = ask_count(parent, "Tạo dữ liệu mẫu", "Số kiến nghị mẫu cần tạo:", DEMO_DEFAULT)
        if count is None:
            return None
    question = (
        f"Thêm {count:,} kiến nghị mẫu (giả) vào cơ sở dữ liệu đang mở?".replace(",", ".")
        + " Chỉ nên làm trên tệp dùng để thử hoặc trình diễn."
    )
    if not ask.confirm(parent, "Tạo dữ liệu mẫu", question):
        return None

    def job(session: Session, progress: Progress) -> int:
        progress(0, count)
        report = _Reporting(progress)
        from desktop.core import demo  # on use: its vocabulary costs ~0.1 s at start-up

        written = demo.generate_demo(
            session,
            count,
            progress=report,
            one_transaction=True,
            batch_size=DEMO_BATCH,
        )
        report.raise_if_stopped()  # rolled back already: one transaction
        return written

    def done(n: int) -> None:
        ask.inform(parent, "Tạo dữ liệu mẫu", f"Đã tạo {n:,} kiến nghị mẫu.".replace(",", "."))

    return run_long_work(
        ctx,
        parent,
        "Đang tạo dữ liệu mẫu",
        job,
        on_done=done,
        on_error=lambda msg: ask.error(parent, "Không tạo được dữ liệu mẫu", msg),
    )
