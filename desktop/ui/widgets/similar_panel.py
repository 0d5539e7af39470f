"""Kiến nghị tương tự: earlier petitions asking much the same, each with the answer given then,
and a "Dùng câu trả lời này" button to reuse that answer."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from desktop.core.dates import format_date
from desktop.core.similar import similar_to_petitions
from desktop.core.types import SimilarPetition
from desktop.core.vocabulary import STATUS_LABELS
from desktop.ui.context import UiContext
from desktop.ui.qt import (
    QFrame,
    QLabel,
    QMouseEvent,
    QObject,
    QPushButton,
    QScrollArea,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

LIMIT = 5
# Below this a "similar" petition shares no more than a word such as "đề nghị" (0.03–0.04 in
# a register of five). Set low on purpose: the top five on the labelled set of 450 all score
# 0.10 or more, and in a small register even true matches score under 0.1.
MIN_SCORE = 0.05
SEARCHING = "Đang tìm…"
NOTHING = "Không có kiến nghị tương tự."
NO_REPLY = "Chưa trả lời"
USE_TEXT = "Dùng câu trả lời này"
SUMMARY_CHARS = 300  # the full text is in the tooltip
REPLY_CHARS = 600
ITEM_STYLE = (
    "#similarItem { border: 1px solid #c8ccd2; border-radius: 4px; background: #fbfbfc; }"
    "#similarItem:hover { border-color: #7a9cc6; }"
)
MUTED = "#666666"


def alive_flag(obj: QObject) -> Callable[[], bool]:
    """Whether `obj` still exists: an answer may arrive after its window was closed and deleted."""
    state = [True]
    obj.destroyed.connect(lambda *_: state.__setitem__(0, False))
    return lambda: state[0]


def _short(text: str, chars: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= chars else text[: chars - 1] + "…"


def heading_html(s: SimilarPetition) -> str:
    """Origin, received date, status and likeness on one line."""
    return (
        f"<b>{html.escape(s.origin)}</b> · {format_date(s.received_on)} · "
        f"{html.escape(STATUS_LABELS.get(s.status, s.status))} · "
        f"<span style='color:#1d5fa8'><b>giống {s.score:.0%}</b></span>"
    )


def reply_html(s: SimilarPetition) -> str:
    """The answer given then (outcome, date, letter) or "Chưa trả lời"."""
    r = s.reply
    if r is None:
        return f"<i style='color:{MUTED}'>{NO_REPLY}</i>"
    letter = f", văn bản <nobr>{html.escape(r.letter_ref)}</nobr>" if r.letter_ref else ""
    outcome = html.escape(STATUS_LABELS.get(r.outcome, r.outcome))
    return (
        f"<span style='color:{MUTED}'>Trả lời ngày {format_date(r.replied_on)} — {outcome}"
        f"{letter}:</span><br>{html.escape(_short(r.text, REPLY_CHARS))}"
    )


class SimilarItem(QFrame):
    """One similar petition; a click on it (not on its button) asks to open that petition."""

    clicked = Signal(int)

    def __init__(self, s: SimilarPetition, *, with_use: bool, openable: bool) -> None:
        super().__init__()
        self.similar = s
        self.openable = openable
        self.setObjectName("similarItem")
        self.setStyleSheet(ITEM_STYLE)
        self.heading = QLabel(heading_html(s))
        self.summary = QLabel(html.escape(_short(s.summary, SUMMARY_CHARS)))
        self.summary.setToolTip(s.summary if len(s.summary) > SUMMARY_CHARS else "")
        self.reply = QLabel(reply_html(s))
        for label in (self.heading, self.summary, self.reply):
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
        if s.reply is not None and len(s.reply.text) > REPLY_CHARS:
            self.reply.setToolTip(s.reply.text)
        self.use_button = QPushButton(USE_TEXT)
        self.use_button.setAutoDefault(False)  # Enter still saves the dialog around the panel
        self.use_button.setEnabled(s.reply is not None)
        self.use_button.setToolTip(
            "Chép nội dung trả lời này vào ô trả lời" if s.reply else "Kiến nghị này chưa trả lời."
        )
        self.use_button.setVisible(with_use)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.reply)
        layout.addWidget(self.use_button, 0, Qt.AlignmentFlag.AlignRight)
        if openable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip("Bấm để mở kiến nghị này")

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt naming
        if self.openable and event.button() == Qt.MouseButton.LeftButton:
            event.accept()  # so that the release comes back here
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt naming
        inside = self.rect().contains(event.position().toPoint())
        if self.openable and inside and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.similar.id)
            return
        super().mouseReleaseEvent(event)


class SimilarPanel(QWidget):
    """Up to five earlier similar petitions, read off the UI thread; the newest request wins."""

    use_answer = Signal(str)  # the reply text of the chosen item
    open_petition = Signal(int)  # the id of the clicked item
    loaded = Signal(int)  # how many items are shown

    def __init__(
        self,
        ctx: UiContext,
        *,
        title: str = "Kiến nghị tương tự",
        with_use: bool = True,
        openable: bool = False,
        delay_ms: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.with_use = with_use
        self.openable = openable
        self.items: list[SimilarItem] = []
        self.use_allowed = True
        self.results: list[SimilarPetition] | None = None
        self.petition_ids: list[int] = []
        self._alive = alive_flag(self)
        # Arrowing through the register must not queue one search per row passed over.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._search)
        self.title = QLabel(f"<b>{html.escape(title)}</b>")
        self.title.setVisible(bool(title))
        self.status = QLabel()
        self.status.setStyleSheet(f"color: {MUTED}")
        self.status.setWordWrap(True)
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 4, 0)
        self._list_layout.setSpacing(6)
        self._list_layout.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setWidget(self._list)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.scroller, 1)
        self.show_results([])

    def show_similar_to(self, petition_ids: Sequence[int]) -> None:
        """Search for petitions like these (none: empty the panel)."""
        ids = list(petition_ids)
        again = ids == self.petition_ids and self.results is not None
        self.petition_ids = ids
        if not ids:
            self._timer.stop()
            self.results = None
            self._clear("")
            return
        if not again:  # a refresh of the same petition keeps its list until the new one comes
            self.results = None
            self._clear(SEARCHING)
        self._timer.start()

    def _search(self) -> None:
        ids = tuple(self.petition_ids)
        alive = self._alive

        def done(found: list[SimilarPetition]) -> None:
            if alive() and ids == tuple(self.petition_ids):
                self.show_results(found)

        def failed(message: str) -> None:
            if alive():
                self._clear(f"Không tìm được kiến nghị tương tự: {message}")

        self.ctx.runner.run_query(
            lambda store: similar_to_petitions(store, ids, limit=LIMIT, min_score=MIN_SCORE),
            done,
            key="similar",
            owner=self,
            on_error=failed,
        )

    def show_results(self, found: Sequence[SimilarPetition]) -> None:
        """Show these petitions (already found) as the list."""
        self.results = list(found)
        self._clear("" if found else NOTHING)
        for s in found[:LIMIT]:
            item = SimilarItem(s, with_use=self.with_use, openable=self.openable)
            reply = s.reply.text if s.reply else ""
            item.use_button.clicked.connect(lambda _=False, text=reply: self.use_answer.emit(text))
            item.use_button.setEnabled(self.use_allowed and s.reply is not None)
            item.clicked.connect(self.open_petition)
            self._list_layout.insertWidget(len(self.items), item)
            item.show()  # now, not at the layout's next turn: the list is whole once loaded
            self.items.append(item)
        self.loaded.emit(len(self.items))

    def content_height(self, width: int) -> int:
        """The height that shows the whole list, `width` pixels wide, without scrolling."""
        height = self._list_layout.totalHeightForWidth(width)
        if height < 0:  # no word wrap in the list
            height = self._list.sizeHint().height()
        if not self.title.isHidden():
            height += self.title.sizeHint().height()
        if not self.status.isHidden():
            height += self.status.heightForWidth(width)
        return height

    def set_use_allowed(self, allowed: bool) -> None:
        """Whether answers can be used now (not for a petition that can no longer be answered)."""
        self.use_allowed = allowed
        for item in self.items:
            item.use_button.setEnabled(allowed and item.similar.reply is not None)

    def _clear(self, message: str) -> None:
        for item in self.items:
            item.hide()
            item.deleteLater()
        self.items = []
        self.status.setText(message)
        self.status.setVisible(bool(message))

    def text(self) -> str:
        """What the panel says, as plain text (for tests)."""
        parts = [self.status.text()] if not self.status.isHidden() else []
        for item in self.items:
            for label in (item.heading, item.summary, item.reply):
                plain = _strip_tags(label.text().replace("<br>", "\n"))
                parts.append(html.unescape(plain))
        return "\n".join(parts)


def _strip_tags(text: str) -> str:
    out, inside = [], False
    for ch in text:
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
        elif not inside:
            out.append(ch)
    return "".join(out)
