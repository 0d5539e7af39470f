"""Nhắc việc: overdue petitions and tasks and those due within 2 working days, in the status
bar and, when the numbers grow while the app runs, as a system-tray notification.

The startup notice is a permanent, clickable line in the status bar rather than a message box:
the clerk opens the app to register the morning's mail, and a modal box every morning is
clicked away unread; a line that stays in view, turns red while anything is overdue and opens
the overdue list on a click keeps the reminder there all day without stopping anyone.
"""

from __future__ import annotations

from desktop.core import agenda
from desktop.core.agenda import ReminderCounts, format_count
from desktop.core.types import PetitionFilter
from desktop.ui.context import UiContext
from desktop.ui.qt import (
    QApplication,
    QCursor,
    QIcon,
    QMainWindow,
    QObject,
    QPushButton,
    QResizeEvent,
    QSize,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QSystemTrayIcon,
    Qt,
    QTimer,
    QWidget,
    Signal,
)

CHECK_INTERVAL_MS = 10 * 60 * 1000
NOTIFY_MS = 15_000
TITLE = "Sổ Kiến Nghị — nhắc việc"
ALERT_STYLE = "QPushButton { color: #b00020; font-weight: bold; border: none; padding: 0 6px; }"
QUIET_STYLE = "QPushButton { border: none; padding: 0 6px; }"


def short_notice_text(c: ReminderCounts) -> str:
    """The notice in few words, for a status bar too narrow for the sentence (a long server
    address, a unit's name beside it): "Kiến nghị: 135 quá hạn, 1 đến hạn; nhiệm vụ: …"."""
    if c.is_quiet():
        return "Không có việc quá hạn hay đến hạn"
    text = f"Kiến nghị: {format_count(c.overdue)} quá hạn, {format_count(c.due_soon)} đến hạn"
    if c.tasks_overdue or c.tasks_due_soon:
        text += (
            f"; nhiệm vụ: {format_count(c.tasks_overdue)} quá hạn,"
            f" {format_count(c.tasks_due_soon)} đến hạn"
        )
    return text


class Badge(QPushButton):
    """A flat button that shows its sentence when there is room and its short form when the
    status bar is crowded, never a sentence cut off at the window's edge."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.full = self.short = text
        # Shrinkable down to the short form (a QPushButton never shrinks below its text).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._fit)

    def set_texts(self, full: str, short: str) -> None:
        """The sentence and its short form; shows the one that fits."""
        self.full, self.short = full, short
        self.setText(full)
        self.updateGeometry()
        self._refit.start()  # once the bar has laid the new size out

    def _hint(self, text: str) -> QSize:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = text
        fm = self.fontMetrics()
        inner = QSize(fm.horizontalAdvance(text), fm.height())
        return self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, inner, self)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self._hint(self.full)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self._hint(self.short)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        text = self.full if self.width() >= self._hint(self.full).width() else self.short
        if text != self.text():
            self.setText(text)


class Reminders(QObject):
    """Checks the deadlines at start, after every write and every 10 minutes."""

    counts_changed = Signal(object)  # ReminderCounts, whenever a check finds other numbers
    open_list = Signal(object)  # desktop.core.types.PetitionFilter: the overdue list
    open_tasks = Signal()  # only tasks are overdue: the Nhiệm vụ screen, overdue only
    open_agenda = Signal()  # nothing overdue: the dashboard's due-soon list says more
    checked = Signal()  # a check finished, changed or not (tests wait on it)

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window = parent
        self.counts: ReminderCounts | None = None
        self._startup_pending = False
        self.badge = Badge("Đang kiểm tra hạn xử lý…")
        self.badge.setFlat(True)
        self.badge.setStyleSheet(QUIET_STYLE)
        self.badge.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        self.badge.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.badge.clicked.connect(self.open_details)
        if isinstance(parent, QMainWindow):
            parent.statusBar().addPermanentWidget(self.badge)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(self._icon(), self)
            self.tray.setToolTip("Sổ Kiến Nghị")
            self.tray.messageClicked.connect(self._tray_clicked)
            self.tray.show()
        self.timer = QTimer(self, interval=CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        ctx.bus.changed.connect(self.check)

    def _icon(self) -> QIcon:
        icon = self.window.windowIcon()
        if icon.isNull():
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return icon

    # -- checking -----------------------------------------------------------------------------
    def check(self) -> None:
        """Count again off the UI thread; a change in the numbers may notify."""
        self.ctx.runner.run_op(
            agenda.office_reminders,
            self._arrived,
            key="reminders",
            on_error=lambda msg: self.badge.set_texts(
                "Không kiểm tra được hạn xử lý.", "Chưa kiểm tra được hạn"
            ),
            changes=False,
        )

    def _arrived(self, counts: ReminderCounts) -> None:
        previous, self.counts = self.counts, counts
        self._update_badge()
        if self._startup_pending:
            self._startup_pending = False
            self._show_notice()
        elif previous is not None and counts.worse_than(previous):
            # Only growth interrupts: fewer overdue after the clerk's own reply needs no popup.
            self.notify(TITLE, self.notice_text())
        if counts != previous:
            self.counts_changed.emit(counts)
        self.checked.emit()

    def notice_text(self) -> str:
        """One line on the deadlines, e.g. "3 kiến nghị quá hạn, 5 kiến nghị đến hạn trong…"."""
        if self.counts is None:
            return "Đang kiểm tra hạn xử lý…"
        return agenda.notice_text(self.counts)

    def _update_badge(self) -> None:
        c = self.counts
        text = self.notice_text()
        self.badge.set_texts(text, short_notice_text(c) if c is not None else text)
        self.badge.setStyleSheet(ALERT_STYLE if c and c.any_overdue() else QUIET_STYLE)
        if c and c.overdue:
            self.badge.setToolTip("Bấm để mở danh sách kiến nghị quá hạn.")
        elif c and c.tasks_overdue:
            self.badge.setToolTip("Bấm để mở danh sách nhiệm vụ quá hạn.")
        else:
            self.badge.setToolTip(
                f"Bấm để xem các kiến nghị đến hạn trong {agenda.DUE_SOON_DAYS} ngày làm việc tới."
            )

    # -- telling the clerk --------------------------------------------------------------------
    def show_startup_notice(self) -> None:
        """At start: the notice in the status bar, as soon as the counts are in (non-blocking)."""
        if self.counts is None:
            self._startup_pending = True
            self.check()
            return
        self._show_notice()

    def _show_notice(self) -> None:
        self._update_badge()
        self.badge.show()

    def notify(self, title: str, text: str) -> None:
        """A system-tray notification (tests patch this; nothing happens without a tray)."""
        if self.tray is not None:
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, NOTIFY_MS)

    def open_details(self) -> None:
        """The overdue list when anything is overdue, else the agenda on the dashboard."""
        if self.counts is not None and self.counts.overdue:
            self.open_list.emit(PetitionFilter(overdue_on=self.ctx.session.today()))
        elif self.counts is not None and self.counts.tasks_overdue:
            self.open_tasks.emit()
        else:
            self.open_agenda.emit()

    def _tray_clicked(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        self.open_details()
