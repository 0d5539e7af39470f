"""The ruled tables on a scanned page: long dark runs found as ruling lines, cut into cells.

No numpy: the page is thresholded by Pillow and each pixel row (and, transposed, each column)
is searched with a bytes regex for runs of dark pixels, which runs in C (about 30 ms for an
A4 page at 200 dpi here). A cell whose border is missing continues its neighbour, the way a
merged cell does in Word: a locality written once for several rows, a heading across a row.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from PIL import Image

DARK = 160  # grey levels below this are ink (scans are rarely pure black)
_INK = 255
# Ink with breaks of at most two pixels: a scanner leaves small gaps in a printed rule.
_RUN = re.compile(rb"\xff+(?:\x00{1,2}\xff+)*")


@dataclass(frozen=True)
class Line:
    """A ruling line: `pos` across it (y of a horizontal line), `start`–`end` along it."""

    pos: int
    start: int
    end: int


@dataclass(frozen=True)
class Grid:
    """One ruled table: column and row boundaries, and for each cell the cell it belongs to."""

    xs: tuple[int, ...]  # len = columns + 1
    ys: tuple[int, ...]  # len = rows + 1
    roots: tuple[tuple[tuple[int, int], ...], ...]  # roots[row][col] = (row, col) of its top-left

    @property
    def rows(self) -> int:
        """How many row bands the table has."""
        return len(self.ys) - 1

    @property
    def columns(self) -> int:
        """How many columns the table has."""
        return len(self.xs) - 1

    @property
    def box(self) -> tuple[int, int, int, int]:
        """The table's outer box (left, top, right, bottom)."""
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def cell_box(self, root: tuple[int, int]) -> tuple[int, int, int, int]:
        """The box of the (possibly merged) cell whose top-left is `root`."""
        members = [
            (i, j)
            for i in range(self.rows)
            for j in range(self.columns)
            if self.roots[i][j] == root
        ]
        top = min(i for i, _ in members)
        bottom = max(i for i, _ in members) + 1
        left = min(j for _, j in members)
        right = max(j for _, j in members) + 1
        return self.xs[left], self.ys[top], self.xs[right], self.ys[bottom]


def ink_mask(page: Image.Image) -> Image.Image:
    """An "L" image, 255 where the page has ink and 0 elsewhere."""
    grey = page if page.mode == "L" else page.convert("L")
    return grey.point(lambda v: _INK if v < DARK else 0)


def _runs(mask: Image.Image, min_len: int) -> list[Line]:
    """Dark runs at least `min_len` long along each pixel row of the mask."""
    width, height = mask.size
    data = mask.tobytes()
    out: list[Line] = []
    for y in range(height):
        for found in _RUN.finditer(data, y * width, (y + 1) * width):
            if found.end() - found.start() >= min_len:
                out.append(Line(y, found.start() - y * width, found.end() - y * width))
    return out


def _merge(runs: list[Line], gap: int) -> list[Line]:
    """Runs on neighbouring pixel rows that overlap make one line (a rule is a few px thick)."""
    return [line for line, _ in _merged(runs, gap)]


def _merged(runs: list[Line], gap: int) -> list[tuple[Line, float]]:
    """The lines, each with its slope: how far its runs move across per pixel along it."""
    lines: list[list[int]] = []  # [first pos, last pos, start, end, first centre×2, last centre×2]
    for run in runs:  # sorted by pos
        joined = False
        for line in reversed(lines):
            if run.pos - line[1] > gap:
                break
            if run.start <= line[3] and run.end >= line[2]:
                line[1] = run.pos
                line[2], line[3] = min(line[2], run.start), max(line[3], run.end)
                line[5] = run.start + run.end
                joined = True
                break
        if not joined:
            centre = run.start + run.end
            lines.append([run.pos, run.pos, run.start, run.end, centre, centre])
    out: list[tuple[Line, float]] = []
    for first, last, start, end, top, bottom in lines:
        across = (bottom - top) / 2
        # A tilted rule is a staircase of runs: the first row's run at one end, the last's at
        # the other. A level one, a few pixels thick, has its runs one above the other.
        slope = (last - first) / across if abs(across) > (end - start) / 4 else 0.0
        out.append((Line((first + last) // 2, start, end), slope))
    return out


def skew_degrees(page: Image.Image) -> float:
    """The turn (degrees, as Image.rotate takes it) that levels the page's long ruling lines."""
    mask = ink_mask(page)
    # Short runs: a rule tilted by 3° is a staircase of steps about 40 px long at 200 dpi.
    lines = _merged(_runs(mask, max(20, round(mask.width * 0.02))), gap=2)
    slopes = sorted(s for line, s in lines if line.end - line.start >= mask.width * 0.3)
    if not slopes:
        return 0.0
    return math.degrees(math.atan(slopes[len(slopes) // 2]))


def ruling_lines(page: Image.Image) -> tuple[list[Line], list[Line]]:
    """The horizontal and vertical ruling lines of a page."""
    mm = max(page.size[0] / 210, 1.0)  # pixels per millimetre, taking the page as A4 wide
    mask = ink_mask(page)
    flat = _merge(_runs(mask, round(6 * mm)), gap=2)
    upright = _merge(_runs(mask.transpose(Image.Transpose.TRANSPOSE), round(8 * mm)), gap=2)
    return flat, upright


def _cluster(values: list[int], tolerance: int) -> list[int]:
    """Values closer than `tolerance` to the previous one count as the same position."""
    out: list[list[int]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tolerance:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) // len(group) for group in out]


def find_grids(page: Image.Image) -> list[Grid]:
    """The ruled tables of a page, top to bottom (none on a page of running text)."""
    mm = max(page.size[0] / 210, 1.0)
    tol = round(1.2 * mm)
    flat, upright = ruling_lines(page)
    grids: list[Grid] = []
    for group in _tables(upright, tol):
        top = min(v.start for v in group)
        bottom = max(v.end for v in group)
        xs = _cluster([v.pos for v in group], tol)
        if len(xs) < 3:  # a table of petitions has at least two columns
            continue
        left, right = xs[0], xs[-1]
        inside = [
            h
            for h in flat
            if top - tol <= h.pos <= bottom + tol and h.end >= left - tol and h.start <= right + tol
        ]
        ys = _cluster([h.pos for h in inside if _spans_a_column(h, xs, tol)], tol)
        if len(ys) < 2:
            continue
        grid = _grid(tuple(xs), tuple(ys), inside, group, tol)
        if grid.rows >= 1:
            grids.append(grid)
    return sorted(grids, key=lambda g: g.ys[0])


def _tables(upright: list[Line], tol: int) -> list[list[Line]]:
    """Vertical lines grouped by the table they belong to (their spans overlap)."""
    groups: list[list[Line]] = []
    for line in sorted(upright, key=lambda v: v.start):
        for group in groups:
            if line.start <= max(v.end for v in group) + tol:
                group.append(line)
                break
        else:
            groups.append([line])
    return groups


def _spans_a_column(line: Line, xs: list[int], tol: int) -> bool:
    return any(
        line.start <= a + tol and line.end >= b - tol for a, b in zip(xs, xs[1:], strict=False)
    )


def _covers(lines: list[Line], pos: int, a: int, b: int, tol: int) -> bool:
    """Whether a line at `pos` covers most of the span a–b."""
    need = (b - a) * 0.6
    for line in lines:
        if abs(line.pos - pos) <= tol and min(line.end, b) - max(line.start, a) >= need:
            return True
    return False


def _grid(
    xs: tuple[int, ...], ys: tuple[int, ...], flat: list[Line], upright: list[Line], tol: int
) -> Grid:
    roots: list[list[tuple[int, int]]] = []
    for i in range(len(ys) - 1):
        row: list[tuple[int, int]] = []
        for j in range(len(xs) - 1):
            if j and not _covers(upright, xs[j], ys[i], ys[i + 1], tol):
                row.append(row[j - 1])  # no rule on the left: one cell across columns
            elif i and not _covers(flat, ys[i], xs[j], xs[j + 1], tol):
                row.append(roots[i - 1][j])  # no rule on top: continues the cell above
            else:
                row.append((i, j))
        roots.append(row)
    return Grid(xs, ys, tuple(tuple(r) for r in roots))
