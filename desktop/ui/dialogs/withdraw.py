"""Rút kiến nghị… and Khôi phục…: take a wrong entry out of the register with a reason, and
bring a withdrawn one back. Withdrawing deletes nothing: the petition, its history and its
replies stay in the file, hidden from lists, search and statistics until reinstated."""

from __future__ import annotations

from desktop.core import corrections
from desktop.core.correction_reads import WithdrawnRow, withdrawn_petitions
from desktop.core.dates import format_datetime
from desktop.ui.context import UiContext
from desktop.ui.dialogs.routing_common import GuardedDialog, petitions_heading, set_error
from desktop.ui.qt import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    Qt,
    QVBoxLayout,
    QWidget,
)

ID_ROLE = Qt.ItemDataRole.UserRole


class WithdrawDialog(GuardedDialog):
    """Rút kiến nghị: one petition out of the register, with the reason recorded."""

    def __init__(self, ctx: UiContext, petition_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Rút kiến nghị khỏi sổ", parent)
        self.petition_id = petition_id
        self.save_button.setText("Rút khỏi sổ")
        about = QLabel(f"Mã {petition_id} — " + petitions_heading(ctx.session.store, [petition_id]))
        about.setWordWrap(True)
        hint = QLabel(
            "Kiến nghị rút khỏi sổ không còn trong danh sách, tìm kiếm và thống kê; lịch sử vẫn"
            " giữ và có thể khôi phục (Kiến nghị → Khôi phục kiến nghị đã rút…)."
        )
        hint.setWordWrap(True)
        self.reason = QPlainTextEdit(placeholderText="Lý do rút (bắt buộc), ví dụ: trùng với mã 12")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(hint)
        layout.addWidget(QLabel("&Lý do:", buddy=self.reason))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self.reason.setFocus()
        self.mark_clean()

    def snapshot(self) -> object:
        """The reason typed."""
        return self.reason.toPlainText().strip()

    def save(self) -> None:
        """Withdraw, or say why not (no reason, withdrawn already by another window…)."""
        petition_id, reason = self.petition_id, self.reason.toPlainText()
        self.write(
            lambda session: corrections.withdraw(session, petition_id, reason),
            on_refused=self.reason.setFocus,
        )


class ReinstateDialog(GuardedDialog):
    """Khôi phục kiến nghị đã rút: pick one of the withdrawn petitions, latest first."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Khôi phục kiến nghị đã rút", parent)
        self.save_button.setText("Khôi phục")
        self.list = QListWidget()
        self.list.setMinimumHeight(220)
        self.list.itemActivated.connect(lambda _item: self.save())
        self.status = QLabel("Đang đọc các kiến nghị đã rút…")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Kiến nghị đã rút khỏi sổ, mới rút nhất trước:"))
        layout.addWidget(self.list)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(640, self.sizeHint().height())
        self.save_button.setEnabled(False)
        self.mark_clean()
        ctx.runner.run_query(
            withdrawn_petitions,
            self._loaded,
            key="withdrawn",
            on_error=lambda message: self.status.setText(
                f"Không đọc được các kiến nghị đã rút: {message}"
            ),  # Khôi phục stays disabled: nothing to choose
        )

    def _loaded(self, rows: list[WithdrawnRow]) -> None:
        self.list.clear()
        for r in rows:
            extra = " (rút cùng văn bản đến)" if r.with_document else ""
            item = QListWidgetItem(
                f"Mã {r.id} — {r.origin}: {r.summary[:120]}\n"
                f"    rút lúc {format_datetime(r.withdrawn_at)}:"
                f" {r.reason}{extra}"
            )
            item.setData(ID_ROLE, r.id)
            self.list.addItem(item)
        self.status.setText(f"{len(rows)} kiến nghị đã rút." if rows else "Chưa rút kiến nghị nào.")
        self.save_button.setEnabled(bool(rows))
        if rows:
            self.list.setCurrentRow(0)
            self.list.setFocus()

    def save(self) -> None:
        """Khôi phục the selected petition."""
        set_error(self.error, "")
        item = self.list.currentItem()
        if item is None:
            set_error(self.error, "Chọn kiến nghị cần khôi phục.")
            return
        petition_id = int(item.data(ID_ROLE))
        self.write(lambda session: corrections.reinstate(session, petition_id))


def open_withdraw(ctx: UiContext, parent: QWidget | None, petition_id: int) -> bool:
    """Rút kiến nghị; True when withdrawn."""
    return WithdrawDialog(ctx, petition_id, parent).exec() == QDialog.DialogCode.Accepted


def open_reinstate(ctx: UiContext, parent: QWidget | None) -> bool:
    """Khôi phục a withdrawn petition; True when one was reinstated."""
    return ReinstateDialog(ctx, parent).exec() == QDialog.DialogCode.Accepted
