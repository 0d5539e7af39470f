"""Cài đặt cơ quan: agency name, code and place, default deadline, days off and make-up days,
and how the deadlines of conclusion notices are read (`DeadlineRules`, offices differ).

Checks return problems by setting key so the settings form shows each message next to its field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from db.store import Store
from db.text import clean
from desktop.core import permissions
from desktop.core import vocabulary as vocab
from desktop.core.calendar import WorkCalendar
from desktop.core.errors import DomainError
from desktop.core.notices.deadlines import DEFAULT_RULES, DeadlineRules
from desktop.core.session import Session

Problems = dict[str, str]
MIN_DEADLINE_DAYS = 1
MAX_DEADLINE_DAYS = 90
_BAD_CODE = re.compile(r"[\s/]")
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


class SettingsInvalid(DomainError):
    """The settings break a rule; `problems` says which setting and why."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(" ".join(problems.values()))
        self.problems = problems


@dataclass(frozen=True)
class AgencySettings:
    """The agency's settings as stored under their keys in the settings table."""

    agency_name: str
    agency_code: str
    place: str
    default_deadline_days: int
    extra_days_off: tuple[dt.date, ...] = ()
    makeup_workdays: tuple[dt.date, ...] = ()
    # One số đi series per unit instead of one for the agency (Decree 30/2020, art. 15).
    numbering_per_unit: bool = False
    deadline_rules: DeadlineRules = DEFAULT_RULES


def _rules(value: Any) -> DeadlineRules:
    """The stored rules; a key this version does not know, or a bad value, falls back."""
    if not isinstance(value, dict):
        return DEFAULT_RULES
    known = {k: v for k, v in value.items() if k in DeadlineRules.__dataclass_fields__}
    try:
        rules = DeadlineRules(**known)
    except TypeError:
        return DEFAULT_RULES
    return rules if not check_rules(rules) else DEFAULT_RULES


def check_rules(r: DeadlineRules) -> str:
    """Why the deadline rules cannot be saved ('' when they can)."""
    if r.before_period not in ("previous_end", "end"):
        return "Cách tính «trước tháng, quý, năm» không hợp lệ."
    if not 1 <= r.early_month_day <= 15:
        return "«Đầu tháng» phải là một ngày từ 1 đến 15."
    if not r.early_month_day < r.mid_month_day <= 25:
        return f"«Giữa tháng» phải sau ngày {r.early_month_day} và không quá ngày 25."
    return ""


def _dates(value: object) -> tuple[dt.date, ...]:
    if not isinstance(value, (list, tuple)):
        return ()
    return tuple(sorted({dt.date.fromisoformat(str(v)) for v in value}))


def load_settings(store: Store) -> AgencySettings:
    """The stored settings (defaults for any missing key)."""
    return AgencySettings(
        agency_name=vocab.read_setting(store, vocab.AGENCY_NAME),
        agency_code=vocab.read_setting(store, vocab.AGENCY_CODE),
        place=vocab.read_setting(store, vocab.PLACE),
        default_deadline_days=vocab.read_setting(store, vocab.DEFAULT_DEADLINE_DAYS),
        extra_days_off=_dates(vocab.read_setting(store, vocab.EXTRA_DAYS_OFF)),
        makeup_workdays=_dates(vocab.read_setting(store, vocab.MAKEUP_WORKDAYS)),
        numbering_per_unit=vocab.read_setting(store, vocab.NUMBERING_PER_UNIT),
        deadline_rules=_rules(vocab.read_setting(store, vocab.DEADLINE_RULES)),
    )


def weekday_name(day: dt.date) -> str:
    """`Thứ Hai` … `Chủ nhật`."""
    return WEEKDAYS[day.weekday()]


def check_day_off(day: dt.date, days_off: tuple[dt.date, ...], makeup: tuple[dt.date, ...]) -> str:
    """Why `day` cannot be added as an extra day off ('' when it can)."""
    if day in days_off:
        return f"Ngày {day:%d/%m/%Y} đã có trong danh sách ngày nghỉ thêm."
    if day in makeup:
        return f"Ngày {day:%d/%m/%Y} đang là ngày làm bù; bỏ nó khỏi danh sách đó trước."
    if not WorkCalendar().is_working_day(day):
        return f"Ngày {day:%d/%m/%Y} ({weekday_name(day)}) vốn đã là ngày nghỉ."
    return ""


def check_makeup_day(
    day: dt.date, days_off: tuple[dt.date, ...], makeup: tuple[dt.date, ...]
) -> str:
    """Why `day` cannot be added as a make-up working day ('' when it can)."""
    if day in makeup:
        return f"Ngày {day:%d/%m/%Y} đã có trong danh sách ngày làm bù."
    if day in days_off:
        return f"Ngày {day:%d/%m/%Y} đang là ngày nghỉ thêm; bỏ nó khỏi danh sách đó trước."
    base = WorkCalendar()
    if base.is_holiday(day):
        return f"Ngày {day:%d/%m/%Y} là ngày lễ, không thể làm bù."
    if base.is_working_day(day):
        return f"Ngày {day:%d/%m/%Y} ({weekday_name(day)}) vốn đã là ngày làm việc."
    return ""


def check_settings(s: AgencySettings) -> Problems:
    """Problems of the settings (empty when they can be saved)."""
    problems: Problems = {}
    if not clean(s.agency_name):
        problems[vocab.AGENCY_NAME.name] = "Cần nhập tên cơ quan."
    code = clean(s.agency_code)
    if not code:
        problems[vocab.AGENCY_CODE.name] = (
            "Cần nhập ký hiệu cơ quan (dùng trong số văn bản, ví dụ BTTTT)."
        )
    elif _BAD_CODE.search(code):
        problems[vocab.AGENCY_CODE.name] = "Ký hiệu không được chứa khoảng trắng hoặc dấu «/»."
    if not clean(s.place):
        problems[vocab.PLACE.name] = "Cần nhập địa danh (dòng «Hà Nội, ngày … tháng … năm …»)."
    if not MIN_DEADLINE_DAYS <= s.default_deadline_days <= MAX_DEADLINE_DAYS:
        problems[vocab.DEFAULT_DEADLINE_DAYS.name] = (
            f"Thời hạn mặc định phải từ {MIN_DEADLINE_DAYS} đến {MAX_DEADLINE_DAYS} ngày làm việc."
        )
    both = sorted(set(s.extra_days_off) & set(s.makeup_workdays))
    if both:
        problems[vocab.MAKEUP_WORKDAYS.name] = (
            f"Ngày {both[0]:%d/%m/%Y} vừa là ngày nghỉ thêm vừa là ngày làm bù."
        )
    rules = check_rules(s.deadline_rules)
    if rules:
        problems[vocab.DEADLINE_RULES.name] = rules
    return problems


def save_settings(session: Session, s: AgencySettings) -> None:
    """Write every setting in one transaction after checking them."""
    permissions.require(session, "edit_settings")
    store = session.store
    problems = check_settings(s)
    if problems:
        raise SettingsInvalid(problems)
    with store.write():
        vocab.write_setting(store, vocab.AGENCY_NAME, clean(s.agency_name))
        vocab.write_setting(store, vocab.AGENCY_CODE, clean(s.agency_code))
        vocab.write_setting(store, vocab.PLACE, clean(s.place))
        vocab.write_setting(store, vocab.DEFAULT_DEADLINE_DAYS, s.default_deadline_days)
        vocab.write_setting(
            store, vocab.EXTRA_DAYS_OFF, [d.isoformat() for d in sorted(s.extra_days_off)]
        )
        vocab.write_setting(
            store, vocab.MAKEUP_WORKDAYS, [d.isoformat() for d in sorted(s.makeup_workdays)]
        )
        vocab.write_setting(store, vocab.NUMBERING_PER_UNIT, bool(s.numbering_per_unit))
        vocab.write_setting(store, vocab.DEADLINE_RULES, dataclasses.asdict(s.deadline_rules))
