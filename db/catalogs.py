"""Danh mục editing: add and update units, localities and fields by id (never deleted).

`db.reference` loads the shipped catalogs by code; the clerk's edits may change a code, so they
go by the row's id here. A unit or locality is ended by its `valid_to`, never removed.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from db.store import Store
from db.text import clean
from db.util import iso, new_uuid

CatalogTable = Literal["units", "localities", "fields"]


def code_in_use(store: Store, table: CatalogTable, code: str, except_id: int | None) -> bool:
    """Whether another row of the catalog has this code (case-insensitive)."""
    # Compared in Python: the engines lower non-ASCII letters differently (Đ), and a catalogue
    # is a few hundred rows.
    wanted = clean(code).casefold()
    rows = store.all(f"SELECT id, code FROM {table} WHERE id IS DISTINCT FROM ?", [except_id])
    return any(str(r["code"]).casefold() == wanted for r in rows)


def field_name_in_use(store: Store, name: str, except_id: int | None) -> bool:
    """Whether another field has this name (case-insensitive)."""
    wanted = clean(name).casefold()
    rows = store.all("SELECT id, name FROM fields WHERE id IS DISTINCT FROM ?", [except_id])
    return any(str(r["name"]).casefold() == wanted for r in rows)


def locality_name_exists(store: Store, name: str) -> bool:
    """Whether a locality of this name exists (for `merged_into`)."""
    return store.one("SELECT id FROM localities WHERE name = ?", [clean(name)]) is not None


def unit_exists(store: Store, unit_id: int) -> bool:
    """Whether the unit id exists."""
    return store.one("SELECT id FROM units WHERE id = ?", [unit_id]) is not None


def save_unit(
    store: Store,
    unit_id: int | None,
    *,
    code: str,
    name: str,
    kind: str,
    valid_from: dt.date | None,
    valid_to: dt.date | None,
) -> int:
    """Insert (`unit_id` None) or update a unit; returns its id."""
    values = [clean(code), clean(name), clean(kind), iso(valid_from), iso(valid_to)]
    with store.write() as conn:
        if unit_id is None:
            cur = conn.execute(
                "INSERT INTO units (uuid, code, name, kind, valid_from, valid_to)"
                " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                [new_uuid(), *values],
            )
            return int(cur.fetchone()[0])
        conn.execute(
            "UPDATE units SET code = ?, name = ?, kind = ?, valid_from = ?, valid_to = ?"
            " WHERE id = ?",
            [*values, unit_id],
        )
        return unit_id


def save_locality(
    store: Store,
    locality_id: int | None,
    *,
    code: str,
    name: str,
    kind: str,
    valid_from: dt.date | None,
    valid_to: dt.date | None,
    merged_into: str | None,
) -> int:
    """Insert (`locality_id` None) or update a locality; returns its id."""
    merged = clean(merged_into) or None
    values = [clean(code), clean(name), clean(kind), iso(valid_from), iso(valid_to), merged]
    with store.write() as conn:
        if locality_id is None:
            cur = conn.execute(
                "INSERT INTO localities (uuid, code, name, kind, valid_from, valid_to,"
                " merged_into) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [new_uuid(), *values],
            )
            return int(cur.fetchone()[0])
        conn.execute(
            "UPDATE localities SET code = ?, name = ?, kind = ?, valid_from = ?, valid_to = ?,"
            " merged_into = ? WHERE id = ?",
            [*values, locality_id],
        )
        return locality_id


def save_field(
    store: Store, field_id: int | None, *, code: str, name: str, default_unit_id: int | None
) -> int:
    """Insert (`field_id` None, placed last) or update a field; returns its id."""
    with store.write() as conn:
        if field_id is None:
            cur = conn.execute(
                "INSERT INTO fields (uuid, code, name, default_unit_id, sort_order)"
                " VALUES (?, ?, ?, ?, (SELECT coalesce(max(sort_order), -1) + 1 FROM fields))"
                " RETURNING id",
                [new_uuid(), clean(code), clean(name), default_unit_id],
            )
            return int(cur.fetchone()[0])
        conn.execute(
            "UPDATE fields SET code = ?, name = ?, default_unit_id = ? WHERE id = ?",
            [clean(code), clean(name), default_unit_id, field_id],
        )
        return field_id
