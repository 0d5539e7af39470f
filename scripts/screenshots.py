#!/usr/bin/env python3
"""Screenshots of every screen of the main window on a demo database, for the README.

    .venv/bin/python scripts/screenshots.py [--count 5000] [--out docs/screenshots]
    KIENNGHI_PASSWORD=… .venv/bin/python scripts/screenshots.py --server URI --user NAME

Builds a demo database in a temporary folder, opens the main window offscreen at 1366x768 and
saves `<out>/<key>.png` for each key of `window.screens`, after that screen's lists loaded.
With `--server`, it signs in to that office server instead (scripts/office_server.sh) and saves
`sign_in.png` (the dialog) and `office_server.png` (the window as that user opens it).
Never touches the clerk's database or settings.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db import open_store  # noqa: E402
from desktop.core.demo import generate_demo  # noqa: E402
from desktop.core.session import Session  # noqa: E402
from desktop.ui.qt import QApplication, QSettings, QTableView, QWidget  # noqa: E402

SIZE = (1366, 768)
SETTLE_TIMEOUT_S = 60.0
QUIET_ROUNDS = 5


def build_demo(path: Path, count: int) -> None:
    """A demo database of `count` petitions (reference data included)."""
    session = Session(open_store(path), actor="demo")
    try:
        generate_demo(session, count)
    finally:
        session.close()


@contextlib.contextmanager
def isolated_app() -> Iterator[tuple[QApplication, Path]]:
    """The application, its settings in a fresh temporary folder (also yielded) while in use.

    A fresh QSettings folder: the default layout, never the clerk's remembered one.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    from desktop.ui.app import install_vietnamese

    install_vietnamese(app)  # as the app starts: Qt's own words in Vietnamese
    with tempfile.TemporaryDirectory(prefix="kiennghi-screenshots-") as tmp:
        app.setOrganizationName("kiennghi-screenshots")
        app.setApplicationName("Sổ Kiến Nghị")
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        yield app, Path(tmp)


def settle(app: QApplication, window: QWidget, runner: object) -> None:
    """Process events until no query is running and no list is still loading."""
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    quiet = 0
    while quiet < QUIET_ROUNDS and time.monotonic() < deadline:
        app.processEvents()
        busy = not runner.wait(30)  # type: ignore[attr-defined]
        app.processEvents()
        busy = busy or any(
            getattr(view.model(), "busy", False) for view in window.findChildren(QTableView)
        )
        quiet = 0 if busy else quiet + 1
    if quiet < QUIET_ROUNDS:
        print("screenshots: màn hình chưa nạp xong sau 60 giây; vẫn chụp.", file=sys.stderr)


def select_first_row(screen: QWidget) -> None:
    """Show a screen as in use: the first row of its main list selected (fills a detail pane)."""
    table = getattr(screen, "table", None)
    if isinstance(table, QTableView) and table.model() is not None and table.model().rowCount():
        table.selectRow(0)


def save(window: QWidget, dest: Path, written: list[Path]) -> bool:
    """Grab the window into `dest`; False (with the reason on stderr) when it cannot be written."""
    if not window.grab().save(str(dest)):
        print(f"screenshots: không ghi được «{dest}».", file=sys.stderr)
        return False
    written.append(dest)
    print(f"  {dest.relative_to(ROOT) if dest.is_relative_to(ROOT) else dest}")
    return True


def said(written: list[Path], out: Path) -> int:
    """Say how many screenshots were written where; 0, the exit status."""
    print(f"Đã chụp {len(written)} màn hình vào «{out}».")
    return 0


def office_server(app: QApplication, args: argparse.Namespace) -> int:
    """The sign-in dialog and the window signed in to `args.server` as `args.user`."""
    from desktop.core.session import sign_in
    from desktop.ui.app import make_context
    from desktop.ui.dialogs.sign_in import SignInDialog
    from desktop.ui.main_window import MainWindow

    password = os.environ.get("KIENNGHI_PASSWORD")
    if not args.user or password is None:
        print("screenshots: --server cần --user TÊN và mật khẩu trong KIENNGHI_PASSWORD.",
              file=sys.stderr)  # fmt: skip
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    ctx = make_context(args.server, sign_in=lambda store: sign_in(store, args.user, password))
    dialog = SignInDialog(ctx.session.store, name=args.user)
    dialog.password_edit.setText("•" * 10)
    dialog.show()
    settle(app, dialog, ctx.runner)
    if not save(dialog, args.out / "sign_in.png", written):
        return 1
    dialog.close()
    window = MainWindow(ctx)
    window.resize(*SIZE)
    window.show()
    settle(app, window, ctx.runner)
    select_first_row(window.stack.currentWidget())
    settle(app, window, ctx.runner)
    if not save(window, args.out / "office_server.png", written):
        return 1
    window.close()
    ctx.runner.wait()
    ctx.session.close()
    return said(written, args.out)


def main(argv: list[str] | None = None) -> int:
    """Build the demo database, render each screen, save the PNGs; 0 when all were written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000, help="số kiến nghị mẫu")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--server", help="địa chỉ máy chủ postgresql://… (chụp màn hình đăng nhập)")
    parser.add_argument("--user", help="tên đăng nhập trên máy chủ đó")
    args = parser.parse_args(argv)
    if args.server:
        with isolated_app() as (app, _):
            return office_server(app, args)
    with isolated_app() as (app, tmp):
        db_path = tmp / "demo.db"
        started = time.perf_counter()
        build_demo(db_path, args.count)
        print(f"Cơ sở dữ liệu mẫu {args.count} kiến nghị: {time.perf_counter() - started:.1f} s")

        from desktop.ui.app import make_context
        from desktop.ui.main_window import MainWindow

        ctx = make_context(db_path)
        window = MainWindow(ctx)
        window.resize(*SIZE)
        window.show()
        args.out.mkdir(parents=True, exist_ok=True)
        written = []
        for key, screen in window.screens.items():
            if key == "tasks":
                continue  # on seed 003 instead, by task_screenshots.shoot below
            window.show_screen(key)
            settle(app, window, ctx.runner)
            select_first_row(screen)
            settle(app, window, ctx.runner)
            if not save(window, args.out / f"{key}.png", written):
                return 1
        # Search while typing, without diacritics, and the similar petitions of the first hit.
        window.show_screen("petitions")
        screen = window.screens["petitions"]
        screen.search_box.setText("dinh danh xac thuc")  # type: ignore[attr-defined]
        screen.apply()  # type: ignore[attr-defined]
        settle(app, window, ctx.runner)
        select_first_row(screen)
        settle(app, window, ctx.runner)
        for name, tab in (("search", 0), ("similar", 1)):
            screen.detail.tabs.setCurrentIndex(tab)  # type: ignore[attr-defined]
            pause = time.monotonic() + 0.5  # the similar search starts after a short delay
            while time.monotonic() < pause:
                app.processEvents()
            settle(app, window, ctx.runner)
            if not save(window, args.out / f"{name}.png", written):
                return 1
        window.close()
        ctx.runner.wait()
        ctx.session.close()
        from task_screenshots import shoot  # the Nhiệm vụ screen and the notice preview

        if not shoot(app, args.out, written):
            return 1
    return said(written, args.out)


if __name__ == "__main__":
    raise SystemExit(main())
