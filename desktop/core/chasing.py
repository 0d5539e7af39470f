"""Đôn đốc: chase letters (công văn đôn đốc) to units whose petitions or tasks are overdue.

One letter per unit lists the unit's open assignments past due today, petitions first, then
tasks (desktop.core.letters.kinds.chase_letter words them). Each letter is kept in the outgoing
register as a draft, and numbered there when issued. A batch is one write transaction: the
letters are drafted, numbered and rendered to a hidden staging folder inside it, so a failure
or a Cancel leaves neither register entries nor files; the files are moved into place only
after the commit, so no file ever carries a number the register does not hold.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from db import letters as reg
from db import reference as ref
from db import tasks as task_repo
from db.models import Unit
from desktop.core import permissions
from desktop.core.dispatch import resolve_unit
from desktop.core.errors import DomainError
from desktop.core.files import FileWriteError, check_writable, write_atomic
from desktop.core.letters import register
from desktop.core.letters.kinds import chase_letter
from desktop.core.letters.model import Letter
from desktop.core.session import Session

FORMATS = ("docx", "pdf")
Render = Callable[[Letter], bytes]
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\s]+')


@dataclass(frozen=True)
class ChaseResult:
    """One chase letter written: to whom, its id in the outgoing register, the file, and its
    number as cited (`12/BTTTT-VP`) when issued, else None (a draft)."""

    unit_name: str
    letter_id: int
    path: Path
    reference: str | None


@dataclass(frozen=True)
class UnitOverdue:
    """A unit with overdue work today: how many petitions (kiến nghị) and tasks (nhiệm vụ)."""

    unit: Unit
    petitions: int
    tasks: int


def overdue_by_unit(session: Session) -> list[UnitOverdue]:
    """The units in operation with at least one open assignment past due today, by name."""
    permissions.require(session, "view")
    today = session.today()
    late: list[tuple[Unit, list[int]]] = []
    for unit in ref.units(session.store, valid_on=today):
        ids = [a.petition_id for a in reg.overdue_assignments(session.store, unit.id, today)]
        if ids:
            late.append((unit, list(dict.fromkeys(ids))))
    wanted = sorted({i for _, ids in late for i in ids})
    tasks: set[int] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = task_repo.task_rows(session.store, task_repo.TaskFilter(task_ids=chunk))
        tasks.update(r.id for r in rows)
    out = []
    for unit, ids in late:
        n_tasks = sum(1 for i in ids if i in tasks)
        out.append(UnitOverdue(unit, len(ids) - n_tasks, n_tasks))
    return out


def units_with_overdue(session: Session) -> list[Unit]:
    """Units with at least one open overdue assignment today (petitions or tasks), by name."""
    return [u.unit for u in overdue_by_unit(session)]


def refusal(session: Session, *, issue: bool = False) -> str | None:
    """Why this user may not write chase letters (the core's own words), or None.

    The Văn phòng chases on the minister's behalf: an officer, who drafts only for their own
    unit's petitions, is refused, as the drafting itself would refuse them."""
    try:
        permissions.require(session, "draft_letter")
        if issue:
            permissions.require(session, "issue_letter")
    except permissions.PermissionDenied as exc:
        return str(exc)
    return None


def renderer(session: Session, fmt: str) -> Render:
    """The DOCX or PDF renderer of a letter (dated today when it is a draft)."""
    today = session.today()
    # Imported here: python-docx and reportlab cost start-up time the CLI's other commands save.
    if fmt == "docx":
        from desktop.core.letters.docx_render import docx_bytes

        return lambda letter: docx_bytes(letter, today)
    if fmt == "pdf":
        from desktop.core.letters.pdf_render import pdf_bytes

        return lambda letter: pdf_bytes(letter, today)
    raise DomainError(f"Định dạng «{fmt}» không có: công văn đôn đốc ghi ra docx hoặc pdf.")


def _format_of(dest: Path) -> str:
    fmt = dest.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise DomainError(
            f"Tệp «{dest.name}» phải có đuôi .docx hoặc .pdf (công văn đôn đốc ghi ra Word"
            " hoặc PDF)."
        )
    return fmt


def _letter(session: Session, unit: Unit, issue: bool) -> tuple[int, Letter]:
    """Draft the unit's chase letter into the register, numbered when `issue`."""
    letter_id = register.draft_chase(session, unit.code)
    if issue:
        return letter_id, register.issue_letter(session, letter_id)
    return letter_id, register.load_letter(session, letter_id)


def _cited(letter: Letter) -> str | None:
    return None if letter.number is None else f"{letter.number:02d}/{letter.symbol}"


def _not_published(results: Sequence[ChaseResult], exc: Exception) -> DomainError:
    """Said when the register holds the letters but their files could not be put in place."""
    numbers = ", ".join(r.reference for r in results if r.reference)
    said = f"đã cấp số {numbers} và " if numbers else ""
    ids = ", ".join(str(r.letter_id) for r in results)
    return DomainError(
        f"Đã {said}ghi {len(results)} công văn đôn đốc vào sổ văn bản đi (mã {ids}), nhưng"
        f" không ghi được tệp: {str(exc).rstrip('.')}. Các số này không bị cấp lại; in lại"
        " công văn từ màn hình Văn bản đi."
    )


def write_chase(session: Session, unit_key: str, dest: Path, *, issue: bool = False) -> ChaseResult:
    """The chase letter to one unit (code or name) as `dest` (.docx or .pdf), kept in the
    register as a draft and numbered when `issue`; nothing is written when the unit has
    nothing overdue."""
    dest = Path(dest)
    render = renderer(session, _format_of(dest))
    check_writable(dest)
    if issue:
        permissions.require(session, "issue_letter")
    with session.store.write():
        unit = resolve_unit(session, unit_key)
        letter_id, letter = _letter(session, unit, issue)
        data = render(letter)
        check_writable(dest, len(data))
    result = ChaseResult(unit.name, letter_id, dest, _cited(letter))
    try:
        write_atomic(dest, data)
    except FileWriteError as exc:
        raise _not_published([result], exc) from exc
    return result


def file_name(unit: Unit, on: dt.date, fmt: str) -> str:
    """`don-doc-THH-2026-11-23.docx`: safe on Windows and Linux."""
    code = _UNSAFE.sub("-", unit.code).strip(".-") or str(unit.id)
    return f"don-doc-{code}-{on:%Y-%m-%d}.{fmt}"


def _free_name(folder: Path, name: str, taken: set[str]) -> str:
    """`name`, or `…-2.docx`, `…-3.docx` when a file of an earlier run has it: never replaced."""
    stem, dot, ext = name.rpartition(".")
    candidate, n = name, 1
    while candidate in taken or (folder / candidate).exists():
        n += 1
        candidate = f"{stem}-{n}{dot}{ext}"
    taken.add(candidate)
    return candidate


def _stage(render: Render, letter: Letter, path: Path) -> None:
    data = render(letter)
    check_writable(path, len(data))
    write_atomic(path, data)


def _staged_drafts(
    session: Session, units: Sequence[Unit], render: Render, names: Sequence[str],
    staging: Path, progress: Callable[[int, int], object],
) -> list[tuple[Path, ChaseResult]]:  # fmt: skip
    """Drafts: read and rendered before the write lock is taken (about 0.1 s a letter), the
    lock held only to save them; a draft may be a moment older than the register."""
    letters = []
    for i, (unit, name) in enumerate(zip(units, names, strict=True)):
        progress(i, len(units))
        letter = chase_letter(session, unit.code)
        _stage(render, letter, staging / name)
        letters.append(letter)
    progress(len(units), len(units))  # the last chance to cancel
    with session.store.write():
        ids = [register.save_draft(session, lt, kind=register.KIND_CHASE) for lt in letters]
    return [
        (staging / name, ChaseResult(unit.name, letter_id, staging.parent / name, None))
        for unit, name, letter_id in zip(units, names, ids, strict=True)
    ]


def _staged_issued(
    session: Session, render: Render, fmt: str, staging: Path,
    progress: Callable[[int, int], object],
) -> list[tuple[Path, ChaseResult]]:  # fmt: skip
    """Numbered letters: read, numbered and rendered inside one write, so each says exactly
    what the register held when its number was given."""
    staged = []
    with session.store.write():
        units = units_with_overdue(session)  # again, inside the write
        names = _names(staging.parent, units, session.today(), fmt)
        for i, (unit, name) in enumerate(zip(units, names, strict=True)):
            progress(i, len(units))
            letter_id, letter = _letter(session, unit, True)
            _stage(render, letter, staging / name)
            result = ChaseResult(unit.name, letter_id, staging.parent / name, _cited(letter))
            staged.append((staging / name, result))
        progress(len(units), len(units))  # the last chance to cancel
    return staged


def _names(folder: Path, units: Sequence[Unit], on: dt.date, fmt: str) -> list[str]:
    taken: set[str] = set()
    return [_free_name(folder, file_name(unit, on, fmt), taken) for unit in units]


def write_chases(
    session: Session,
    dest_dir: Path,
    *,
    issue: bool = False,
    fmt: str = "docx",
    progress: Callable[[int, int], object] | None = None,
) -> list[ChaseResult]:
    """One chase letter per unit with overdue work, each a file in `dest_dir` (created when
    missing): all or nothing. `progress(done, total)` may raise to cancel before the commit."""
    dest_dir = Path(dest_dir)
    render = renderer(session, fmt)
    if issue:
        permissions.require(session, "issue_letter")
    permissions.require(session, "draft_letter")
    today = session.today()
    units = units_with_overdue(session)
    if not units:
        raise DomainError(
            f"Đến ngày {today:%d/%m/%Y}, không đơn vị nào có kiến nghị hoặc nhiệm vụ quá hạn:"
            " không có công văn đôn đốc nào để soạn."
        )
    if dest_dir.exists() and not dest_dir.is_dir():
        raise DomainError(f"«{dest_dir}» là một tệp, không phải thư mục để ghi công văn.")
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".don-doc-", dir=dest_dir))
    except OSError as exc:
        raise DomainError(f"Không tạo được thư mục «{dest_dir}»: {exc.strerror or exc}.") from exc
    report = progress or (lambda done, total: None)
    try:
        if issue:
            staged = _staged_issued(session, render, fmt, staging, report)
        else:
            names = _names(dest_dir, units, today, fmt)
            staged = _staged_drafts(session, units, render, names, staging, report)
        results = [result for _, result in staged]
        try:
            for made, result in staged:
                made.replace(result.path)
        except OSError as exc:
            raise _not_published(results, exc) from exc
        return results
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
