"""Danh mục screen: list, edit, add, validate next to the field, end by date, ask before losing."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from db import reference as ref
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.models.catalog_table_model import COL_CODE, COL_NAME
from desktop.ui.qt import QComboBox, QLineEdit, Qt
from desktop.ui.screens.catalogs import CatalogsScreen
from desktop.ui.widgets.catalog_editor import CatalogEditor
from desktop.ui.widgets.date_edit import DateEdit
from tests.helpers import content_digest
from tests.ui.conftest import type_text


@pytest.fixture
def screen(qtbot: QtBot, ctx: UiContext) -> CatalogsScreen:
    s = CatalogsScreen(ctx)
    qtbot.addWidget(s)
    s.resize(1200, 700)
    s.show()
    qtbot.waitUntil(lambda: all(e.model.rowCount() > 0 for e in s.editors()), timeout=5000)
    return s


class Asker:
    """Stands in for ask.confirm: records the questions, gives `answer`."""

    def __init__(self) -> None:
        self.questions: list[str] = []
        self.answer = True

    def __call__(self, _parent: object, title: str, _text: str) -> bool:
        self.questions.append(title)
        return self.answer


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Asker:
    asker = Asker()
    monkeypatch.setattr(ask, "confirm", asker)
    return asker


def _names(editor: CatalogEditor) -> list[str]:
    m = editor.model
    return [m.data(m.index(r, COL_NAME)) for r in range(m.rowCount())]


def _line(editor: CatalogEditor, key: str) -> QLineEdit:
    w = editor.inputs[key]
    if isinstance(w, DateEdit):
        return w.line
    if isinstance(w, QComboBox):
        line = w.lineEdit()
        assert line is not None
        return line
    assert isinstance(w, QLineEdit)
    return w


def _retype(editor: CatalogEditor, key: str, text: str) -> None:
    line = _line(editor, key)
    line.clear()
    type_text(line, text)


def _select(qtbot: QtBot, editor: CatalogEditor, name: str) -> None:
    row = _names(editor).index(name)
    editor.table.setFocus()
    editor.table.selectRow(row)
    qtbot.waitUntil(lambda: _line(editor, "name").text() == name)


def _save(qtbot: QtBot, editor: CatalogEditor) -> None:
    """Ctrl+S, then wait for the write's answer (it runs off the UI thread)."""
    qtbot.keyClick(_line(editor, "name"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    _answered(qtbot, editor)


def _answered(qtbot: QtBot, editor: CatalogEditor) -> None:
    editor.ctx.runner.wait()
    qtbot.waitUntil(lambda: not editor.writing, timeout=5000)


def test_units_are_listed_valid_first_in_vietnamese_order(screen: CatalogsScreen) -> None:
    names = _names(screen.units)
    assert len(names) == 32
    assert names.index("Cục Báo chí") < names.index("Cục Tin học hóa") < names.index("Vụ Pháp chế")
    assert "32 đơn vị" in screen.units.count_label.text()
    assert screen.units.box.title() == "Thêm đơn vị mới"


def test_edit_a_unit_name_and_save_with_ctrl_s(
    qtbot: QtBot, screen: CatalogsScreen, ctx: UiContext
) -> None:
    units = screen.units
    _select(qtbot, units, "Cục Tin học hóa")
    assert units.box.title() == "Sửa đơn vị: Cục Tin học hóa"
    assert _line(units, "code").text() == "THH"
    _retype(units, "name", "Cục Chuyển đổi số và Tin học hóa")
    assert units.is_dirty()
    with qtbot.waitSignal(ctx.bus.changed, timeout=3000):
        _save(qtbot, units)
    unit = ref.find_unit(ctx.session.store, "THH")
    assert unit is not None and unit.name == "Cục Chuyển đổi số và Tin học hóa"
    qtbot.waitUntil(lambda: "Cục Chuyển đổi số và Tin học hóa" in _names(units))
    assert units.message.text() == "Đã lưu đơn vị «Cục Chuyển đổi số và Tin học hóa»."
    assert not units.is_dirty()
    row = units.table.currentIndex().row()
    assert units.model.data(units.model.index(row, COL_CODE)) == "THH"


def test_add_a_unit_with_insert_then_enter(
    qtbot: QtBot, screen: CatalogsScreen, ctx: UiContext
) -> None:
    units = screen.units
    units.table.setFocus()
    qtbot.keyClick(units.table, Qt.Key.Key_Insert)
    assert units.box.title() == "Thêm đơn vị mới"
    assert _line(units, "code").hasFocus() or units.inputs["code"].hasFocus()
    type_text(_line(units, "code"), "CĐS")
    type_text(_line(units, "name"), "Cục Dữ liệu số")
    type_text(_line(units, "kind"), "Cục")
    qtbot.keyClicks(_line(units, "valid_from"), "01/03/2025")
    qtbot.keyClick(_line(units, "valid_from"), Qt.Key.Key_Return)
    _answered(qtbot, units)
    unit = ref.find_unit(ctx.session.store, "CĐS")
    assert unit is not None
    assert (unit.name, unit.kind, unit.valid_from) == ("Cục Dữ liệu số", "Cục", dt.date(2025, 3, 1))
    qtbot.waitUntil(lambda: "Cục Dữ liệu số" in _names(units))
    assert units.box.title() == "Sửa đơn vị: Cục Dữ liệu số"


def test_problems_are_shown_next_to_the_fields_and_nothing_is_saved(
    qtbot: QtBot, screen: CatalogsScreen, ctx: UiContext
) -> None:
    path = ctx.session.store.target
    before = content_digest(path)
    units = screen.units
    _select(qtbot, units, "Cục Tin học hóa")
    _retype(units, "code", "vp")  # Văn phòng Bộ has VP: codes are unique, any case
    _retype(units, "valid_from", "01/07/2025")
    _retype(units, "valid_to", "30/06/2025")
    _save(qtbot, units)
    code_error, to_error = units.errors["code"], units.errors["valid_to"]
    assert code_error.isVisible() and "«vp» đã có" in code_error.text()
    assert to_error.isVisible() and "phải từ ngày bắt đầu" in to_error.text()
    assert not units.errors["name"].isVisible()
    assert content_digest(path) == before

    _retype(units, "code", "THH")
    _retype(units, "valid_to", "31/02/2026")  # not a real date
    _save(qtbot, units)
    assert not code_error.isVisible()
    assert to_error.isVisible() and "dd/mm/yyyy" in to_error.text()
    _retype(units, "name", "")
    _line(units, "valid_to").clear()
    _save(qtbot, units)
    assert units.errors["name"].text() == "Cần nhập tên đơn vị."
    assert _line(units, "name").hasFocus()
    assert content_digest(path) == before


def test_a_unit_is_ended_by_date_not_deleted(
    qtbot: QtBot, screen: CatalogsScreen, ctx: UiContext
) -> None:
    units = screen.units
    _select(qtbot, units, "Cục Tin học hóa")
    yesterday = ctx.session.today() - dt.timedelta(days=1)
    type_text(_line(units, "valid_to"), f"{yesterday:%d/%m/%Y}")
    with qtbot.waitSignal(units.loaded, timeout=3000):
        _save(qtbot, units)
    store = ctx.session.store
    assert "Cục Tin học hóa" not in [u.name for u in ref.units(store, valid_on=ctx.session.today())]
    assert "Cục Tin học hóa" in [u.name for u in ref.units(store)]
    names = _names(units)
    assert names[-1] == "Cục Tin học hóa"  # ended ones go last, greyed
    m = units.model
    last = m.index(len(names) - 1, COL_NAME)
    assert m.data(last, Qt.ItemDataRole.ForegroundRole) is not None
    assert "Hết hiệu lực" in str(m.data(last, Qt.ItemDataRole.ToolTipRole))
    assert "1 đã hết hiệu lực" in units.count_label.text()


def test_escape_asks_before_throwing_typed_changes_away(
    qtbot: QtBot, screen: CatalogsScreen, asked: Asker
) -> None:
    units = screen.units
    _select(qtbot, units, "Vụ Pháp chế")
    _retype(units, "name", "Vụ Pháp chế mới")
    asked.answer = False
    qtbot.keyClick(_line(units, "name"), Qt.Key.Key_Escape)
    assert asked.questions == ["Bỏ thay đổi?"]
    assert _line(units, "name").text() == "Vụ Pháp chế mới"
    # Moving to another row asks too; "No" keeps the form and the selection.
    units.table.selectRow(_names(units).index("Cục Báo chí"))
    assert len(asked.questions) == 2 and _line(units, "name").text() == "Vụ Pháp chế mới"
    assert units.model.row_id(units.table.currentIndex().row()) == units.current_id
    asked.answer = True
    qtbot.keyClick(_line(units, "name"), Qt.Key.Key_Escape)
    assert _line(units, "name").text() == "Vụ Pháp chế" and not units.is_dirty()
    qtbot.keyClick(_line(units, "name"), Qt.Key.Key_Escape)  # nothing typed: nothing asked
    assert len(asked.questions) == 3


def test_filter_without_diacritics(qtbot: QtBot, screen: CatalogsScreen) -> None:
    units = screen.units
    type_text(units.filter_box, "cuc tin hoc")
    assert _names(units) == ["Cục Tin học hóa"]
    assert "1 đơn vị (trong 32)" in units.count_label.text()
    units.filter_box.clear()
    type_text(units.filter_box, "không có đâu")
    assert _names(units) == []
    assert "Không có đơn vị nào khớp «không có đâu»" in units.count_label.text()


def test_locality_merged_into_must_exist_and_needs_an_end_date(
    qtbot: QtBot, screen: CatalogsScreen, ctx: UiContext
) -> None:
    screen.tabs.setCurrentWidget(screen.localities)
    loc = screen.localities
    _select(qtbot, loc, "Hà Nội")
    type_text(_line(loc, "merged_into"), "Hà Nam Ninh")
    _save(qtbot, loc)
    assert "Không có địa phương «Hà Nam Ninh»" in loc.errors["merged_into"].text()
    _retype(loc, "merged_into", "Hồ Chí Minh")
    _save(qtbot, loc)
    assert loc.errors["valid_to"].text() == "Địa phương đã sáp nhập cần có ngày hết hiệu lực."
    type_text(_line(loc, "valid_to"), "30/06/2025")
    with qtbot.waitSignal(loc.loaded, timeout=3000):
        _save(qtbot, loc)
    hanoi = next(x for x in ref.localities(ctx.session.store) if x.name == "Hà Nội")
    assert (hanoi.merged_into, hanoi.valid_to) == ("Hồ Chí Minh", dt.date(2025, 6, 30))


def test_add_a_field_with_its_default_unit(
    qtbot: QtBot, screen: CatalogsScreen, ctx: UiContext
) -> None:
    screen.tabs.setCurrentWidget(screen.fields)
    fields = screen.fields
    before = len(_names(fields))
    fields.new_button.click()
    type_text(_line(fields, "code"), "DLS")
    type_text(_line(fields, "name"), "Viễn thông")  # taken
    box = fields.inputs["default_unit"]
    assert isinstance(box, QComboBox)
    box.setCurrentIndex(box.findText("Cục Tin học hóa (THH)"))
    _save(qtbot, fields)
    assert fields.errors["name"].text() == "Lĩnh vực «Viễn thông» đã có; chọn tên khác."
    _retype(fields, "name", "Dữ liệu số")
    with qtbot.waitSignal(fields.loaded, timeout=3000):
        _save(qtbot, fields)
    field = ref.find_field(ctx.session.store, "DLS")
    thh = ref.find_unit(ctx.session.store, "THH")
    assert field is not None and thh is not None
    assert (field.name, field.default_unit_id) == ("Dữ liệu số", thh.id)
    names = _names(fields)
    assert len(names) == before + 1 and names[-1] == "Dữ liệu số"  # new fields go last
    m = fields.model
    assert m.data(m.index(len(names) - 1, 2)) == "Cục Tin học hóa"


def test_unsaved_changes_are_reported_for_the_main_window(
    qtbot: QtBot, screen: CatalogsScreen
) -> None:
    assert not screen.has_unsaved_changes()
    _select(qtbot, screen.fields, "Viễn thông")
    _retype(screen.fields, "name", "Viễn thông di động")
    assert screen.has_unsaved_changes()


def test_enter_on_the_list_moves_to_the_form(qtbot: QtBot, screen: CatalogsScreen) -> None:
    units = screen.units
    _select(qtbot, units, "Vụ Pháp chế")
    qtbot.keyClick(units.table, Qt.Key.Key_Return)
    assert _line(units, "code").hasFocus()
    qtbot.keyClick(_line(units, "code"), Qt.Key.Key_Tab)
    assert _line(units, "name").hasFocus()


def test_a_save_runs_off_the_ui_thread_once_for_two_enters(
    qtbot: QtBot, screen: CatalogsScreen, ctx: UiContext, asked: Asker
) -> None:
    fields = screen.fields
    before = len(_names(fields))
    fields.new_button.click()
    type_text(_line(fields, "code"), "DLS")
    type_text(_line(fields, "name"), "Dữ liệu số")
    qtbot.keyClick(_line(fields, "name"), Qt.Key.Key_Return)
    qtbot.keyClick(_line(fields, "name"), Qt.Key.Key_Return)  # on its way: nothing more
    qtbot.keyClick(_line(fields, "name"), Qt.Key.Key_Escape)  # waits for the write
    fields.table.selectRow(0)  # so does moving to another row
    # Right after Enter the write is on a worker thread: the form waits, nothing said yet.
    assert not fields.save_button.isEnabled() and not fields.new_button.isEnabled()
    assert fields.message.text() == "" and asked.questions == []
    with qtbot.waitSignal(fields.loaded, timeout=5000):
        ctx.runner.wait()
    assert fields.message.text() == "Đã thêm lĩnh vực «Dữ liệu số»."
    assert fields.save_button.isEnabled() and not fields.is_dirty()
    assert len(_names(fields)) == before + 1  # one field, not two
    assert [f.code for f in ref.fields(ctx.session.store)].count("DLS") == 1
    assert fields.box.title() == "Sửa lĩnh vực: Dữ liệu số"
    assert _line(fields, "name").text() == "Dữ liệu số"
