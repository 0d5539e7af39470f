"""Values clerks typed before, offered again as completions while they type."""

from __future__ import annotations

from db.store import Store


def known_origins(store: Store, limit: int = 2000) -> list[str]:
    """Earlier nơi kiến nghị (localities, bodies, people), most used first."""
    rows = store.all(
        "SELECT origin FROM petitions WHERE deleted_at IS NULL AND origin <> ''"
        " GROUP BY origin ORDER BY count(*) DESC, origin LIMIT ?",
        [limit],
    )
    return [str(r[0]) for r in rows]
