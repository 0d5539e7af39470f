"""Tổng quan: the period's numbers, progress per unit, and what falls due in the next days, for
petitions (kiến nghị), tasks (nhiệm vụ) or both, as the kind switch says (remembered)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import cast

from desktop.core import agenda, reports
from desktop.core.agenda import DueSoon, PeriodKind, format_count
from desktop.core.dates import format_date
from desktop.core.session import Session
from desktop.core.types import PetitionFilter, Stats
from desktop.core.vocabulary import OPEN_STATUSES, STATUS_LABELS, TASK_STATUS_LABELS
from desktop.ui.context import UiContext
from desktop.ui.models.due_soon_model import COL_KIND, COL_SUMMARY, DueSoonModel
from desktop.ui.qt import (
    QComboBox,
    QCursor,
    QFont,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QModelIndex,
    QPushButton,
    QSettings,
    QShowEvent,
    QSplitter,
    QStackedWidget,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.kind_box import KIND_DATA, kind_box, kind_of
from desktop.ui.widgets.unit_chart import UnitChart

OVERDUE_COLOUR = "#b00020"
CUSTOM_DELAY_MS = 400
SETTINGS_KEY = "dashboard/period"
KIND_KEY = "dashboard/kind"
# What the cards say, per kind: a task is done (hoàn thành), a petition answered (trả lời).
UNANSWERED = {"petition": "Chưa trả lời", "task": "Chưa hoàn thành", None: "Chưa xong"}
ANSWERED = {
    "petition": STATUS_LABELS["answered"],  # Đã trả lời
    "task": TASK_STATUS_LABELS["answered"],  # Đã hoàn thành
    None: STATUS_LABELS["answered"] + ", hoàn thành",
}
# The clarify card counts petitions and tasks alike: the short word said of both (Cần làm rõ).
CLARIFY = TASK_STATUS_LABELS["clarify"]


def empty_text(kind: str | None, received: int) -> str:
    """What the chart says without a bar: nothing received, or nothing given to a unit."""
    noun = agenda.KIND_NOUNS[kind]
    if received == 0:
        return f"Chưa có {noun} nào trong kỳ này."
    return f"Các {noun} của kỳ này chưa được giao cho đơn vị nào."


EMPTY_PERIOD = empty_text("petition", 0)


@dataclass(frozen=True)
class DashboardData:
    """Everything the dashboard shows, read in one go off the UI thread."""

    first: dt.date | None
    last: dt.date | None
    today: dt.date
    stats: Stats
    due: DueSoon
    kind: str | None = "petition"


def load_dashboard(
    session: Session,
    first: dt.date | None,
    last: dt.date | None,
    kind: str | None = "petition",
) -> DashboardData:
    """Read the period's counts and the agenda of `kind` (None: both) through the core (on the
    caller's thread: a worker's session)."""
    return DashboardData(
        first, last, session.today(), reports.period_stats(session, first, last, kind=kind),
        agenda.due_soon(session, kind=kind), kind,
    )  # fmt: skip


class StatCard(QPushButton):
    """A big number with its caption; clicking it opens the list behind the number."""

    def __init__(self, caption: str, shortcut: str, tip: str) -> None:
        super().__init__()
        self.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        self.setMinimumHeight(86)
        self.setShortcut(QKeySequence(shortcut))
        self.setToolTip(f"{tip} ({shortcut})")
        self.value_label = QLabel("–")
        self.caption_label = QLabel(caption)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.value_label.setFont(font)
        for label in (self.value_label, self.caption_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)

    def set_value(self, n: int, *, alert: bool = False) -> None:
        """Show a count, red when it calls for attention."""
        self.value_label.setText(format_count(n))
        self.value_label.setStyleSheet(f"color: {OVERDUE_COLOUR};" if alert and n else "")


class DashboardScreen(QWidget):
    """Tổng quan: numbers for a period, a per-unit chart and the agenda of the next days."""

    open_list = Signal(object)  # a desktop.core.types.PetitionFilter
    open_petition = Signal(int)
    loaded = Signal()  # new numbers are on screen (tests wait on it)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.data: DashboardData | None = None
        self._stale = True
        self._build_period_bar()
        self._build_cards()
        self._build_chart()
        self._build_agenda()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.chart_box)
        splitter.addWidget(self.agenda_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([500, 660])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addLayout(self.period_bar)
        layout.addLayout(self.cards_row)
        layout.addWidget(self.secondary)
        layout.addWidget(splitter, 1)
        self._custom_timer = QTimer(self, singleShot=True, interval=CUSTOM_DELAY_MS)
        self._custom_timer.timeout.connect(self.refresh)
        ctx.bus.changed.connect(self.refresh)

    # -- building -----------------------------------------------------------------------------
    def _build_period_bar(self) -> None:
        self.period_box = QComboBox()
        for kind, label in agenda.PERIOD_LABELS.items():
            self.period_box.addItem(label, kind)
        saved = QSettings().value(SETTINGS_KEY, "year")
        self.period_box.setCurrentIndex(max(0, self.period_box.findData(saved)))
        period_label = QLabel("&Kỳ:")
        period_label.setBuddy(self.period_box)
        self.from_edit = DateEdit()
        self.to_edit = DateEdit()
        self.from_label = QLabel("Từ &ngày:")
        self.from_label.setBuddy(self.from_edit)
        self.to_label = QLabel("đến n&gày:")
        self.to_label.setBuddy(self.to_edit)
        self.period_error = QLabel()
        self.period_error.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.period_label = QLabel()
        self.period_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind_box = kind_box(KIND_KEY)
        kind_label = QLabel("&Loại:")
        kind_label.setBuddy(self.kind_box)
        bar = QHBoxLayout()
        bar.addWidget(kind_label)
        bar.addWidget(self.kind_box)
        bar.addSpacing(12)
        bar.addWidget(period_label)
        bar.addWidget(self.period_box)
        for w in (self.from_label, self.from_edit, self.to_label, self.to_edit):
            bar.addWidget(w)
        bar.addWidget(self.period_error)
        bar.addStretch(1)
        bar.addWidget(self.period_label)
        self.period_bar = bar
        self._show_custom(self.kind() == "custom")
        self.period_box.currentIndexChanged.connect(self._period_chosen)
        self.kind_box.currentIndexChanged.connect(self._kind_chosen)
        self.from_edit.dateChanged.connect(lambda _: self._custom_timer.start())
        self.to_edit.dateChanged.connect(lambda _: self._custom_timer.start())

    def _build_cards(self) -> None:
        self.received_card = StatCard("Tiếp nhận", "Alt+1", "Mọi kiến nghị nhận trong kỳ")
        self.unanswered_card = StatCard("Chưa trả lời", "Alt+2", "Kiến nghị chưa có trả lời")
        self.clarify_card = StatCard(CLARIFY, "Alt+3", "Đã trả lời nhưng cần làm rõ thêm")
        self.overdue_card = StatCard("Quá hạn", "Alt+4", "Chưa trả lời và đã quá hạn")
        self.cards = (self.received_card, self.unanswered_card, self.clarify_card,
                      self.overdue_card)  # fmt: skip
        self.cards_row = QHBoxLayout()
        for card, name in zip(self.cards, ("received", "unanswered", "clarify", "overdue"),
                              strict=True):  # fmt: skip
            self.cards_row.addWidget(card)
            card.clicked.connect(lambda _=False, n=name: self.open_list.emit(self.card_filter(n)))
        self.secondary = QLabel()
        self.secondary.setStyleSheet("color: #555;")

    def _build_chart(self) -> None:
        self.unit_chart = UnitChart()
        self.unit_chart.unit_clicked.connect(
            lambda code: self.open_list.emit(self.unit_filter(code))
        )
        self.chart_box = QGroupBox("Tiến độ theo đơn vị (chủ trì và phối hợp)")
        QVBoxLayout(self.chart_box).addWidget(self.unit_chart)

    def _build_agenda(self) -> None:
        self.due_model = DueSoonModel()
        self.due_table = QTableView()
        self.due_table.setModel(self.due_model)
        self.due_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.due_table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.due_table.setAlternatingRowColors(True)
        self.due_table.setWordWrap(False)
        self.due_table.verticalHeader().hide()
        self.due_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.due_table.horizontalHeader()
        for col, width in enumerate((86, 70, 80, 120, 200, 150)):
            self.due_table.setColumnWidth(col, width)
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        # `activated` is Enter as well as double-click: the list works from the keyboard too.
        self.due_table.activated.connect(self._petition_activated)
        self.due_empty = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.due_empty.setWordWrap(True)
        self.due_stack = QStackedWidget()
        self.due_stack.addWidget(self.due_empty)
        self.due_stack.addWidget(self.due_table)
        self.agenda_box = QGroupBox(f"Đến hạn trong {agenda.DUE_SOON_DAYS} ngày làm việc tới")
        QVBoxLayout(self.agenda_box).addWidget(self.due_stack)

    # -- the kind -----------------------------------------------------------------------------
    def counted(self) -> str | None:
        """What the numbers count: "petition", "task", or None for both."""
        return kind_of(self.kind_box)

    def set_counted(self, kind: str | None) -> None:
        """Count petitions, tasks or both, as the clerk would choose in the box."""
        self.kind_box.setCurrentIndex(self.kind_box.findData(KIND_DATA[kind]))

    def _kind_chosen(self) -> None:
        QSettings().setValue(KIND_KEY, KIND_DATA[self.counted()])
        self.refresh()

    # -- the period ---------------------------------------------------------------------------
    def kind(self) -> PeriodKind:
        """The chosen period kind."""
        return cast(PeriodKind, self.period_box.currentData())

    def set_period(self, kind: PeriodKind) -> None:
        """Choose a period as the clerk would in the combo box."""
        self.period_box.setCurrentIndex(self.period_box.findData(kind))

    def period(self) -> tuple[dt.date | None, dt.date | None]:
        """The received-on range of the chosen period (None = open-ended)."""
        if self.kind() == "custom":
            return self.from_edit.date(), self.to_edit.date()
        return agenda.period_bounds(self.kind(), self.ctx.session.today())

    def _show_custom(self, on: bool) -> None:
        for w in (self.from_label, self.from_edit, self.to_label, self.to_edit):
            w.setVisible(on)

    def _period_chosen(self) -> None:
        custom = self.kind() == "custom"
        if custom and self.data is not None and not self.from_edit.line.text():
            # Start from the period shown, so the clerk only edits what differs.
            self.from_edit.setDate(self.data.first)
            self.to_edit.setDate(self.data.last)
            self._custom_timer.stop()
        self._show_custom(custom)
        QSettings().setValue(SETTINGS_KEY, self.kind())
        self.refresh()
        if custom:
            self.from_edit.setFocus()

    def _period_problem(self) -> str:
        if self.kind() != "custom":
            return ""
        if not self.from_edit.is_valid() or not self.to_edit.is_valid():
            return "Ngày không hợp lệ (dd/mm/yyyy)."
        first, last = self.period()
        if first and last and last < first:
            return "Ngày bắt đầu sau ngày kết thúc."
        return ""

    # -- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the numbers (deferred until the screen is shown)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        problem = self._period_problem()
        self.period_error.setText(problem)
        if problem:
            return
        first, last = self.period()
        kind = self.counted()
        self.ctx.runner.run_op(
            lambda session: load_dashboard(session, first, last, kind),
            self._show,
            key="dashboard",
            on_error=lambda msg: self.period_error.setText(f"Không đọc được số liệu: {msg}"),
            changes=False,
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _show(self, data: DashboardData) -> None:
        self.data = data
        s = data.stats
        self.period_label.setText(agenda.period_text(data.first, data.last))
        self.received_card.set_value(s.received)
        self.unanswered_card.set_value(s.unanswered)
        self.clarify_card.set_value(s.clarify)
        self.overdue_card.set_value(s.overdue, alert=True)
        self._say_kind(data.kind)
        self.secondary.setText(
            f"{ANSWERED[data.kind]}: {format_count(s.answered)}   ·   "
            f"{STATUS_LABELS['escalated']}: {format_count(s.escalated)}"
        )
        self._fill_chart(s, data.kind)
        self._fill_agenda(data.due)
        self.loaded.emit()

    def _say_kind(self, kind: str | None) -> None:
        noun = agenda.KIND_NOUNS[kind]
        self.unanswered_card.caption_label.setText(UNANSWERED[kind])
        for card, tip in (
            (self.received_card, f"Mọi {noun} nhận trong kỳ"),
            (self.unanswered_card, f"{noun.capitalize()} chưa trả lời, chưa hoàn thành"),
            (self.overdue_card, "Chưa xong và đã quá hạn"),
        ):
            card.setToolTip(f"{tip} ({card.shortcut().toString()})")

    def _fill_chart(self, s: Stats, kind: str | None) -> None:
        if s.by_unit:
            self.unit_chart.show_units(s.by_unit)
        else:
            self.unit_chart.show_empty(empty_text(kind, s.received))

    def _fill_agenda(self, due: DueSoon) -> None:
        self.due_model.set_items(due.items, due.kind)
        self.due_table.setColumnHidden(COL_KIND, due.kind == "petition")
        self.agenda_box.setTitle(
            f"Đến hạn trong {due.days} ngày làm việc tới (đến {format_date(due.until)})"
        )
        if due.items:
            self.due_stack.setCurrentWidget(self.due_table)
        else:
            self.due_empty.setText(
                f"Không có {agenda.KIND_NOUNS[due.kind]} nào đến hạn"
                f" từ hôm nay đến {format_date(due.until)}."
            )
            self.due_stack.setCurrentWidget(self.due_empty)

    # -- opening lists ------------------------------------------------------------------------
    def _base_filter(self) -> PetitionFilter:
        first, last = (self.data.first, self.data.last) if self.data else self.period()
        kind = self.data.kind if self.data else self.counted()
        return PetitionFilter(received_from=first, received_to=last, kind=kind)

    def card_filter(self, name: str) -> PetitionFilter:
        """The register filter behind a number: received, unanswered, clarify or overdue."""
        f = self._base_filter()
        today = self.data.today if self.data else self.ctx.session.today()
        if name == "unanswered":
            return replace(f, status=OPEN_STATUSES)
        if name == "clarify":
            return replace(f, status=("clarify",))
        if name == "overdue":
            return replace(f, overdue_on=today)
        return f

    def unit_filter(self, unit_code: str) -> PetitionFilter:
        """The register filter behind a unit's bar: its rows received in the period."""
        return replace(self._base_filter(), unit_code=unit_code)

    def _petition_activated(self, index: QModelIndex) -> None:
        pid = self.due_model.petition_id(index.row())
        if pid is not None:
            self.open_petition.emit(pid)
