"""A table's plain-string cells written straight into the page, where ReportLab puts them.

ReportLab draws each string cell on its own: a text object made, the cell's font and colour
set, the string's width measured (even left-aligned), the text encoded for the font's subsets.
A 1,000-ESSMS dossier has some 13,000 such cells, and drawing them was a third of its time.
:func:`with_plain_cells` makes a table gather its string lines while ReportLab walks its cells
and write them together, before the next cell ReportLab draws itself and before the rules, so
the page holds its text in the same order. Each line is written as ``drawString`` writes it, at
the origin ReportLab computes, in the same font, size and colour; a line already written in the
document is not encoded again. Cells ReportLab draws in another way (flowables, links, decimal
alignment, bidirectional or shaped text, standard fonts) are left to it.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Table

_ALIGNED = frozenset(("LEFT", "RIGHT", "CENTRE", "CENTER"))


class _PlainCells:
    """Mixin of a :class:`Table` subclass: see the module."""

    _plain: list[tuple[Any, float, float, str]] | None = None
    """The string lines gathered while the table draws: (cell style, x, y, text)."""

    def draw(self) -> None:
        # Origins are written for a page drawn bottom up (ReportLab's default).
        self._plain = [] if self.canv.bottomup else None  # type: ignore[attr-defined]
        try:
            super().draw()  # type: ignore[misc]
        finally:
            self._plain = None

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:  # noqa: N802
        pending = self._plain
        if (
            pending is None
            or type(cellval) is not str
            or cellstyle.alignment not in _ALIGNED
            or cellstyle.href
            or cellstyle.destination
            or cellstyle.direction
            or cellstyle.shaping
            or not _subset_font(cellstyle.fontname)
        ):
            self._flush()  # the text before this cell first: the page reads in cell order
            super()._drawCell(cellval, cellstyle, pos, size)  # type: ignore[misc]
            return
        # The origin of each line, computed as ReportLab's own ``_drawCell`` does.
        colpos, rowpos = pos
        colwidth, rowheight = size
        just, valign = cellstyle.alignment, cellstyle.valign
        lines = cellval.split("\n")
        leading, fontsize = cellstyle.leading, cellstyle.fontsize
        if valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + len(lines) * leading - fontsize
        elif valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - fontsize
        elif valign == "MIDDLE":
            middle = cellstyle.bottomPadding + rowheight - cellstyle.topPadding
            y = rowpos + (middle + len(lines) * leading) / 2.0 - fontsize
        else:
            raise ValueError(f"Bad valign: {valign!a}")
        if just == "LEFT":
            x = colpos + cellstyle.leftPadding
            for line in lines:
                if line:
                    pending.append((cellstyle, x, y, line))
                y -= leading
            return
        name, right = cellstyle.fontname, just == "RIGHT"
        if right:
            x = colpos + colwidth - cellstyle.rightPadding
        else:
            x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5
        for line in lines:
            if line:
                width = stringWidth(line, name, fontsize)
                pending.append((cellstyle, x - width if right else x - 0.5 * width, y, line))
            y -= leading

    def _drawLines(self) -> None:  # noqa: N802
        """The gathered text first (ReportLab draws the cells before the rules)."""
        self._flush()
        super()._drawLines()  # type: ignore[misc]

    def _flush(self) -> None:
        """Draw the lines gathered so far, in the order their cells came."""
        pending = self._plain
        if pending:
            self._plain = []
            _draw_text(self.canv, pending)  # type: ignore[attr-defined]
            # The fill colour is now the last line's: ReportLab sets its next cell's again.
            self._curcellstyle = None


def _draw_text(canvas: Any, pending: list[tuple[Any, float, float, str]]) -> None:
    """Each line in a text object of its own, written as ``drawString`` writes it (text tools
    read one run a cell, as before), the fill colour set where it changes."""
    encoder = canvas.beginText()  # encodes a line for its font's subsets
    encoded = _encoded(canvas._doc)
    code = canvas._code
    font: tuple[Any, ...] | None = None
    colour: Any = None
    for cellstyle, x, y, line in pending:
        key = (cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
        if key != font:
            encoder.setFont(*key)
            font = key
        if cellstyle.color is not colour:
            canvas.setFillColor(cellstyle.color)
            colour = cellstyle.color
        text = encoded.get((key, line))
        if text is None:
            encoder._curSubset = -1  # a new text object names its font again
            text = encoded[key, line] = encoder._formatText(line)
        code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {text} T* ET")


_ENCODED: WeakKeyDictionary[Any, dict[tuple[tuple[Any, ...], str], str]] = WeakKeyDictionary()
"""Per PDF document: each line as its text object writes it, font included. Table cells repeat
(a category, a project, an amount on hundreds of rows, the column titles on every page); a
line's encoding depends on the document only (the subset a character went to stays)."""


def _encoded(document: Any) -> dict[tuple[tuple[Any, ...], str], str]:
    found = _ENCODED.get(document)
    if found is None:
        found = _ENCODED[document] = {}
    return found


@cache
def _subset_font(name: str) -> bool:
    """Whether ``name`` is an embedded TrueType font (ReportLab names its subsets in each text
    object: the case written here); the standard fonts are left to ReportLab."""
    return bool(getFont(name)._dynamicFont)


_CLASSES: dict[type, type] = {}
"""Each table class's plain-cells subclass, made once."""


def _plain_class(kind: type) -> type:
    found = _CLASSES.get(kind)
    if found is None:
        found = _CLASSES[kind] = type(f"Plain{kind.__name__}", (_PlainCells, kind), {})
    return found


def with_plain_cells(table: Table) -> Table:
    """``table``, its string cells drawn at once (its splits keep its class, so theirs too)."""
    if not isinstance(table, _PlainCells):
        table.__class__ = _plain_class(type(table))
    return table
