"""Start the desktop application."""

from __future__ import annotations

import gc
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.core import backups, reference
from desktop.core.reference import load_reference_data
from desktop.core.session import Session, local_session, needs_sign_in, sign_in
from desktop.core.stores import open_store
from desktop.core.types import Store
from desktop.core.users import SignInFailed
from desktop.sign_in import PASSWORD_ENV
from desktop.ui import ask, excepthook
from desktop.ui.bus import DataBus
from desktop.ui.context import UiContext
from desktop.ui.gc_guard import UiThreadCollector
from desktop.ui.qt import (
    QApplication,
    QCoreApplication,
    QLocale,
    QMainWindow,
    QMessageBox,
    QTimer,
    QTranslator,
)
from desktop.ui.worker import QueryRunner
from resources import path as resource_path

VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
# Qt's own strings (file dialog, standard buttons, context menus, print dialog): PySide6 ships
# no Vietnamese, so resources/translations/qtbase_vi.ts is ours, compiled to the .qm beside it.
QT_TRANSLATION = "translations/qtbase_vi.qm"


class SignInCancelled(Exception):
    """Thoát in the sign-in dialog: the app ends quietly (exit 0), nothing was opened."""


def install_vietnamese(app: QCoreApplication) -> QTranslator | None:
    """Vietnamese for Qt's own dialogs and for dates and numbers in Qt's widgets (calendar
    month and day names); the translator (`removeTranslator` undoes it), None if its file is
    missing (Qt's dialogs then stay English: worth a line on stderr, not a refusal to start)."""
    QLocale.setDefault(VIETNAMESE)
    translator = QTranslator(app)
    if not translator.load(str(resource_path(QT_TRANSLATION))):
        print(f"Thiếu tệp dịch giao diện Qt: {resource_path(QT_TRANSLATION)}", file=sys.stderr)
        return None
    app.installTranslator(translator)
    return translator


def ask_sign_in(store: Store, name: str = "") -> Session | None:
    """The sign-in dialog (desktop/ui/dialogs/sign_in.py), `name` filled in; None for Thoát."""
    from desktop.ui.dialogs import sign_in as sign_in_dialog

    return sign_in_dialog.ask(store, name=name)


def _needs_sign_in(store: Store) -> bool:
    try:
        return needs_sign_in(store)
    except sqlite3.DatabaseError:
        if store.damage is not None:
            return False  # a damaged file opens read-only to be restored; its users may not read
        raise


def make_context(
    db_path: Path | str,
    *,
    on_notice: Callable[[str], None] | None = None,
    backup_later: bool = False,
    sign_in: Callable[[Store], Session | None] | None = None,
) -> UiContext:
    """Open the database (creating it with its reference data) and build the shared context.

    Makes the day's automatic backup, unless `backup_later` (the window then starts it off the
    UI thread: `start_daily_backup`); `on_notice` hears what the clerk must know at start (a
    damaged file opened read-only, with the backup to restore; a backup that failed). On the
    office server, and on a file with users, `sign_in` (default: the dialog) makes the session;
    SignInCancelled when the user chose Thoát."""
    store = open_store(db_path)
    try:
        if _needs_sign_in(store):
            session = (sign_in or ask_sign_in)(store)
            if session is None:
                raise SignInCancelled()
        else:
            session = local_session(store)
    except BaseException:
        store.close()
        raise
    if not reference.units(store) and store.read_only is None:
        load_reference_data(store)
    notice = backups.open_notice(store) if backup_later else backups.startup_notice(store)
    if notice is not None and on_notice is not None:
        on_notice(notice)
    return UiContext(session, QueryRunner(store.target), DataBus())


def start_daily_backup(
    ctx: UiContext, window: QMainWindow, on_notice: Callable[[str], None]
) -> bool:
    """Today's automatic backup off the UI thread, said in the status bar; False if not due.

    A copy of a large register takes seconds (3-7 s per GB): made before the window, it held
    the first start of the day that long."""
    store = ctx.session.store
    if store.read_only is not None or not backups.daily_due(store):
        return False
    bar = window.statusBar()
    bar.showMessage("Đang sao lưu tự động hằng ngày…")

    def done(notice: str | None) -> None:
        bar.showMessage(notice or "Đã sao lưu tự động hằng ngày.", 5000)
        if notice is not None:
            on_notice(notice)

    def failed(message: str) -> None:
        bar.clearMessage()
        on_notice(f"Chưa sao lưu tự động được hôm nay: {message}")

    ctx.runner.run_query(backups.backup_notice, done, key="daily-backup", on_error=failed)
    return True


def _smoke_sign_in(user: str | None) -> Callable[[Store], Session | None]:
    """The smoke test has nobody to type a password: `--user` with KIENNGHI_PASSWORD."""

    def signed_in(store: Store) -> Session | None:
        password = os.environ.get(PASSWORD_ENV)
        if not user or password is None:
            raise SignInFailed(
                "Cơ sở dữ liệu này cần đăng nhập: chạy --smoke-test với --user TÊN và mật khẩu"
                f" trong biến môi trường {PASSWORD_ENV}."
            )
        return sign_in(store, user, password)

    return signed_in


def _show_notice(text: str) -> None:
    ask.error(None, "Sổ Kiến Nghị", text)


def print_error(text: str) -> None:
    """A notice on stderr (the smoke test has nobody to click OK)."""
    print(text, file=sys.stderr)


def calm_garbage_collector() -> None:
    """Keep the cyclic GC from pausing the UI: the objects alive after start-up (Qt wrappers,
    modules) are frozen out of full collections. Without
    this, a full collection over them stalled typing by ~50 ms on a million-petition register.
    Run once the first page is painted, so it never delays the opening."""
    gc.collect()
    gc.freeze()


def run(db_path: Path | str, *, smoke_test: bool = False, user: str | None = None) -> int:
    """Open the main window on the database (`user`: the name to sign in with); with
    `smoke_test`, load it and exit."""
    # Worker threads build result rows in Python; a shorter GIL switch interval (default 5 ms)
    # hands the UI thread back sooner, so typing and scrolling never wait on them.
    sys.setswitchinterval(0.001)
    app = QApplication.instance() or QApplication(sys.argv)
    UiThreadCollector(app)  # a child of the application: lives as long as it
    app.setOrganizationName("kiennghi")
    app.setApplicationName("Sổ Kiến Nghị")
    install_vietnamese(app)  # before any widget, so every Qt string is looked up in Vietnamese
    # From here on a failure nobody caught is shown and logged, never a silent crash.
    hook = excepthook.install(show=print_error if smoke_test else None)
    try:
        ctx = make_context(
            db_path, on_notice=print_error if smoke_test else _show_notice,
            backup_later=not smoke_test,
            sign_in=_smoke_sign_in(user) if smoke_test else lambda s: ask_sign_in(s, user or ""),
        )  # fmt: skip
    except SignInCancelled:
        return 0
    except Exception as exc:  # a StoreError says why; anything else is logged and said too
        text = excepthook.message_for(exc)
        if smoke_test:
            print(f"Lỗi: {text}", file=sys.stderr)
        else:
            QMessageBox.critical(None, "Sổ Kiến Nghị", text)
        return 1
    from desktop.ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.show()
    QTimer.singleShot(2000, calm_garbage_collector)
    if not smoke_test:
        QTimer.singleShot(1500, lambda: start_daily_backup(ctx, window, _show_notice))
    if smoke_test:
        from desktop.ui.smoke import smoke_test as check

        return check(app, window) or (1 if hook.failures else 0)
    code = app.exec()
    ctx.runner.wait()
    ctx.runner.close()
    ctx.session.close()
    return int(code)
