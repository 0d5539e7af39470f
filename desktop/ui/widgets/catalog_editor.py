"""One catalog tab: the list on the left, the edit form on the right, messages next to the fields.

Subclasses say what to load, how a record fills the form and how the form is saved; this class
does the rest: loading off the UI thread, filtering, keyboard (Insert new, Ctrl+S or Enter save,
Esc discard, Enter on the list edits), and asking before typed changes are lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.core.catalogs import CatalogInvalid
from desktop.core.session import Session
from desktop.core.types import Store
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.models.catalog_table_model import COL_NAME, CatalogRow, CatalogTableModel
from desktop.ui.qt import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QModelIndex,
    QPushButton,
    QShortcut,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.write_guard import WritesOffThread

SaveOp = Callable[[Session], int]  # the form's write: the record's id
ERROR_STYLE = "color: #b00020;"
BAD_DATE = "Ngày không hợp lệ; nhập theo dạng dd/mm/yyyy."


def value_of(widget: QWidget) -> str:
    """What an input shows, for noticing unsaved changes."""
    if isinstance(widget, DateEdit):
        return widget.line.text()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.isEditable() else str(widget.currentData())
    return ""


def shortcut(
    keys: QKeySequence, parent: QWidget, slot: Callable[[], None], context: Qt.ShortcutContext
) -> QShortcut:
    """A shortcut limited to `context` (PySide6 ignores a `context=` constructor keyword)."""
    s = QShortcut(keys, parent)
    s.setContext(context)
    s.activated.connect(slot)
    return s


class CatalogEditor(WritesOffThread, QWidget):
    """A catalog's list and edit form; nothing is deleted, rows are ended by a date."""

    loaded = Signal()
    saved = Signal(int)

    noun = "mục"
    headers: tuple[str, ...] = ()
    column_widths: tuple[int, ...] = ()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.current_id: int | None = None
        self.records: dict[int, Any] = {}
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.model = CatalogTableModel(self.headers)
        self.filter_box = QLineEdit(placeholderText=f"Lọc {self.noun} (có dấu hoặc không dấu)…")
        self.filter_box.setClearButtonEnabled(True)
        self.table = self._build_table()
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.filter_box)
        left.addWidget(self.table, 1)
        left.addWidget(self.count_label)

        self.box = QGroupBox()
        self.form = QFormLayout(self.box)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.build_form()
        self.general_error = self._error_label()
        self.form.addRow(self.general_error)
        self.save_button = QPushButton("&Lưu (Ctrl+S)")
        self.new_button = QPushButton("&Thêm mới (Insert)")
        self.revert_button = QPushButton("&Bỏ thay đổi (Esc)")
        buttons = QHBoxLayout()
        for b in (self.save_button, self.new_button, self.revert_button):
            buttons.addWidget(b)
        self.form.addRow(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.box)
        right.addWidget(self.message)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self._wire()
        self.edit(None)
        ctx.bus.changed.connect(self.reload)
        self.reload()

    # -- for subclasses ---------------------------------------------------------------------------
    def build_form(self) -> None:
        """Add the inputs with `add_input`."""

    def fetch(self, store: Store) -> tuple[list[Any], Any]:
        """Runs off the UI thread: the records (with `.id`) and anything else the form needs."""
        return [], None

    def on_extra(self, extra: Any) -> None:
        """Use what `fetch` returned beside the records (fill combo boxes)."""

    def row_for(self, record: Any) -> CatalogRow:
        """How a record shows in the list."""
        raise NotImplementedError

    def fill(self, record: Any | None) -> None:
        """Show a record in the form (None: an empty form for a new one)."""

    def save_op(self, record_id: int | None) -> SaveOp:
        """The form read into the write that saves it through the core (run off the UI
        thread; it raises CatalogInvalid with the problems); the new or saved id."""
        raise NotImplementedError

    def title_of(self, record: Any) -> str:
        """The record's name in headings and messages."""
        return str(getattr(record, "name", ""))

    def add_input(self, key: str, label: str, widget: QWidget, hint: str = "") -> None:
        """An input with its error line below it."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(widget)
        error = self._error_label()
        column.addWidget(error)
        if hint:
            widget.setToolTip(hint)
        self.inputs[key] = widget
        self.errors[key] = error
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.form.addRow(caption, holder)
        line = widget.line if isinstance(widget, DateEdit) else widget
        if isinstance(line, QLineEdit):
            line.returnPressed.connect(self.save_current)

    # -- building ---------------------------------------------------------------------------------
    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        for col, width in enumerate(self.column_widths):
            table.setColumnWidth(col, width)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        return table

    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    def _wire(self) -> None:
        self.filter_box.textChanged.connect(self._filter)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.activated.connect(lambda _i: self.focus_form())
        self.save_button.clicked.connect(self.save_current)
        self.new_button.clicked.connect(self.start_new)
        self.revert_button.clicked.connect(self.revert)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.save_current),
            (QKeySequence(Qt.Key.Key_Insert), self.start_new),
        ):
            shortcut(QKeySequence(keys), self, slot, context)
        shortcut(QKeySequence(Qt.Key.Key_Escape), self.box, self.revert, context)
        chain: list[QWidget] = [self.filter_box, self.table]
        chain += [w.line if isinstance(w, DateEdit) else w for w in self.inputs.values()]
        chain += [self.save_button, self.new_button, self.revert_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- loading ----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the catalog again (off the UI thread)."""
        self.ctx.runner.run_query(
            self.fetch, self._loaded, key=f"catalog-{self.noun}", on_error=self._load_failed
        )

    def _loaded(self, result: tuple[list[Any], Any]) -> None:
        records, extra = result
        self.records = {r.id: r for r in records}
        self.on_extra(extra)
        dirty = self.is_dirty()
        self.model.set_rows([self.row_for(r) for r in records], self.ctx.session.today())
        self._select(self.current_id)
        if not dirty:
            self.edit(self.current_id if self.current_id in self.records else None)
        self._update_count()
        self.loaded.emit()

    def _load_failed(self, message: str) -> None:
        self.count_label.setText(f"Không đọc được danh mục: {message}")

    def _filter(self, text: str) -> None:
        self.model.set_filter(text)
        self._select(self.current_id)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        ended = sum(1 for r in self.model.rows if self.model.ended(r))
        if total == 0:
            text = f"Danh mục chưa có {self.noun} nào. Nhấn Insert để thêm."
        elif shown == 0:
            text = f"Không có {self.noun} nào khớp «{self.filter_box.text().strip()}»."
        else:
            text = f"{shown} {self.noun}" + (f" (trong {total})" if shown < total else "")
            if ended:
                text += f", {ended} đã hết hiệu lực (chữ xám)"
            text += "."
            if "valid_to" in self.inputs:
                text += " Không xóa: muốn thôi dùng thì nhập ngày hết hiệu lực."
        self.count_label.setText(text)

    def _select(self, record_id: int | None) -> None:
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        row = self.model.row_of(record_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
        selection.blockSignals(False)

    # -- editing ----------------------------------------------------------------------------------
    def snapshot(self) -> tuple[str, ...]:
        """The form's values, compared to notice unsaved changes."""
        return tuple(value_of(w) for w in self.inputs.values())

    def is_dirty(self) -> bool:
        """Whether the form holds typed changes that are not saved."""
        return self.snapshot() != self._clean

    def edit(self, record_id: int | None) -> None:
        """Show a record in the form (None: a new one)."""
        record = self.records.get(record_id) if record_id is not None else None
        self.current_id = record_id if record is not None else None
        self.fill(record)
        self.show_problems({})
        self._clean = self.snapshot()
        if record is None:
            self.box.setTitle(f"Thêm {self.noun} mới")
        else:
            self.box.setTitle(f"Sửa {self.noun}: {self.title_of(record)}")

    def _may_discard(self) -> bool:
        return not self.is_dirty() or ask.confirm(
            self, "Bỏ thay đổi?", f"Các thay đổi chưa lưu của {self.noun} này sẽ mất. Bỏ chúng?"
        )

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        record_id = self.model.row_id(current.row())
        if record_id is None or record_id == self.current_id:
            return
        if self.writing:  # the form's write answers for the record shown
            self._select(self.current_id)
            return
        if not self._may_discard():
            self._select(self.current_id)
            return
        self.message.clear()
        self.edit(record_id)

    def start_new(self) -> None:
        """Insert: an empty form for a new record."""
        if self.writing or not self._may_discard():
            return
        self.message.clear()
        self._select(None)
        self.edit(None)
        self.focus_form()

    def focus_form(self) -> None:
        """Put the cursor in the first input."""
        first = next(iter(self.inputs.values()), None)
        if first is not None:
            first.setFocus()

    def revert(self) -> None:
        """Esc: throw away typed changes, after asking."""
        if self.writing:
            return
        if not self.is_dirty():
            self.table.setFocus()
            return
        if self._may_discard():
            self.edit(self.current_id)

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each message next to its input; others under the form."""
        for key, label in self.errors.items():
            label.setText(problems.get(key, ""))
            label.setVisible(key in problems)
        other = [text for key, text in problems.items() if key not in self.errors]
        self.general_error.setText(" ".join(other))
        self.general_error.setVisible(bool(other))

    def date_problems(self) -> dict[str, str]:
        """Dates typed that are not real dd/mm/yyyy dates."""
        return {
            key: BAD_DATE
            for key, w in self.inputs.items()
            if isinstance(w, DateEdit) and not w.is_valid()
        }

    def save_current(self) -> None:
        """Ctrl+S or Enter: check and save the form off the UI thread; the runner's
        announcement then refreshes every screen."""
        if self.writing:
            return  # Enter again while the first Lưu is on its way
        problems = self.date_problems()
        if problems:
            self._refused(problems)
            return
        op = self.save_op(self.current_id)
        was_new, title, typed = self.current_id is None, self.inputs_title(), self.snapshot()

        def done(record_id: int) -> None:
            self.current_id = record_id
            self._clean = typed  # what was typed after Lưu stays unsaved
            self.box.setTitle(f"Sửa {self.noun}: {title}")
            self.message.setText(f"Đã {'thêm' if was_new else 'lưu'} {self.noun} «{title}».")
            self.saved.emit(record_id)

        def problems_shown(exc: CatalogInvalid) -> None:
            self._refused(exc.problems)  # each next to its field

        self.write_off_thread(op, done, refusal=(CatalogInvalid, problems_shown))

    def write_buttons(self) -> list[QWidget]:
        """Lưu, Thêm mới and Bỏ thay đổi wait while the form is written."""
        return [self.save_button, self.new_button, self.revert_button]

    def show_refusal(self, message: str) -> None:
        """The core's refusal under the form ("" clears the problems shown)."""
        self._refused({"": message} if message else {})

    def _refused(self, problems: dict[str, str]) -> None:
        self.show_problems(problems)
        if not problems:
            return
        self.message.clear()
        key = next(iter(problems))
        if key in self.inputs:
            self.inputs[key].setFocus()

    def inputs_title(self) -> str:
        """The name typed in the form."""
        name = self.inputs.get("name")
        return value_of(name).strip() if name is not None else ""
