"""PostgreSQL's own indexes for the register and the statistics (made by migration 5's branch).

SQLite reads the petitions of a period through `petitions_received` and finds their rows in
the same B-tree pages; PostgreSQL fetches each row from the heap, and the heap row is wide
(content, the four folded columns, the search vector), so a year's statistics read the whole
table (1.8 s at 230,000 petitions). Covering indexes let both of `db/stats.py`'s queries read
only index pages (index-only scans; autovacuum keeps the visibility map that needs).
"""

from __future__ import annotations

from db.engine import Connection

INDEXES = (
    # db/stats.py: the petitions of a period, their status and due date.
    "CREATE INDEX petitions_period ON petitions (received_on)"
    " INCLUDE (id, status, due_on) WHERE deleted_at IS NULL",
    # The register filtered by origin, newest first: walking the date index skipped 34,000
    # rows of other origins for a page (28 ms at a million).
    "CREATE INDEX petitions_origin_received ON petitions (origin, received_on, id)",
    # db/stats.py: the current assignments of those petitions, per unit.
    "CREATE INDEX assignments_open ON assignments (petition_id)"
    " INCLUDE (unit_id, due_on, completed_on) WHERE removed_at IS NULL",
)


def create_indexes(conn: Connection) -> None:
    """The covering indexes above."""
    for statement in INDEXES:
        conn.execute(statement)
