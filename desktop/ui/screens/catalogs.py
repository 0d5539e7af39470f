"""Danh mục: units, localities and fields, each a list with its edit form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop.core import catalogs as core
from desktop.core import reference as ref
from desktop.core.text import vi_sort_key
from desktop.core.types import Field, Locality, Store, Unit
from desktop.ui import rights
from desktop.ui.context import UiContext
from desktop.ui.models.catalog_table_model import (
    FIELD_HEADERS,
    LOCALITY_HEADERS,
    UNIT_HEADERS,
    CatalogRow,
    dmy,
)
from desktop.ui.qt import QComboBox, QLabel, QLineEdit, QTabWidget, QVBoxLayout, QWidget
from desktop.ui.widgets.catalog_editor import CatalogEditor, SaveOp, value_of
from desktop.ui.widgets.date_edit import DateEdit

UNIT_KINDS = ("Văn phòng", "Thanh tra", "Vụ", "Cục", "Trung tâm", "Viện", "Báo", "Tạp chí")
LOCALITY_KINDS = ("tỉnh", "thành phố")
NO_UNIT = "(chưa chọn)"
VALID_TO_HINT = "Để trống khi còn hiệu lực. Không xóa khỏi danh mục: nhập ngày thôi sử dụng."


def _line(max_length: int = 200) -> QLineEdit:
    line = QLineEdit()
    line.setMaxLength(max_length)
    return line


def _kinds(values: tuple[str, ...]) -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.addItems(list(values))
    return box


def _set_combo_items(box: QComboBox, values: list[str]) -> None:
    text = box.currentText()
    box.blockSignals(True)
    box.clear()
    box.addItems(values)
    box.setEditText(text)
    box.blockSignals(False)


def _by_validity(today: dt.date, items: list[Any]) -> list[Any]:
    """Still valid first, then ended; each by Vietnamese alphabetical order of the name."""
    return sorted(
        items,
        key=lambda r: (r.valid_to is not None and r.valid_to < today, vi_sort_key(r.name)),
    )


class _FormEditor(CatalogEditor):
    """Typed access to the form's inputs by key."""

    def _text(self, key: str, text: str) -> None:
        w = self.inputs[key]
        if isinstance(w, QComboBox):
            w.setEditText(text)
        elif isinstance(w, QLineEdit):
            w.setText(text)

    def _date(self, key: str, day: dt.date | None) -> None:
        w = self.inputs[key]
        assert isinstance(w, DateEdit)
        w.setDate(day)

    def _value(self, key: str) -> str:
        return value_of(self.inputs[key]).strip()

    def _day(self, key: str) -> dt.date | None:
        w = self.inputs[key]
        assert isinstance(w, DateEdit)
        return w.date()

    def _combo(self, key: str) -> QComboBox:
        w = self.inputs[key]
        assert isinstance(w, QComboBox)
        return w


class UnitsEditor(_FormEditor):
    """Đơn vị: symbol code, name, kind, validity."""

    noun = "đơn vị"
    headers = UNIT_HEADERS
    column_widths = (90, 300, 100, 95, 95)

    def build_form(self) -> None:
        self.add_input("code", "Ký &hiệu:", _line(20), "Ký hiệu dùng trong số văn bản, ví dụ THH")
        self.add_input("name", "Tê&n đơn vị:", _line())
        self.add_input("kind", "L&oại:", _kinds(UNIT_KINDS))
        self.add_input("valid_from", "Hiệu lực từ:", DateEdit())
        self.add_input("valid_to", "Hiệu lực đến:", DateEdit(), VALID_TO_HINT)

    def fetch(self, store: Store) -> tuple[list[Any], Any]:
        return _by_validity(self.ctx.session.today(), ref.units(store)), None

    def row_for(self, u: Unit) -> CatalogRow:
        cells = (u.code, u.name, u.kind, dmy(u.valid_from), dmy(u.valid_to))
        return CatalogRow(u.id, cells, u.valid_to)

    def fill(self, u: Unit | None) -> None:
        self._text("code", u.code if u else "")
        self._text("name", u.name if u else "")
        self._text("kind", u.kind if u else "")
        self._date("valid_from", u.valid_from if u else None)
        self._date("valid_to", u.valid_to if u else None)

    def save_op(self, record_id: int | None) -> SaveOp:
        data = core.UnitInput(
            code=self._value("code"),
            name=self._value("name"),
            kind=self._value("kind"),
            valid_from=self._day("valid_from"),
            valid_to=self._day("valid_to"),
        )
        return lambda session: core.save_unit(session, record_id, data)


class LocalitiesEditor(_FormEditor):
    """Tỉnh, thành phố: code, name, kind, validity and what it was merged into."""

    noun = "địa phương"
    headers = LOCALITY_HEADERS
    column_widths = (110, 180, 85, 95, 95, 150)

    def build_form(self) -> None:
        self.add_input("code", "&Mã:", _line(20), "Mã ngắn không dấu, ví dụ ha-noi")
        self.add_input("name", "Tê&n địa phương:", _line())
        self.add_input("kind", "L&oại:", _kinds(LOCALITY_KINDS))
        self.add_input("valid_from", "Hiệu lực từ:", DateEdit())
        self.add_input("valid_to", "Hiệu lực đến:", DateEdit(), VALID_TO_HINT)
        merged = QComboBox()
        merged.setEditable(True)
        self.add_input(
            "merged_into", "&Sáp nhập vào:", merged, "Địa phương nhận sau sáp nhập (nếu có)"
        )

    def fetch(self, store: Store) -> tuple[list[Any], Any]:
        today = self.ctx.session.today()
        current = [loc.name for loc in ref.localities(store, valid_on=today)]
        return _by_validity(today, ref.localities(store)), sorted(current, key=vi_sort_key)

    def on_extra(self, names: list[str]) -> None:
        _set_combo_items(self._combo("merged_into"), ["", *names])

    def row_for(self, loc: Locality) -> CatalogRow:
        cells = (
            loc.code,
            loc.name,
            loc.kind,
            dmy(loc.valid_from),
            dmy(loc.valid_to),
            loc.merged_into or "",
        )
        return CatalogRow(loc.id, cells, loc.valid_to)

    def fill(self, loc: Locality | None) -> None:
        self._text("code", loc.code if loc else "")
        self._text("name", loc.name if loc else "")
        self._text("kind", loc.kind if loc else "")
        self._date("valid_from", loc.valid_from if loc else None)
        self._date("valid_to", loc.valid_to if loc else None)
        self._text("merged_into", (loc.merged_into or "") if loc else "")

    def save_op(self, record_id: int | None) -> SaveOp:
        data = core.LocalityInput(
            code=self._value("code"),
            name=self._value("name"),
            kind=self._value("kind"),
            valid_from=self._day("valid_from"),
            valid_to=self._day("valid_to"),
            merged_into=self._value("merged_into"),
        )
        return lambda session: core.save_locality(session, record_id, data)


class FieldsEditor(_FormEditor):
    """Lĩnh vực: code, name and the unit that usually leads on it."""

    noun = "lĩnh vực"
    headers = FIELD_HEADERS
    column_widths = (90, 320, 260)

    def build_form(self) -> None:
        self.unit_names: dict[int, str] = {}
        self.add_input("code", "&Mã:", _line(20), "Mã ngắn, ví dụ ATTT")
        self.add_input("name", "Tê&n lĩnh vực:", _line())
        units = QComboBox()
        units.addItem(NO_UNIT, None)
        self.add_input("default_unit", "Đơn vị &chủ trì:", units, "Đơn vị thường được giao chủ trì")

    def fetch(self, store: Store) -> tuple[list[Any], Any]:
        return ref.fields(store), ref.units(store)

    def on_extra(self, units: list[Unit]) -> None:
        today = self.ctx.session.today()
        self.unit_names = {u.id: u.name for u in units}
        box = self._combo("default_unit")
        chosen = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(NO_UNIT, None)
        for u in _by_validity(today, units):
            ended = u.valid_to is not None and u.valid_to < today
            box.addItem(f"{u.name} ({u.code})" + (" — đã hết hiệu lực" if ended else ""), u.id)
        box.setCurrentIndex(max(0, box.findData(chosen)))
        box.blockSignals(False)

    def row_for(self, f: Field) -> CatalogRow:
        unit = self.unit_names.get(f.default_unit_id, "") if f.default_unit_id else ""
        return CatalogRow(f.id, (f.code, f.name, unit))

    def fill(self, f: Field | None) -> None:
        self._text("code", f.code if f else "")
        self._text("name", f.name if f else "")
        box = self._combo("default_unit")
        box.setCurrentIndex(max(0, box.findData(f.default_unit_id if f else None)))

    def save_op(self, record_id: int | None) -> SaveOp:
        data = core.FieldInput(
            code=self._value("code"),
            name=self._value("name"),
            default_unit_id=self._combo("default_unit").currentData(),
        )
        return lambda session: core.save_field(session, record_id, data)


class CatalogsScreen(QWidget):
    """Danh mục: the three catalog editors in tabs."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.units = UnitsEditor(ctx)
        self.localities = LocalitiesEditor(ctx)
        self.fields = FieldsEditor(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.units, "Đơn vị")
        self.tabs.addTab(self.localities, "Địa phương")
        self.tabs.addTab(self.fields, "Lĩnh vực")
        intro = QLabel(
            "Sửa danh mục dùng khi vào sổ và giao xử lý. Chọn một dòng để sửa, Insert để thêm,"
            " Ctrl+S để lưu."
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        for editor in self.editors():  # browsing stays open to all; the form only to an admin
            rights.gate(editor.box, ctx.session, "edit_catalogs")

    def editors(self) -> tuple[CatalogEditor, ...]:
        """The three tabs."""
        return (self.units, self.localities, self.fields)

    def has_unsaved_changes(self) -> bool:
        """Whether any tab holds typed changes not saved yet (ask before closing)."""
        return any(e.is_dirty() for e in self.editors())
