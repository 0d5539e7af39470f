"""Danh mục: the shipped reference data (units, localities, fields, settings) and reading it."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import resources
from db import reference as ref
from db.models import Field, Locality, Unit
from db.store import Store
from db.text import clean, fold


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


# -- mergers of localities (sắp xếp đơn vị hành chính) ---------------------------------------------
_PLACE_PREFIXES = ("uy ban nhan dan ", "ubnd ", "tinh ", "thanh pho ", "tp. ", "tp ")


@dataclass(frozen=True)
class LocalityChange:
    """A locality that no longer exists on a day, and the one that took its place."""

    old: Locality
    successor: Locality
    effective: dt.date  # the first day of the successor (1/7/2025 for the 2025 mergers)
    basis: str  # the legal basis: "Nghị quyết số 202/2025/QH15 …"
    change: str  # "merge" (hợp nhất) or "rename" (Thừa Thiên Huế → thành phố Huế)

    @property
    def old_name(self) -> str:
        """`tỉnh Thái Bình`."""
        return f"{self.old.kind} {self.old.name}".strip()

    @property
    def successor_name(self) -> str:
        """`tỉnh Hưng Yên`."""
        return f"{self.successor.kind} {self.successor.name}".strip()


@dataclass(frozen=True)
class Merger:
    """One line of resources/reference/mergers.json."""

    old: str
    successor: str
    effective: dt.date
    change: str
    basis: str


@functools.cache
def mergers() -> tuple[Merger, ...]:
    """The shipped list of provincial mergers (2025: Nghị quyết 202/2025/QH15), oldest first."""
    return tuple(
        Merger(
            old=m["old"],
            successor=m["successor"],
            effective=dt.date.fromisoformat(m["effective"]),
            change=m["change"],
            basis=m["basis"],
        )
        for m in _load("mergers.json")
    )


def place_key(text: str) -> str:
    """`UBND tỉnh Thái Bình` → `thai binh`: the folded place name, for matching."""
    key = fold(clean(text))
    for prefix in _PLACE_PREFIXES:
        key = key.removeprefix(prefix)
    return key


def find_locality(places: Sequence[Locality], text: str) -> Locality | None:
    """The locality `text` names: the whole of it (`Thái Bình`, `UBND TP Hà Nội`), else a
    `tỉnh …`/`thành phố …` inside it (`Cử tri tỉnh Thái Bình`), the longest name first."""
    key = place_key(text)
    by_name = {fold(loc.name): loc for loc in places}
    if key in by_name:
        return by_name[key]
    folded = fold(clean(text))
    for name in sorted(by_name, key=len, reverse=True):
        if re.search(rf"\b(tinh|thanh pho|tp\.?) {re.escape(name)}\b", folded):
            return by_name[name]
    return None


def change_on(places: Sequence[Locality], loc: Locality, on: dt.date) -> LocalityChange | None:
    """What became of `loc` by `on` (None while it still exists), following later mergers."""
    if loc.valid_to is None or loc.valid_to >= on or not loc.merged_into:
        return None
    by_name = {fold(p.name): p for p in places}
    successor, seen = loc, {loc.id}
    while successor.valid_to and successor.valid_to < on and successor.merged_into:
        nxt = by_name.get(fold(successor.merged_into))
        if nxt is None or nxt.id in seen:
            break
        successor = nxt
        seen.add(nxt.id)
    if successor is loc:
        return None
    shipped = next((m for m in mergers() if fold(m.old) == fold(loc.name)), None)
    effective = loc.valid_to + dt.timedelta(days=1)
    return LocalityChange(
        old=loc,
        successor=successor,
        effective=effective,
        basis=shipped.basis if shipped else "",
        change=shipped.change if shipped else "merge",
    )


def locality_change(store: Store, text: str, on: dt.date) -> LocalityChange | None:
    """The change of the locality `text` names, if it no longer existed on `on`."""
    places = ref.localities(store)
    loc = find_locality(places, text)
    return change_on(places, loc, on) if loc else None


def change_notice(change: LocalityChange, on: dt.date) -> str:
    """`Tỉnh Thái Bình đã hợp nhất vào tỉnh Hưng Yên từ 01/07/2025 …`: the clerk's notice."""
    old = change.old_name[:1].upper() + change.old_name[1:]
    verb = "đã đổi thành" if change.change == "rename" else "đã hợp nhất vào"
    basis = f" ({change.basis.split(' ngày ')[0]})" if change.basis else ""
    return (
        f"{old} {verb} {change.successor_name} từ {change.effective:%d/%m/%Y}{basis}; ngày đến"
        f" {on:%d/%m/%Y}. Vẫn có thể vào sổ như đã nhập; công văn trả lời sẽ gửi UBND"
        f" {change.successor_name}, ghi «{change.old_name} (nay là {change.successor_name})»."
    )


def locality_notices(store: Store, origins: Iterable[str], on: dt.date) -> list[str]:
    """One notice per locality named in `origins` that no longer existed on `on`."""
    return notices_for(ref.localities(store), origins, on)


def notices_for(places: Sequence[Locality], origins: Iterable[str], on: dt.date) -> list[str]:
    """`locality_notices` over localities already read (a screen reads them once, off the UI
    thread, and words the notice as the clerk types). More than two localities make one
    notice listing them: a VPCP table of 2020 received today names a dozen merged provinces."""
    changes: dict[str, LocalityChange] = {}
    for origin in origins:
        loc = find_locality(places, origin)
        change = change_on(places, loc, on) if loc else None
        if change is not None:
            changes.setdefault(change.old.name, change)
    if len(changes) <= 2:
        return [change_notice(c, on) for c in changes.values()]
    pairs = ", ".join(f"{c.old.name} → {c.successor.name}" for c in changes.values())
    bases = dict.fromkeys(c.basis.split(" ngày ")[0] for c in changes.values() if c.basis)
    basis = f" ({'; '.join(bases)})" if bases else ""
    return [
        f"{len(changes)} địa phương không còn vào ngày đến {on:%d/%m/%Y}, đã sáp nhập{basis}:"
        f" {pairs}. Vẫn có thể vào sổ như đã nhập; công văn trả lời sẽ gửi địa phương mới, ghi"
        " rõ tên cũ (nay là …)."
    ]
