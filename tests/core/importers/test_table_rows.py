"""TableRows: how every reader gathers a table's petitions."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.importers import ImportFailed, limits
from desktop.core.importers.common import Cell
from desktop.core.importers.table_rows import TableRows

pytestmark = pytest.mark.engine_free
P = Path("bang.docx")


def test_petitions_are_kept_in_order_and_blank_rows_dropped() -> None:
    rows = TableRows(P)
    rows.add(2, {"origin": Cell("Bến Tre"), "content": Cell("Nâng cấp quốc lộ 60.")})
    rows.add(3, {"origin": Cell(""), "content": Cell("")})  # an empty row under the table
    rows.add(4, {"origin": Cell("Phú Yên"), "content": Cell("Phủ sóng vùng núi.")})
    assert [(r.source_row, r.origin) for r in rows.result()] == [(2, "Bến Tre"), (4, "Phú Yên")]


def test_a_table_without_a_petition_is_refused() -> None:
    rows = TableRows(P)
    rows.add(2, {"origin": Cell(""), "content": Cell("")})
    with pytest.raises(ImportFailed, match="không có dòng kiến nghị nào"):
        rows.result()


def test_the_text_limit_is_counted_across_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_IMPORT_CHARS", 40)
    rows = TableRows(P)
    rows.add(2, {"origin": Cell("Bến Tre"), "content": Cell("Nâng cấp quốc lộ 60.")})
    with pytest.raises(ImportFailed, match="vượt giới hạn") as refused:
        rows.add(3, {"origin": Cell("Phú Yên"), "content": Cell("Phủ sóng vùng núi.")})
    assert refused.value.row == 3
