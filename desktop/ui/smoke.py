"""`kiennghi --smoke-test`: open the main window, wait for the list, report, exit."""

from __future__ import annotations

import sys

from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QApplication, QElapsedTimer

TIMEOUT_MS = 30_000


def smoke_test(app: QApplication, window: MainWindow) -> int:
    """Exit 0 when the register's first page arrived in time, else 1 with the reason."""
    clock = QElapsedTimer()
    clock.start()
    model = window.petitions.model
    while model.busy and clock.elapsed() < TIMEOUT_MS:
        app.processEvents()
        window.ctx.runner.wait(50)
    app.processEvents()
    if model.busy:
        print("smoke-test: danh sách không nạp xong trong 30 giây.", file=sys.stderr)
        return 1
    rows = model.rowCount()
    print(f"smoke-test: cửa sổ chính mở được, {rows} dòng đầu đã nạp sau {clock.elapsed()} ms.")
    window.close()
    window.ctx.runner.wait()
    window.ctx.runner.close()
    window.ctx.session.close()
    return 0
