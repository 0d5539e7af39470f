"""Danh mục: the shipped reference data (units, localities, fields, settings) and reading it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import resources
from db import reference as ref
from db.models import Field, Locality, Unit
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


def units(store: Store, *, valid_on: dt.date | None = None) -> list[Unit]:
    """The ministry's units (those valid on a day, if given), by name."""
    return ref.units(store, valid_on=valid_on)


def find_unit(store: Store, key: str) -> Unit | None:
    """A unit by code, exact name, or name without accents (`cuc tin hoc hoa`), in that order."""
    return ref.find_unit(store, key)


def localities(store: Store, *, valid_on: dt.date | None = None) -> list[Locality]:
    """Provinces and cities (those valid on a day, if given), by name."""
    return ref.localities(store, valid_on=valid_on)


def fields(store: Store) -> list[Field]:
    """Lĩnh vực in their configured order."""
    return ref.fields(store)
