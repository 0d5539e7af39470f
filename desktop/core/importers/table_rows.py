"""The petitions read from one table, as every reader (DOCX, XLSX, PDF, scan) gathers them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from desktop.core.importers.common import Cell, Role, assemble_row, no_rows
from desktop.core.importers.limits import TextBudget
from desktop.core.importers.model import ParsedRow

Assemble = Callable[[Path, int, Mapping[Role, Cell]], "ParsedRow | None"]


class TableRows:
    """Rows assembled one by one (blank and section rows dropped), their text counted against
    the import's limit as they come; a table without a single petition is refused."""

    def __init__(self, path: Path, assemble: Assemble = assemble_row) -> None:
        self.path = path
        self._assemble = assemble
        self._budget = TextBudget(path)
        self._rows: list[ParsedRow] = []

    def add(self, number: int, cells: Mapping[Role, Cell]) -> None:
        """The table's row `number` (as the clerk counts), its cells by role."""
        parsed = self._assemble(self.path, number, cells)
        if parsed is not None:
            self._rows.append(self._budget.take(parsed))

    def result(self) -> tuple[ParsedRow, ...]:
        """The petitions in table order; ImportFailed when there is none."""
        if not self._rows:
            raise no_rows(self.path)
        return tuple(self._rows)
