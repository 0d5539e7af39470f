"""GUI fixtures: a UiContext on a fresh database, and Vietnamese typing."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from db import open_store
from db.store import Store
from desktop.core.session import Session
from desktop.ui import excepthook
from desktop.ui.bus import DataBus
from desktop.ui.context import UiContext
from desktop.ui.qt import QApplication, QInputMethodEvent, QSettings, QWidget
from desktop.ui.worker import QueryRunner
from tests import accounts
from tests.conftest import Clock


@pytest.fixture(autouse=True)
def _garbage_on_the_ui_thread() -> Iterator[None]:
    """As the app does (desktop/ui/gc_guard.py): no cyclic collection on a worker thread while
    a GUI test runs; its garbage is collected here, on the UI thread."""
    gc.disable()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path: object, qapp: QApplication) -> None:
    """QSettings in a temporary folder, never the clerk's real settings."""
    qapp.setOrganizationName("kiennghi-tests")
    qapp.setApplicationName("tests")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings().clear()


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """A real modal box would block an offscreen run forever (even in teardown, when qtbot
    closes a dialog with typed data). Unless a test patches them itself, questions are answered
    "yes" (Lưu / Bỏ / Hủy: "Bỏ") and messages are recorded."""
    from desktop.ui import ask

    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(
        ask, "confirm", lambda parent, title, text: asked.append(("confirm", text)) or True
    )
    monkeypatch.setattr(ask, "inform", lambda parent, title, text: asked.append(("inform", text)))
    monkeypatch.setattr(ask, "error", lambda parent, title, text: asked.append(("error", text)))
    # Lưu / Bỏ / Hủy (quitting with unsaved letters): Bỏ, so a closing window writes nothing.
    monkeypatch.setattr(
        ask, "save_discard_cancel",
        lambda parent, title, text: asked.append(("save_discard_cancel", text)) or "discard",
    )  # fmt: skip
    from desktop.ui.dialogs import export_options  # the export's options: masked, as by default

    monkeypatch.setattr(export_options, "ask", lambda parent, session, title, scope="": False)
    return asked


@pytest.fixture
def confirms(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """ask.confirm records the questions and answers No; a test appends "yes" for Yes."""
    asked: list[str] = []
    from desktop.ui import ask

    def confirm(_parent: QWidget | None, _title: str, text: str) -> bool:
        asked.append(text)
        return "yes" in asked

    monkeypatch.setattr(ask, "confirm", confirm)
    return asked


@pytest.fixture
def informed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages ask.inform showed, in order (for a test that checks what it was told)."""
    seen: list[str] = []
    from desktop.ui import ask

    monkeypatch.setattr(ask, "inform", lambda _parent, _title, text: seen.append(text))
    return seen


@pytest.fixture
def ctx(session: Session) -> Iterator[UiContext]:
    """The desktop's shared context over the test database."""
    context = UiContext(session, QueryRunner(session.store.target), DataBus())
    yield context
    context.runner.wait()
    context.runner.close()


def type_text(widget: QWidget, text: str) -> None:
    """Type Vietnamese as an input method does (qtbot.keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


# Desktops of signed-in users on one accounts database (tests/accounts.py; a module using
# them imports the `accounts_template` and `accounts_db` fixtures from there): the clerk
# `vanthu` and the officer `cv_vt`, each with its own query runner.
@pytest.fixture
def store(accounts_db: Any) -> Iterator[Store]:
    """The accounts database, opened for the desktops."""
    s = open_store(accounts_db)
    yield s
    s.close()


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch, _no_modal_dialogs: list[tuple[str, str]]) -> Any:
    """The app's failure reporter, as `run()` installs it; its dialogs are recorded."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(excepthook, "_reporter", None)
    excepthook.install()
    return _no_modal_dialogs


def _context(store: Store, name: str, clock: Clock) -> Iterator[UiContext]:
    user = accounts.signed_in(store, name).user
    ctx = UiContext(Session(store, user=user, today=clock), QueryRunner(store.target), DataBus())
    yield ctx
    ctx.runner.wait()
    ctx.runner.close()


@pytest.fixture
def clerk(store: Store, clock: Clock) -> Iterator[UiContext]:
    """The desktop of the clerk (văn thư) `vanthu`, signed in."""
    yield from _context(store, "vanthu", clock)


@pytest.fixture
def officer(store: Store, clock: Clock) -> Iterator[UiContext]:
    """The desktop of `cv_vt`, an officer (chuyên viên) of one unit: may not route petitions."""
    yield from _context(store, "cv_vt", clock)
