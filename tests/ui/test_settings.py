"""Cài đặt screen: agency details, default deadline, extra days off and make-up working days."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from db import reference as ref
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.qt import QLineEdit, Qt
from desktop.ui.screens.settings import DayList, SettingsScreen
from tests.helpers import content_digest
from tests.ui.conftest import type_text

SATURDAY = dt.date(2026, 11, 28)
MONDAY = dt.date(2026, 11, 30)


@pytest.fixture
def screen(qtbot: QtBot, ctx: UiContext) -> SettingsScreen:
    s = SettingsScreen(ctx)
    qtbot.addWidget(s)
    s.resize(1100, 700)
    s.show()
    qtbot.waitUntil(lambda: s.agency_code.text() == "BTTTT", timeout=5000)
    return s


def _retype(line: QLineEdit, text: str) -> None:
    line.clear()
    type_text(line, text)


def _add_day(qtbot: QtBot, days: DayList, day: dt.date) -> None:
    line = days.date_edit.line
    line.setFocus()
    qtbot.keyClicks(line, f"{day:%d/%m/%Y}")
    qtbot.keyClick(line, Qt.Key.Key_Return)


def _shown(days: DayList) -> list[str]:
    return [days.list.item(i).text() for i in range(days.list.count())]


def _save(qtbot: QtBot, screen: SettingsScreen) -> None:
    qtbot.keyClick(screen.agency_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_shows_the_stored_settings(screen: SettingsScreen) -> None:
    assert screen.agency_name.text() == "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert screen.place.text() == "Hà Nội"
    assert screen.deadline.value() == 10
    assert _shown(screen.days_off) == ["Chưa có ngày nghỉ thêm nào."]
    assert _shown(screen.makeup) == ["Chưa có ngày làm bù nào."]
    assert not screen.days_off.remove_button.isEnabled()
    assert not screen.is_dirty()


def test_save_writes_every_setting_and_refreshes(
    qtbot: QtBot, screen: SettingsScreen, ctx: UiContext
) -> None:
    _retype(screen.agency_name, "BỘ KHOA HỌC VÀ CÔNG NGHỆ")
    _retype(screen.agency_code, "BKHCN")
    screen.deadline.setFocus()
    qtbot.keyClick(screen.deadline, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(screen.deadline, "15")
    _add_day(qtbot, screen.days_off, MONDAY)
    _add_day(qtbot, screen.makeup, SATURDAY)
    assert not screen.per_unit.isChecked()  # one series for the agency unless it decides so
    screen.per_unit.click()
    assert _shown(screen.days_off) == ["30/11/2026  (Thứ Hai)"]
    assert _shown(screen.makeup) == ["28/11/2026  (Thứ Bảy)"]
    assert screen.is_dirty()
    session = ctx.session
    assert not session.calendar.is_working_day(SATURDAY)  # cached before the save
    with qtbot.waitSignal(ctx.bus.changed, timeout=3000):
        _save(qtbot, screen)
    store = session.store
    assert ref.get_setting(store, "agency_name") == "BỘ KHOA HỌC VÀ CÔNG NGHỆ"
    assert ref.get_setting(store, "agency_code") == "BKHCN"
    assert ref.get_setting(store, "extra_days_off") == ["2026-11-30"]
    assert ref.get_setting(store, "makeup_workdays") == ["2026-11-28"]
    assert ref.get_setting(store, "numbering_per_unit") is True
    assert session.deadline_days == 15
    # The session forgot its cached calendar: the new days count at once.
    assert session.calendar.is_working_day(SATURDAY)
    assert not session.calendar.is_working_day(MONDAY)
    assert "Đã lưu cài đặt" in screen.message.text()
    assert not screen.is_dirty()


def test_days_that_make_no_sense_are_refused_next_to_the_list(
    qtbot: QtBot, screen: SettingsScreen
) -> None:
    off, makeup = screen.days_off, screen.makeup
    _add_day(qtbot, off, SATURDAY)
    assert off.error.isVisible()
    assert off.error.text() == "Ngày 28/11/2026 (Thứ Bảy) vốn đã là ngày nghỉ."
    off.date_edit.line.clear()
    _add_day(qtbot, makeup, MONDAY)
    assert makeup.error.text() == "Ngày 30/11/2026 (Thứ Hai) vốn đã là ngày làm việc."
    makeup.date_edit.line.clear()
    _add_day(qtbot, makeup, dt.date(2027, 1, 1))
    assert makeup.error.text() == "Ngày 01/01/2027 là ngày lễ, không thể làm bù."
    makeup.date_edit.line.clear()
    _add_day(qtbot, off, MONDAY)
    assert not off.error.isVisible()
    _add_day(qtbot, off, MONDAY)
    assert off.error.text() == "Ngày 30/11/2026 đã có trong danh sách ngày nghỉ thêm."
    off.date_edit.line.clear()
    qtbot.keyClicks(off.date_edit.line, "31/11/2026")
    qtbot.keyClick(off.date_edit.line, Qt.Key.Key_Return)
    assert off.error.text() == "Ngày không hợp lệ; nhập theo dạng dd/mm/yyyy."
    off.date_edit.line.clear()
    qtbot.keyClick(off.date_edit.line, Qt.Key.Key_Return)
    assert "Nhập ngày cần thêm" in off.error.text()
    assert _shown(off) == ["30/11/2026  (Thứ Hai)"]


def test_a_day_is_removed_with_the_delete_key(qtbot: QtBot, screen: SettingsScreen) -> None:
    off = screen.days_off
    _add_day(qtbot, off, MONDAY)
    _add_day(qtbot, off, dt.date(2026, 12, 1))
    assert len(_shown(off)) == 2
    off.list.setFocus()
    off.list.setCurrentRow(0)
    qtbot.keyClick(off.list, Qt.Key.Key_Delete)
    assert _shown(off) == ["01/12/2026  (Thứ Ba)"]
    off.remove_button.click()
    assert _shown(off) == ["Chưa có ngày nghỉ thêm nào."]


def test_invalid_settings_are_not_saved(
    qtbot: QtBot, screen: SettingsScreen, ctx: UiContext
) -> None:
    path = ctx.session.store.target
    before = content_digest(path)
    screen.agency_name.clear()
    _retype(screen.agency_code, "BTTTT/VP")
    screen.place.clear()
    screen.save_button.click()
    errors = screen.errors
    assert errors["agency_name"].isVisible() and errors["agency_name"].text() == (
        "Cần nhập tên cơ quan."
    )
    assert "«/»" in errors["agency_code"].text()
    assert "Cần nhập địa danh" in errors["place"].text()
    assert screen.agency_name.hasFocus()
    assert content_digest(path) == before
    _retype(screen.agency_name, "BỘ THÔNG TIN VÀ TRUYỀN THÔNG")
    _retype(screen.agency_code, "BTTTT")
    _retype(screen.place, "Hà Nội")
    _save(qtbot, screen)
    assert not errors["agency_name"].isVisible() and not errors["place"].isVisible()


def test_escape_asks_before_dropping_changes(
    qtbot: QtBot, screen: SettingsScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[bool] = []
    monkeypatch.setattr(ask, "confirm", lambda *_a: answers.pop(0))
    _retype(screen.place, "Đà Nẵng")
    answers.append(False)
    qtbot.keyClick(screen.place, Qt.Key.Key_Escape)
    assert screen.place.text() == "Đà Nẵng" and answers == []
    answers.append(True)
    qtbot.keyClick(screen.place, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: screen.place.text() == "Hà Nội", timeout=3000)
    assert not screen.is_dirty()
    qtbot.keyClick(screen.place, Qt.Key.Key_Escape)  # nothing typed: nothing asked


def test_another_screens_write_reloads_only_a_clean_form(
    qtbot: QtBot, screen: SettingsScreen, ctx: UiContext
) -> None:
    ref.set_setting(ctx.session.store, "place", "Huế")
    with qtbot.waitSignal(screen.loaded, timeout=3000):
        ctx.changed()
    assert screen.place.text() == "Huế"
    _retype(screen.agency_code, "BTT")
    ref.set_setting(ctx.session.store, "place", "Hải Phòng")
    ctx.changed()
    ctx.runner.wait()
    assert screen.place.text() == "Huế" and screen.agency_code.text() == "BTT"


def test_deadline_rules_are_saved_and_change_how_a_notice_is_read(
    qtbot: QtBot, screen: SettingsScreen, ctx: UiContext
) -> None:
    from desktop.core.notices import read_deadline
    from desktop.core.tasks import deadline_rules

    session = ctx.session
    written = "trước tháng 6/2020"

    def due(text: str) -> dt.date | None:
        rules = deadline_rules(session)
        return read_deadline(text, calendar=session.calendar, rules=rules).due_on

    assert due(written) == dt.date(2020, 5, 29)
    box = screen.rules
    box.before_period.setFocus()
    box.before_period.setCurrentIndex(box.before_period.findData("end"))
    box.before_date.click()
    assert screen.is_dirty()
    with qtbot.waitSignal(ctx.bus.changed, timeout=3000):
        _save(qtbot, screen)
    stored = ref.get_setting(session.store, "deadline_rules")
    assert stored["before_period"] == "end" and stored["before_date_inclusive"] is True
    assert due(written) == dt.date(2020, 6, 30)
    assert due("trước 01/5/2020") == dt.date(2020, 5, 1)
    assert not screen.is_dirty()


def test_deadline_rules_that_make_no_sense_are_not_saved(
    qtbot: QtBot, screen: SettingsScreen, ctx: UiContext
) -> None:
    before = content_digest(ctx.session.store.target)
    screen.rules.early.setValue(15)
    screen.rules.mid.setValue(12)
    _save(qtbot, screen)
    assert "«Giữa tháng» phải sau ngày 15" in screen.rules.error.text()
    assert content_digest(ctx.session.store.target) == before


def test_save_writes_on_a_worker_once_for_two_enters_and_esc_waits(
    qtbot: QtBot, screen: SettingsScreen, ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.core import agency_settings

    threads: list[int] = []
    real = agency_settings.save_settings

    def on_which_thread(*args: Any, **kwargs: Any) -> None:
        threads.append(threading.get_ident())
        real(*args, **kwargs)

    # The real write still runs; the wrapper only says on which thread.
    monkeypatch.setattr(agency_settings, "save_settings", on_which_thread)
    asked: list[str] = []
    monkeypatch.setattr(ask, "confirm", lambda _p, _t, text: asked.append(text) or True)
    _retype(screen.place, "Đà Nẵng")
    qtbot.keyClick(screen.place, Qt.Key.Key_Return)
    qtbot.keyClick(screen.place, Qt.Key.Key_Return)  # on its way already: nothing more
    qtbot.keyClick(screen.place, Qt.Key.Key_Escape)  # Bỏ thay đổi waits for the write
    assert not screen.save_button.isEnabled() and not screen.revert_button.isEnabled()
    assert "Đã lưu" not in screen.message.text() and asked == []
    ctx.runner.wait()
    qtbot.waitUntil(lambda: "Đã lưu cài đặt" in screen.message.text(), timeout=5000)
    assert len(threads) == 1 and threads[0] != threading.get_ident()
    assert screen.save_button.isEnabled() and not screen.is_dirty()
    assert screen.place.text() == "Đà Nẵng"
    assert ref.get_setting(ctx.session.store, "place") == "Đà Nẵng"


def test_a_refused_save_says_why_and_keeps_the_form(
    qtbot: QtBot, screen: SettingsScreen, ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.core import agency_settings
    from desktop.core.errors import DomainError

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise DomainError("Bạn không có quyền sửa cài đặt.")

    monkeypatch.setattr(agency_settings, "save_settings", refuse)
    before = content_digest(ctx.session.store.target)
    _retype(screen.place, "Huế")
    screen.save_button.click()
    assert not screen.save_button.isEnabled()
    ctx.runner.wait()
    qtbot.waitUntil(lambda: screen.save_button.isEnabled(), timeout=5000)
    assert screen.message.text() == "Bạn không có quyền sửa cài đặt."
    assert screen.place.text() == "Huế" and screen.is_dirty()
    assert content_digest(ctx.session.store.target) == before
