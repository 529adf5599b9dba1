"""Words, cells and headings shared by the sections of the candidature dossier.

Whatever is still missing is printed as such (« à compléter », « à renseigner », « à confirmer
auprès de votre ARS ») rather than left blank: a director must see on paper what the ARS will
ask for. The same words are used by every section, hence here.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.platypus import Flowable, Paragraph

from esms_desktop.domain.budget import BudgetLine
from esms_desktop.domain.campaign import ValueStatus
from esms_desktop.domain.formatting import format_eur
from esms_desktop.domain.grappe import OgRole, Organisation
from esms_desktop.reports.base import BaseDocument, TextBlock, TextPart, clean, para

MISSING = "à compléter"
TO_CONFIRM = "à confirmer auprès de votre ARS"
CAP_PREFIX = "non financé (plafond)"


class SectionTitle(Flowable):
    """The heading of a numbered section, before its number.

    Sections do not know their rank: the document numbers these titles in the order they are
    printed (:func:`number_sections`), so moving or adding a section renumbers the others.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        raise RuntimeError(f"section title {self.text!r} was not numbered")


class AnnexTitle(SectionTitle):
    """The heading of an unsigned annex after the signatures, lettered (« Annexe A — … »)."""


def number_sections(story: Sequence[Flowable]) -> list[Flowable]:
    """``story`` with each :class:`SectionTitle` replaced by its numbered, bookmarked heading
    (annexes lettered A, B…)."""
    numbered: list[Flowable] = []
    count = annexes = 0
    for flowable in story:
        if isinstance(flowable, AnnexTitle):
            annexes += 1
            letter = chr(ord("A") + annexes - 1)
            flowable = BaseDocument.heading(flowable.text, 0, number=f"Annexe {letter} —")
        elif isinstance(flowable, SectionTitle):
            count += 1
            flowable = BaseDocument.heading(flowable.text, 0, number=f"{count}.")
        numbered.append(flowable)
    return numbered


def subheading(text: str) -> Paragraph:
    """A second-level heading (also a PDF bookmark)."""
    return BaseDocument.heading(text, 1)


def missing(text: str = MISSING) -> Paragraph:
    """``text`` in the red « missing » style."""
    return para(text, "Missing")


def value_or_missing(value: str) -> Flowable | str:
    return value.strip() if value and value.strip() else missing()


def role_label(og: Organisation) -> str:
    return "Porteur du projet" if og.role is OgRole.PORTEUR else "Membre de la grappe"


def line_is_provisional(line: BudgetLine) -> bool:
    return line.provisional or line.status is ValueStatus.A_CONFIRMER


def known_sum(amounts: Sequence[Decimal | None]) -> tuple[Decimal, bool]:
    """Sum of the known amounts and whether every amount was known."""
    total = Decimal(0)
    complete = True
    for a in amounts:
        if a is None:
            complete = False
        else:
            total += a
    return total, complete


TO_FILL = "à renseigner"
"""An amount the campaign does not publish and the user has not entered yet."""


def eur_incomplete(amount: Decimal, complete: bool) -> str:
    """A sum: the amount; « à renseigner » when nothing of it is known (never « 0 € »); the
    known part and « + montants à renseigner » when some of it is."""
    if complete:
        return format_eur(amount)
    if not amount:
        return TO_FILL
    return f"{format_eur(amount)} + montants {TO_FILL}"


class RightBlock(TextBlock):
    """A :class:`TextBlock` whose lines are aligned right (an amount and its remark)."""

    def draw(self) -> None:
        canvas = self.canv
        y = self.height
        for part, line in self._lines:
            y -= part.size * 1.2
            canvas.setFont(part.font, part.size)
            canvas.setFillColor(part.color)
            canvas.drawRightString(self.width, y + part.size * 0.22, line)


def right(parts: Sequence[TextPart]) -> TextBlock:
    """Plain lines aligned right: in a 1,000-row table, much cheaper than a paragraph."""
    return RightBlock(parts)


def og_title(og: Organisation) -> Paragraph:
    """The OG's title row of the ESSMS and budget tables (repeated on every page of them).

    This row cannot be split: a name of thousands of characters is shortened here (the grappe
    table prints it in full).
    """

    def short(text: str, limit: int = 300) -> str:
        return text if len(text) <= limit else text[: limit - 1] + "…"

    text = f"<b>{clean(short(og.name))}</b> — {clean(role_label(og))}"
    if og.siren:
        text += f" · SIREN {clean(short(og.siren, 40))}"
    if og.finess_ej:
        text += f" · FINESS juridique {clean(short(og.finess_ej, 40))}"
    return para(text, "Cell", markup=True)


def runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Increasing ``numbers`` as (first, last) runs of consecutive values: 2, 3, 4, 7 → (2, 4),
    (7, 7)."""
    found: list[tuple[int, int]] = []
    for n in numbers:
        if found and found[-1][1] == n - 1:
            found[-1] = (found[-1][0], n)
        else:
            found.append((n, n))
    return found
