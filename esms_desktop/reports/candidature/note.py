"""Annex « Note de calcul et points de vigilance »: the software's own apparatus, unsigned.

What the engine applied and how sure each figure is — the campaign's file and fingerprint, the
statuses of its values (« documents fondateurs », « source publique »…), every rule the budget
lines refer to by number, every finding of the eligibility check with its rule, the campaign's
notes (including esms-desktop's own interpretations) — is printed here, after the signatures:
the signatories commit to the project and its amounts, not to the program's reasoning.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from esms_desktop.domain.campaign import ValueStatus
from esms_desktop.reports.base import key_value_table, para
from esms_desktop.reports.candidature.budget import rule_numbers, rules_line, rules_table
from esms_desktop.reports.candidature.common import AnnexTitle, subheading
from esms_desktop.reports.candidature.context import CandidatureContext
from esms_desktop.reports.candidature.open_points import findings_table, ordered


def section(ctx: CandidatureContext) -> list[Flowable]:
    c = ctx.campaign
    flow: list[Flowable] = [PageBreak(), AnnexTitle("Note de calcul et points de vigilance")]
    flow.append(
        para(
            "Annexe non signée, produite par esms-desktop : elle dit quelles règles le calcul "
            "a appliquées, d’où vient chaque valeur et ce qu’il reste à vérifier. Elle éclaire "
            "l’instruction du dossier ; les engagements sont ceux des sections signées.",
            "BodySmall",
        )
    )
    pairs: list[tuple[str, Flowable | str]] = [
        ("Campagne", f"{c.title} (identifiant {c.id})"),
        ("Version des règles", rules_line(ctx)),
    ]
    if c.source:
        pairs.append(("Sources de la campagne", c.source))
    pairs.append(
        (
            "Statut des valeurs",
            " ; ".join(f"« {s.label} »" for s in ValueStatus)
            + " : chaque règle ci-dessous dit lequel s’applique à sa valeur.",
        )
    )
    flow.append(key_value_table(pairs, ctx.portrait_width))
    numbers = rule_numbers(ctx)
    if numbers:
        flow.append(Spacer(1, 3 * mm))
        flow.append(CondPageBreak(30 * mm))
        flow.append(subheading("Règles de calcul"))
        flow += rules_table(numbers)
    findings = ordered(ctx)
    flow.append(CondPageBreak(30 * mm))
    flow.append(subheading("Constats du contrôle d’éligibilité"))
    if findings:
        flow.append(findings_table(findings, rules=True))
    else:
        flow.append(para("Aucun constat : tous les contrôles sont satisfaits.", "Body"))
    if c.notes:
        flow.append(Spacer(1, 3 * mm))
        flow.append(CondPageBreak(25 * mm))
        flow.append(subheading("Interprétations retenues pour cette campagne"))
        for note in c.notes:
            flow.append(para(f"• {note}", "BodySmall"))
    return flow
