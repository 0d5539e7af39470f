"""The register sorts names in Vietnamese order, in SQL, the way QCollator("vi_VN") does."""

import datetime as dt
import json

from pytestqt.qtbot import QtBot

import resources
from db.text import vi_sort_key
from desktop.core.registry import PetitionInput, add_petitions
from desktop.ui.context import UiContext
from desktop.ui.models.petition_table_model import COL_DUE, COL_ORIGIN, PetitionTableModel
from desktop.ui.qt import QCollator, QLocale, QModelIndex, Qt

NAMES = [
    "Đà Nẵng", "Điện Biên", "Đắk Lắk", "Dak Nông", "Hà Nội", "Hải Phòng", "Hà Giang", "An Giang",
    "Ăn Tết", "Ấn Độ", "Bắc Ninh", "Bạc Liêu", "Bà Rịa - Vũng Tàu", "Ông Nguyễn Văn A", "Ơn",
    "Ong", "Uông Bí", "Ưng Hòa", "ba", "bà", "bá", "bả", "bã", "bạ", "Ba", "Thanh Hóa",
    "Thái Bình", "Thái Nguyên", "Cử tri tỉnh Quảng Ninh", "Sở TT&TT Đà Nẵng", "VNPT", "Viettel",
]  # fmt: skip


def _reference_names() -> list[str]:
    names = []
    for name in ("localities.json", "units.json", "fields.json"):
        with resources.path(f"reference/{name}").open(encoding="utf-8") as fh:
            names += [row["name"] for row in json.load(fh)]
    return names


def test_sort_key_agrees_with_qcollator() -> None:
    collator = QCollator(QLocale("vi_VN"))
    names = NAMES + _reference_names()
    assert sorted(names, key=vi_sort_key) == sorted(names, key=collator.sortKey)


def _load_all(qtbot: QtBot, model: PetitionTableModel) -> None:
    qtbot.waitUntil(lambda: not model.busy)
    while model.canFetchMore(QModelIndex()):
        with qtbot.waitSignal(model.loaded):
            model.fetchMore(QModelIndex())


def test_register_sorts_by_origin_in_sql_across_pages(qtbot: QtBot, ctx: UiContext) -> None:
    origins = NAMES * 15  # 480 petitions: three pages
    add_petitions(
        ctx.session,
        [PetitionInput(o, f"Nội dung {i}", due_on=dt.date(2026, 12, 1 + i % 28))
         for i, o in enumerate(origins)],
        received_on=dt.date(2026, 1, 5),
    )  # fmt: skip
    model = PetitionTableModel(ctx.runner, ctx.session.today())
    with qtbot.waitSignal(model.loaded):
        model.sort(COL_ORIGIN, Qt.SortOrder.AscendingOrder)
    _load_all(qtbot, model)
    shown = [model.data(model.index(r, COL_ORIGIN)) for r in range(model.rowCount())]
    collator = QCollator(QLocale("vi_VN"))
    assert shown == sorted(origins, key=collator.sortKey)
    assert model.queries == 3  # paged by key, not loaded whole

    with qtbot.waitSignal(model.loaded):
        model.sort(COL_DUE, Qt.SortOrder.DescendingOrder)
    _load_all(qtbot, model)
    dues = [r.due_on for r in model.rows]
    assert dues == sorted(dues, reverse=True) and len(dues) == len(origins)


def test_search_results_sort_in_memory(qtbot: QtBot, ctx: UiContext) -> None:
    ids = add_petitions(
        ctx.session, [PetitionInput(o, "x") for o in ("Hà Nội", "Ấn Độ", "Đà Nẵng", "Ba Vì")]
    )
    model = PetitionTableModel(ctx.runner, ctx.session.today())
    with qtbot.waitSignal(model.loaded):
        model.show_ids(ids)
    model.sort(COL_ORIGIN, Qt.SortOrder.AscendingOrder)
    assert [r.origin for r in model.rows] == ["Ấn Độ", "Ba Vì", "Đà Nẵng", "Hà Nội"]
