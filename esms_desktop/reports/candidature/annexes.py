"""« Pièces à joindre »: every annex with its box and whether this project requires it.

Some optional annexes become required by what the grappe holds (an acquisition needs its
purchase proofs, a home service with fewer than 100 % eligible hours needs the hours split, even
when the call does not prorate): they are marked so (:mod:`esms_desktop.domain.requirements`).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from esms_desktop.domain.requirements import needed_annexes
from esms_desktop.reports.base import checkbox, clean, grid_table, para
from esms_desktop.reports.candidature.common import SectionTitle
from esms_desktop.reports.candidature.context import CandidatureContext


def section(ctx: CandidatureContext) -> list[Flowable]:
    flow: list[Flowable] = [CondPageBreak(60 * mm), SectionTitle("Pièces à joindre")]
    needed = needed_here(ctx)
    rows: list[list[Any]] = [
        [
            para("", "CellHead"),
            para("Pièce", "CellHead"),
            para("Caractère", "CellHead"),
            para("Fichier joint", "CellHead"),
        ]
    ]
    for a in ctx.dossier.annexes:
        if a.required:
            nature = "obligatoire"
        elif a.key in needed:
            nature = f"requise pour ce projet ({needed[a.key]})"
        else:
            nature = "facultative, le cas échéant"
        label = clean(a.label)
        if a.note:
            label += f"<br/><font size='7.5' color='#5A5A5A'>{clean(a.note)}</font>"
        rows.append(
            [
                para(checkbox(a.provided), "Box"),
                para(label, "Cell", markup=True),
                para(nature, "Cell"),
                para(a.file_name or ("—" if not a.provided else "fourni"), "Cell"),
            ]
        )
    flow.append(grid_table(rows, [w * mm for w in (9, 84, 38, 39)]))
    flow.append(Spacer(1, 2 * mm))
    flow.append(
        para(
            "☒ pièce jointe au dossier ; ☐ pièce à joindre. Les pièces sont déposées avec la "
            "candidature en ligne.",
            "Muted",
        )
    )
    return flow


def needed_here(ctx: CandidatureContext) -> dict[str, str]:
    """Optional annexes this grappe needs (the domain's rule: hours split, purchase evidence)."""
    return needed_annexes(ctx.dossier, ctx.budget)
