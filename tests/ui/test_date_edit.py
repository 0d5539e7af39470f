import datetime as dt

from pytestqt.qtbot import QtBot

from desktop.ui.widgets.date_edit import DateEdit


def test_typed_and_invalid_dates(qtbot: QtBot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    assert edit.date() is None and edit.is_valid()
    qtbot.keyClicks(edit.line, "15/09/2020")
    assert edit.date() == dt.date(2020, 9, 15) and edit.is_valid()
    for bad in ("31/02/2026", "30/11/2", "1/1/20"):
        edit.line.setText(bad)
        assert edit.date() is None and not edit.is_valid(), bad
        assert "không hợp lệ" in edit.line.toolTip()
    edit.setDate(dt.date(2026, 1, 5))
    assert edit.line.text() == "05/01/2026" and edit.line.toolTip() == ""


def test_calendar_pick(qtbot: QtBot) -> None:
    from desktop.ui.qt import QDate

    edit = DateEdit(dt.date(2026, 11, 23))
    qtbot.addWidget(edit)
    with qtbot.waitSignal(edit.dateChanged):
        edit.calendar.clicked.emit(QDate(2026, 12, 1))
    assert edit.date() == dt.date(2026, 12, 1)
