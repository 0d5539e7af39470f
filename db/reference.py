"""Danh mục repository: units, localities, fields and agency settings."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from db.engine import Row
from db.models import Field, Locality, Unit
from db.store import Store
from db.text import clean, fold
from db.util import iso, new_uuid, to_date


def _unit(r: Row) -> Unit:
    return Unit(
        id=r["id"],
        uuid=r["uuid"],
        code=r["code"],
        name=r["name"],
        kind=r["kind"],
        parent_id=r["parent_id"],
        valid_from=to_date(r["valid_from"]),
        valid_to=to_date(r["valid_to"]),
    )


def _valid_on(day: dt.date | None) -> tuple[str, list[Any]]:
    if day is None:
        return "1 = 1", []
    d = iso(day)
    return "(valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?)", [d, d]


def upsert_units(store: Store, units: Iterable[Mapping[str, Any]]) -> int:
    """Insert or update units by code (reference data loading is idempotent)."""
    n = 0
    with store.write() as conn:
        for u in units:
            conn.execute(
                "INSERT INTO units (uuid, code, name, kind, valid_from, valid_to)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name,"
                " kind = excluded.kind, valid_from = excluded.valid_from,"
                " valid_to = excluded.valid_to",
                [
                    new_uuid(),
                    clean(u["code"]),
                    clean(u["name"]),
                    clean(u.get("kind", "")),
                    u.get("valid_from"),
                    u.get("valid_to"),
                ],
            )
            n += 1
    return n


def units(store: Store, *, valid_on: dt.date | None = None) -> list[Unit]:
    """Units (valid on a day, if given), by name."""
    where, params = _valid_on(valid_on)
    return [_unit(r) for r in store.all(f"SELECT * FROM units WHERE {where} ORDER BY name", params)]


def find_unit(store: Store, key: str) -> Unit | None:
    """A unit by code, exact name, or folded name (`cuc tin hoc hoa`), in that order."""
    key = clean(key)
    # The exact code first: PostgreSQL lowers a "C"-collated column in ASCII only, the
    # parameter by the server's locale, so lower() alone misses `CĐSQG` there.
    row = store.one("SELECT * FROM units WHERE code = ?", [key])
    row = row or store.one("SELECT * FROM units WHERE lower(code) = lower(?)", [key])
    row = row or store.one("SELECT * FROM units WHERE name = ?", [key])
    if row is None:
        folded = fold(key)
        for r in store.all("SELECT * FROM units"):
            if fold(r["name"]) == folded:
                return _unit(r)
        return None
    return _unit(row)


def upsert_localities(store: Store, localities: Iterable[Mapping[str, Any]]) -> int:
    """Insert or update localities by code."""
    n = 0
    with store.write() as conn:
        for loc in localities:
            conn.execute(
                "INSERT INTO localities (uuid, code, name, kind, valid_from, valid_to, merged_into)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET"
                " name = excluded.name, kind = excluded.kind, valid_from = excluded.valid_from,"
                " valid_to = excluded.valid_to, merged_into = excluded.merged_into",
                [
                    new_uuid(),
                    clean(loc["code"]),
                    clean(loc["name"]),
                    clean(loc.get("kind", "")),
                    loc.get("valid_from"),
                    loc.get("valid_to"),
                    loc.get("merged_into"),
                ],
            )
            n += 1
    return n


def localities(store: Store, *, valid_on: dt.date | None = None) -> list[Locality]:
    """Localities (valid on a day, if given), by name."""
    where, params = _valid_on(valid_on)
    rows = store.all(f"SELECT * FROM localities WHERE {where} ORDER BY name", params)
    return [
        Locality(
            id=r["id"],
            uuid=r["uuid"],
            code=r["code"],
            name=r["name"],
            kind=r["kind"],
            valid_from=to_date(r["valid_from"]),
            valid_to=to_date(r["valid_to"]),
            merged_into=r["merged_into"],
        )
        for r in rows
    ]


def upsert_fields(store: Store, fields: Iterable[Mapping[str, Any]]) -> int:
    """Insert or update fields by code; `default_unit` is a unit code."""
    n = 0
    with store.write() as conn:
        for order, f in enumerate(fields):
            unit_id = store.scalar("SELECT id FROM units WHERE code = ?", [f.get("default_unit")])
            conn.execute(
                "INSERT INTO fields (uuid, code, name, default_unit_id, sort_order)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name,"
                " default_unit_id = excluded.default_unit_id, sort_order = excluded.sort_order",
                [new_uuid(), clean(f["code"]), clean(f["name"]), unit_id, order],
            )
            n += 1
    return n


def fields(store: Store) -> list[Field]:
    """Fields in their configured order."""
    rows = store.all("SELECT id, uuid, code, name, default_unit_id FROM fields ORDER BY sort_order")
    return [Field(**dict(r)) for r in rows]


def find_field(store: Store, key: str) -> Field | None:
    """A field by code or by name, accents optional."""
    folded = fold(clean(key))
    for f in fields(store):
        if f.code.lower() == folded or fold(f.name) == folded:
            return f
    return None


def get_setting(store: Store, key: str, default: Any = None) -> Any:
    """A setting's JSON value."""
    raw = store.scalar("SELECT value FROM settings WHERE key = ?", [key])
    return default if raw is None else json.loads(raw)


def set_setting(store: Store, key: str, value: Any) -> None:
    """Store a setting as JSON."""
    with store.write() as conn:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(value, ensure_ascii=False)],
        )


def set_default_settings(store: Store, defaults: Mapping[str, Any]) -> None:
    """Write settings that are not set yet (a clerk's changes are kept on re-init)."""
    with store.write() as conn:
        for key, value in defaults.items():
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [key, json.dumps(value, ensure_ascii=False)],
            )
