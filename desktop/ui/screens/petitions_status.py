"""The Kiến nghị screen's status line: how many rows, in which order, found or filtered."""

from __future__ import annotations

from desktop.ui.models.petition_table_model import PetitionTableModel
from desktop.ui.qt import QModelIndex

COUNT_CAP = 10_000
# (order, descending) of the register → the status line's words.
ORDER_WORDS = {
    ("received", True): "mới nhất trước",
    ("received", False): "cũ nhất trước",
    ("origin", False): "theo nơi kiến nghị A→Z",
    ("origin", True): "theo nơi kiến nghị Z→A",
    ("due", False): "hạn sớm nhất trước",
    ("due", True): "hạn muộn nhất trước",
}


def amount(n: int) -> str:
    """A count as a clerk writes it: 12.345, and "hơn 10.000" past the cap."""
    text = f"{min(n, COUNT_CAP):,}".replace(",", ".")
    return f"hơn {text}" if n > COUNT_CAP else text


def order_words(model: PetitionTableModel) -> str:
    """The register's order as the status line says it."""
    f = model.filter
    if model.ids is not None and not model.searching:
        return "theo thứ tự đã chọn"
    if f.order == "received" and f.document_id is not None and not f.descending:
        return "theo thứ tự trong văn bản"
    return ORDER_WORDS[(f.order, f.descending)]


def status_line(
    model: PetitionTableModel, text: str, total: int | None, first: str, *, filtered: bool
) -> str:
    """What the status line says: `text` searched (`total` matches, counted; `first`: the
    results' order), or the register under a filter (`filtered`) or not."""
    n = model.rowCount()
    more = "+" if model.canFetchMore(QModelIndex()) else ""
    if text and n == 0:
        return f"Không tìm thấy kiến nghị nào cho «{text}»."
    if text and total is None:
        return f"{n} kiến nghị khớp «{text}»; đang đếm tất cả…"
    if text and total is not None and total <= n:
        return f"{n} kiến nghị khớp «{text}»."
    if text and total is not None:
        return f"Hiện {n} kiến nghị {first} trong tổng số {amount(total)} kiến nghị khớp «{text}»."
    if n == 0 and filtered:
        return "Không có kiến nghị nào khớp bộ lọc. Bỏ lọc (Esc trong danh sách) để xem cả sổ."
    if n == 0:
        return "Chưa có kiến nghị nào. Vào sổ văn bản đến (Ctrl+N) hoặc nhập từ tệp (Ctrl+I)."
    return f"Đang hiện {n}{more} kiến nghị, {order_words(model)}."
