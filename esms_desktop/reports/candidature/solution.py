"""« Solution DUI retenue »: editor, product, Ségur referencing and the reasons for the choice.

A justification is compulsory as soon as one ESSMS acquires a DUI (the ARS checks that editors
were consulted); without acquisition it is printed as not required.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from esms_desktop.domain.grappe import ProjectType
from esms_desktop.reports.base import key_value_table, para
from esms_desktop.reports.candidature.common import SectionTitle, missing, value_or_missing
from esms_desktop.reports.candidature.context import CandidatureContext


def section(ctx: CandidatureContext) -> list[Flowable]:
    s = ctx.dossier.grappe.solution
    acquisitions = sum(1 for e in ctx.budget.establishments if e.project is ProjectType.ACQUISITION)
    justification: Flowable | str
    if s.justification.strip():
        justification = s.justification.strip()
    elif acquisitions:
        justification = missing(
            f"À COMPLÉTER — obligatoire : le projet compte {acquisitions} acquisition(s) ; "
            "justifiez le choix de la solution après consultation des éditeurs."
        )
    else:
        justification = para("non requise (aucune acquisition)", "Muted")
    segur = _segur_text(s.segur_referenced)
    pairs: list[tuple[str, Flowable | str]] = [
        ("Éditeur", value_or_missing(s.editor)),
        ("Produit", value_or_missing(s.product)),
        (
            "Référencement Ségur",
            missing("à vérifier") if s.segur_referenced is None else segur,
        ),
        ("Référence Ségur", s.segur_reference or "—"),
        ("Justification du choix", justification),
    ]
    flow: list[Flowable] = [
        CondPageBreak(60 * mm),
        SectionTitle("Solution DUI retenue"),
        key_value_table(pairs, ctx.portrait_width),
    ]
    declared: dict[str, int] = {}
    for _og, est in ctx.dossier.grappe.rows():
        if est.dui_solution:
            declared[est.dui_solution] = declared.get(est.dui_solution, 0) + 1
    if declared:
        text = " ; ".join(f"{name} ({n} ESSMS)" for name, n in declared.items())
        flow.append(Spacer(1, 2 * mm))
        flow.append(para(f"Solution indiquée ESSMS par ESSMS : {text}.", "BodySmall"))
    return flow


def _segur_text(referenced: bool | None) -> str:
    if referenced is None:
        return "à vérifier"
    return "oui" if referenced else "non"
