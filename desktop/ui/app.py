"""Start the desktop application."""

from __future__ import annotations

import sys
from pathlib import Path

from db.store import Store, StoreError
from desktop.core.reference import load_reference_data
from desktop.core.session import Session
from desktop.ui.qt import QApplication, QMessageBox, QTimer


def run(db_path: Path, *, smoke_test: bool = False) -> int:
    """Open the main window on the database; with `smoke_test`, load it and exit."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName("kiennghi")
    app.setApplicationName("Sổ Kiến Nghị")
    try:
        store = Store(db_path)
        session = Session(store)
        from db import reference

        if not reference.units(store):
            load_reference_data(store)
    except StoreError as exc:
        if smoke_test:
            print(f"Lỗi: {exc}", file=sys.stderr)
        else:
            QMessageBox.critical(None, "Sổ Kiến Nghị", str(exc))
        return 1
    from desktop.ui.main_window import MainWindow

    window = MainWindow(session)
    window.show()
    if smoke_test:
        QTimer.singleShot(0, app.quit)
        app.exec()
        rows = window.model.rowCount()
        print(f"smoke-test: cửa sổ chính mở được, {rows} dòng đầu đã nạp.")
        session.close()
        return 0
    code = app.exec()
    session.close()
    return int(code)
