"""The register on a large database: only what the view needs is fetched, stale searches lose."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from db import bulk, open_store
from db.text import fold, vi_sort_key
from desktop.ui.context import UiContext
from desktop.ui.models.petition_table_model import PAGE
from desktop.ui.screens.petitions import PetitionsScreen

COUNT = 100_000


@pytest.fixture(scope="module")
def big_template(
    template_db: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Any:
    """100,000 petitions written with the bulk path (a few seconds), once per module.

    A file, or on the PostgreSQL pass the name of a server database used as a template."""
    postgres = request.config.getoption("--engine") == "postgresql"
    if postgres:
        cluster = request.getfixturevalue("pg_cluster")
        name = cluster.create_database(template=str(template_db))
        path: Any = cluster.url(name)
    else:
        path = tmp_path_factory.mktemp("big") / "big.db"
        store = open_store(template_db)
        store.backup_to(path)
        store.close()
    store = open_store(path)
    rows = []
    for i in range(1, COUNT + 1):
        origin = f"Tỉnh số {i % 63}"
        content = f"Kiến nghị số {i} về hạ tầng viễn thông"
        day = f"20{16 + i * 10 // COUNT:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        rows.append((i, f"u{i}", None, None, origin, None, content, "", day, day, "registered",
                     day, day, fold(origin), "", fold(content), "",
                     vi_sort_key(origin)))  # fmt: skip
    with store.write() as conn:
        bulk.insert_batch(conn, documents=[], petitions=rows, assignments=[], replies=[],
                          reply_links=[], events=[])  # fmt: skip
    store.close()
    return name if postgres else path


@pytest.fixture
def big_ctx(
    big_template: Any, tmp_path: Path, ctx: UiContext, request: pytest.FixtureRequest
) -> Iterator[UiContext]:
    import shutil

    from desktop.core.session import Session
    from desktop.ui.bus import DataBus
    from desktop.ui.worker import QueryRunner

    path: Any
    if request.config.getoption("--engine") == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        path = cluster.url(cluster.create_database(template=big_template))
    else:
        path = tmp_path / "big.db"
        shutil.copyfile(big_template, path)
    session = Session(open_store(path), today=ctx.session.today, system=True)
    context = UiContext(session, QueryRunner(path), DataBus())
    yield context
    context.runner.wait()
    session.close()


def test_scrolling_to_the_end_fetches_only_visible_pages(qtbot: QtBot, big_ctx: UiContext) -> None:
    screen = PetitionsScreen(big_ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    model = screen.model
    qtbot.waitUntil(lambda: model.rowCount() == PAGE)
    bar = screen.table.verticalScrollBar()
    for page in range(2, 6):
        # The scroll range grows on the view's next layout pass after the rows arrive.
        qtbot.waitUntil(lambda page=page: bar.maximum() > 0 and not model.busy)
        bar.setValue(bar.maximum())
        qtbot.waitUntil(lambda page=page: model.rowCount() == page * PAGE)
        qtbot.waitUntil(lambda: bar.value() < bar.maximum())
    qtbot.wait(200)
    assert model.rowCount() == 5 * PAGE  # not 100,000
    assert model.queries == 5
    ids = [r.id for r in model.rows]
    # Newest first, by key, with no row skipped or repeated between pages.
    keys = [(r.received_on, r.id) for r in model.rows]
    assert keys == sorted(keys, reverse=True) and len(set(ids)) == len(ids)
    big_ctx.runner.wait()
