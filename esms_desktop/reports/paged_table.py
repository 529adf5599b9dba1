"""A long table laid out one page at a time, in time proportional to its rows.

ReportLab splits a table by building a new table of every remaining row at each page break,
and measures it again (its span map covers every cell): a 5,000-row table costs 5,000 rows ×
its pages. :class:`PagedTable` keeps the rows and the style commands of the whole table and, at
each page, hands ReportLab only a window of the rows that can reach the page (the repeated
header rows, then a page or two of body rows, its commands translated as ReportLab's own split
does). ReportLab splits that window as usual; the rows it did not place become the next page's
window. The look is that of one long table: same columns on every page (the widths are given
once, for the whole table), header repeated, each style command on the rows it names.

The cell commands (font, colour, alignment, padding) are applied once, and each window takes
its rows' cell styles as they are: applying them again to every window and to both parts of
each split was a tenth of a 1,000-ESSMS dossier's layout. Rows under the same cell commands
(all the body rows of most tables) share one row of styles. A row's height is measured once
too: each window is given the heights already known, and so are the parts ReportLab cuts it
into (the columns have the same widths on every page, so a row has the same height on each).
Windows draw their plain-string cells at once (:mod:`~esms_desktop.reports.plain_cells`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import pairwise
from numbers import Number
from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle
from reportlab.platypus.tables import LINECOMMANDS

from esms_desktop.reports.plain_cells import with_plain_cells

Command = tuple[Any, ...]

FIRST_WINDOW = 48
"""Body rows of the first window: about a page of one-line rows (a landscape page holds 31,
a portrait one 49); a window that does not fill the page is doubled until it does."""

ROW_FLOOR = 12.0
"""A guess at the lowest row (one line of 8 pt type and its padding is 14.6 pt), corrected by
the rows measured."""

NARROW = 64
"""A body command over fewer rows than this is looked up by its rows instead of being tried
on every window (tables style each row's colour or rule: thousands of commands)."""


_NOT_CELL = frozenset(
    ("BACKGROUND", "ROWBACKGROUNDS", "COLBACKGROUNDS", "SPAN", "NOSPLIT", "ROUNDEDCORNERS")
).union(LINECOMMANDS)
"""Commands ReportLab keeps as commands (drawn, or moved on a split) rather than folding into
each cell's style."""


def _shared_cell_styles(
    make: Callable[..., Table], columns: int, rows: int, commands: Sequence[Command]
) -> list[list[Any]]:
    """Each row's cell styles after ``commands``, as ReportLab would set them on the whole
    table, the rows that the same commands reach sharing one list of styles: the table is cut
    where a command starts or stops, and each piece's row of styles is made once."""
    reach: list[tuple[int, int]] = []
    for command in commands:
        (_c0, r0), (_c1, r1) = command[1], command[2]
        # ReportLab's own reading: negative rows from the end, clipped, nothing if reversed.
        first, last = r0 + rows if r0 < 0 else r0, r1 + rows if r1 < 0 else r1
        reach.append((max(0, first), min(rows - 1, last)))
    reached = [(first, last) for first, last in reach if first <= last]
    cuts = sorted({0, rows, *(f for f, _ in reached), *(last + 1 for _, last in reached)})
    styles: list[list[Any]] = []
    for start, end in pairwise(cuts):
        if start >= rows:
            break
        piece = make([[""] * columns])
        piece.setStyle(
            TableStyle(
                [
                    (c[0], (c[1][0], 0), (c[2][0], 0), *c[3:])
                    for c, (first, last) in zip(commands, reach, strict=True)
                    if first <= start <= last
                ]
            )
        )
        styles += [piece._cellStyles[0]] * (end - start)
    return styles


def _cell_commands(commands: Sequence[Command]) -> tuple[list[Command], list[Command]]:
    """(cell commands, the others); no cell commands when one centres cells vertically, since
    ReportLab changes such a cell's style in place when it cuts its row (styles are shared)."""
    cells = [c for c in commands if c[0] not in _NOT_CELL]
    for command in cells:
        (_c0, r0), (_c1, r1) = command[1], command[2]
        if not isinstance(r0, int) or not isinstance(r1, int):
            raise ValueError(f"{command[0]}: named rows ({r0!r}, {r1!r}) are not supported")
    if any(c[0] == "VALIGN" and c[3] in ("MIDDLE", "CENTER", "CENTRE") for c in cells):
        return [], list(commands)
    return cells, [c for c in commands if c[0] in _NOT_CELL]


class _Style:
    """The table's commands with their rows resolved against the whole table, indexed so that a
    window finds the few that reach it without reading them all."""

    def __init__(self, commands: Sequence[Command], rows: int, header: int) -> None:
        self.broad: list[tuple[int, int, int, Command]] = []
        """(order, first row, last row, command): header rows or many rows, tried every time."""
        narrow: list[tuple[int, int, int, Command]] = []
        for order, command in enumerate(commands):
            (_c0, r0), (_c1, r1) = command[1], command[2]
            if not isinstance(r0, int) or not isinstance(r1, int):
                raise ValueError(f"{command[0]}: named rows ({r0!r}, {r1!r}) are not supported")
            first, last = r0 + rows if r0 < 0 else r0, r1 + rows if r1 < 0 else r1
            if first > last:
                first, last = last, first
            if command[0] == "SPAN" and first != last:
                raise ValueError("a span over several rows cannot be paged")
            entry = (order, first, last, command)
            if first >= header and last - first < NARROW:
                narrow.append(entry)
            else:
                self.broad.append(entry)
        narrow.sort(key=lambda e: e[1])
        self.narrow = narrow
        self.narrow_starts = [e[1] for e in narrow]

    def reaching(self, start: int, end: int) -> list[tuple[int, int, int, Command]]:
        """The commands on a header row or on a body row in ``[start, end)``, in their order."""
        lo = bisect_left(self.narrow_starts, start - NARROW)
        hi = bisect_left(self.narrow_starts, end)
        found = [e for e in self.narrow[lo:hi] if e[2] >= start]
        return sorted(self.broad + found) if found else self.broad


class PagedTable(Flowable):
    """``rows`` as one table over as many pages as needed, ``header`` rows repeated on each.

    ``make`` builds a window's table from its rows (the class, column widths and alignment of
    the real thing), taking ``cellStyles`` as ReportLab's ``Table`` does; ``commands`` are its
    style, written for the whole table (negative rows count from the whole table's end).
    Multi-row spans are refused: a window may end anywhere.
    """

    def __init__(
        self,
        rows: list[list[Any]],
        make: Callable[..., Table],
        commands: Sequence[Command],
        *,
        header: int,
        widths: Sequence[float],
        h_align: str = "LEFT",
    ) -> None:
        super().__init__()
        if any(not isinstance(w, Number) for w in widths):
            raise TypeError("a paged table needs every column width (the same on every page)")
        # The cells as ReportLab normalises them, once (windows are told they are).
        self.rows = [["" if cell is None else cell for cell in row] for row in rows]
        self.make = make
        cell_commands, others = _cell_commands(commands)
        self.cell_styles: list[list[Any]] | None = None
        """Each cell's style, the cell commands applied once for the whole table."""
        if cell_commands:
            columns = max(map(len, rows), default=0)
            self.cell_styles = _shared_cell_styles(make, columns, len(rows), cell_commands)
        self.heights: list[float | None] = [None] * len(rows)
        """Each row's height once measured (shared with the rest of the table)."""
        self.style = _Style(others, len(rows), header)
        self.header = header
        self.start = header
        """Index in ``rows`` of the first body row still to place."""
        self.size = FIRST_WINDOW
        self.row_floor = ROW_FLOOR
        """The lowest body row measured so far: how many rows a height may hold at most."""
        self.hAlign = h_align
        self._window: tuple[float, float, Table, int] | None = None
        """(width, height, table, end) of the last window measured."""

    # the window ------------------------------------------------------------------------------

    def window(self, start: int, end: int) -> Table:
        """The table of the header rows then the body rows ``[start, end)``, its commands
        moved as ReportLab moves them onto the remainder of a split (the part of a command on
        the header rows stays on them; a body command starting above ``start`` starts at the
        window's first body row, so a row colour cycle begins again on each page)."""
        h = self.header
        rows = self.rows[:h] + self.rows[start:end]
        known: dict[str, Any] = {
            "rowHeights": self.heights[:h] + self.heights[start:end],
            "normalizedData": 1,
        }
        if self.cell_styles is not None:
            known["cellStyles"] = self.cell_styles[:h] + self.cell_styles[start:end]
        table = self.make(rows, **known)
        last_row = h + end - start - 1
        moved: list[Command] = []
        for _order, first, last, command in self.style.reaching(start, end):
            (c0, _r0), (c1, _r1) = command[1], command[2]
            rest = command[3:]
            if start == h:  # the table's own first page: rows stay where they are
                if first <= last_row:
                    moved.append((command[0], (c0, first), (c1, min(last, last_row)), *rest))
                continue
            if first < h:
                moved.append((command[0], (c0, first), (c1, min(last, h - 1)), *rest))
            if last >= start:
                new_first = max(first - start, 0) + h
                if new_first <= last_row:
                    moved.append(
                        (command[0], (c0, new_first), (c1, min(last - start + h, last_row)), *rest)
                    )
        table.setStyle(TableStyle(moved))
        return with_plain_cells(table)

    def _measured(self, avail_width: float, avail_height: float) -> tuple[float, float, Table, int]:
        """A window reaching past the bottom of the frame (or holding every remaining row),
        measured for this frame."""
        if self._window is not None and self._window[:2] == (avail_width, avail_height):
            return self._window
        total = len(self.rows)
        # The rows that could fill this height (the bottom of a page is often tried first).
        size = max(1, min(self.size, int(avail_height / self.row_floor) + 1))
        while True:
            end = min(total, self.start + size)
            table = self.window(self.start, end)
            table._frame = getattr(self, "_frame", None)  # for rows taller than a page
            _w, height = table.wrap(avail_width, avail_height)
            self._keep_heights(table, self.start)
            body = table._rowHeights[self.header :]
            if body:
                self.row_floor = max(1.0, min(self.row_floor, *body))
            if end == total or height > avail_height:
                break
            size *= 2
            self.size = max(self.size, size)
        self._window = (avail_width, avail_height, table, end)
        return self._window

    def _keep_heights(self, table: Table, start: int) -> None:
        """Note the heights ``table`` (a window from ``start``) measured, and hand them to it
        as if given: the parts ReportLab splits it into then take them instead of measuring
        their rows again."""
        measured = table._rowHeights
        if len(measured) != len(table._cellvalues) or None in measured:
            return  # not every row measured: nothing is noted
        h = self.header
        self.heights[:h] = measured[:h]
        self.heights[start : start + len(measured) - h] = measured[h:]
        table._argH = list(measured)

    # Flowable -------------------------------------------------------------------------------

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        _w, _h, table, _end = self._measured(availWidth, availHeight)
        self.width, self.height = table._width, table._height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        _w, _h, table, end = self._measured(availWidth, availHeight)
        parts: list[Flowable] = table.split(availWidth, availHeight)
        if end == len(self.rows) or len(parts) != 2:
            return parts  # the window was the whole rest: ReportLab's split as it is
        placed, rest = parts
        h = self.header
        shown = len(placed._cellvalues) - h
        if shown + len(rest._cellvalues) - h != end - self.start:
            # A row taller than the page was cut in two (rare): the rest of the table goes on
            # as ReportLab splits it, the cut row's second half at its top.
            whole = self.window(self.start, len(self.rows))
            whole._frame = getattr(self, "_frame", None)
            result: list[Flowable] = whole.split(availWidth, availHeight)
            return result
        return [placed, self._following(self.start + shown, max(8, shown + shown // 4 + 4))]

    def _following(self, start: int, size: int) -> PagedTable:
        """The rows from ``start`` on: a new flowable (nothing of this one's layout state)
        sharing the rows and the indexed style."""
        rest = PagedTable.__new__(PagedTable)
        Flowable.__init__(rest)
        rest.rows, rest.make, rest.style = self.rows, self.make, self.style
        rest.cell_styles, rest.heights = self.cell_styles, self.heights
        rest.header = self.header
        rest.start, rest.size, rest.hAlign, rest._window = start, size, self.hAlign, None
        rest.row_floor = self.row_floor
        return rest

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        if self._window is None:
            raise RuntimeError("a paged table is drawn after being measured")
        self._window[2].drawOn(canvas, x, y, _sW)

    def draw(self) -> None:  # pragma: no cover - drawOn hands the drawing to the window
        raise NotImplementedError
