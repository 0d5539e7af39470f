"""Danh mục: loading the shipped reference data (units, localities, fields, settings)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import resources
from db import reference as ref
from db.store import Store


@dataclass(frozen=True)
class Loaded:
    """How many reference rows `init` wrote."""

    units: int
    localities: int
    fields: int


def _load(name: str) -> Any:
    with resources.path(f"reference/{name}").open(encoding="utf-8") as fh:
        return json.load(fh)


def load_reference_data(store: Store) -> Loaded:
    """Insert or refresh the shipped catalogs; settings a clerk changed are kept (idempotent)."""
    with store.write():
        units = ref.upsert_units(store, _load("units.json"))
        localities = ref.upsert_localities(store, _load("localities.json"))
        fields = ref.upsert_fields(store, _load("fields.json"))
        ref.set_default_settings(store, _load("settings.json"))
    return Loaded(units, localities, fields)
