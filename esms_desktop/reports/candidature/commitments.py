"""What the grappe commits to: usage targets, planning and governance (three short sections).

Each prints « À COMPLÉTER » when nothing was entered: the ARS asks for all three. A target shows
its current value beside its threshold (the move it commits to); the governance shows the project
team as a table (who, role, organisation, time given) before the text as entered.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from esms_desktop.domain.dossier import TeamRole
from esms_desktop.domain.formatting import format_date, format_threshold
from esms_desktop.reports.base import grid_table, para
from esms_desktop.reports.candidature.common import TO_CONFIRM, SectionTitle, missing
from esms_desktop.reports.candidature.context import CandidatureContext


def usage_targets(ctx: CandidatureContext) -> list[Flowable]:
    """« Engagements sur les cibles d'usage »: the last tranche depends on them."""
    flow: list[Flowable] = [
        CondPageBreak(45 * mm),
        SectionTitle("Engagements sur les cibles d'usage"),
    ]
    flow.append(
        para(
            "Les organismes gestionnaires s'engagent à atteindre les cibles d'usage "
            "ci-dessous ; le dernier versement en dépend. Les seuils varient selon l'appel et "
            f"le secteur : un seuil non saisi est « {TO_CONFIRM} ». La valeur actuelle est "
            "celle que les organismes constatent aujourd'hui.",
            "BodySmall",
        )
    )
    targets = ctx.dossier.usage_targets
    if not targets:
        flow.append(missing("À COMPLÉTER — aucune cible d'usage saisie."))
        return flow
    rows: list[list[Any]] = [
        [
            para(h, "CellHeadRight" if i == 2 else "CellHead")
            for i, h in enumerate(
                ("Indicateur", "Secteur", "Seuil", "Valeur actuelle", "Échéance", "Justificatif")
            )
        ]
    ]
    for t in targets:
        threshold: Flowable = (
            para(format_threshold(t.threshold), "CellRight")
            if t.threshold is not None
            else para(TO_CONFIRM, "Badge")
        )
        rows.append(
            [
                para(t.indicator, "Cell"),
                para(t.sector or "tous", "Cell"),
                threshold,
                para(t.baseline or "non renseignée", "Cell"),
                para(t.window or "—", "Cell"),
                para(t.evidence or "—", "Cell"),
            ]
        )
    # The threshold column is wide enough for « 100 messages / mois ».
    flow.append(grid_table(rows, [w * mm for w in (44, 16, 34, 24, 22, 30)]))
    return flow


def planning(ctx: CandidatureContext) -> list[Flowable]:
    """« Planning du projet »: the milestones as entered."""
    flow: list[Flowable] = [CondPageBreak(40 * mm), SectionTitle("Planning du projet")]
    milestones = ctx.dossier.milestones
    if not milestones:
        flow.append(missing("À COMPLÉTER — aucun jalon saisi (paramétrage, déploiement, usage)."))
        return flow
    rows: list[list[Any]] = [[para(h, "CellHead") for h in ("Jalon", "Échéance", "Description")]]
    for m in milestones:
        rows.append(
            [
                para(m.label, "Cell"),
                para(format_date(m.due, long=True) if m.due else "à dater", "Cell"),
                para(m.description or "—", "Cell"),
            ]
        )
    flow.append(grid_table(rows, [w * mm for w in (52, 30, 88)]))
    return flow


def governance(ctx: CandidatureContext) -> list[Flowable]:
    """« Gouvernance du projet »: the text as entered, one paragraph per blank-line block."""
    flow: list[Flowable] = [CondPageBreak(30 * mm), SectionTitle("Gouvernance du projet")]
    flow += _team(ctx)
    text = ctx.dossier.governance.strip()
    if not text and ctx.dossier.team:
        return flow
    if not text:
        flow.append(
            missing(
                "À COMPLÉTER — décrivez le pilotage de la grappe (comité, fréquence, rôle du "
                "porteur et des membres)."
            )
        )
        return flow
    for block in text.split("\n\n"):
        if block.strip():
            flow.append(para(block.strip(), "Body"))
    return flow


def _team(ctx: CandidatureContext) -> list[Flowable]:
    """« Équipe projet »: one row per member, in the order entered (nothing when none)."""
    team = ctx.dossier.team
    if not team:
        return []
    rows: list[list[Any]] = [
        [
            para(h, "CellHead")
            for h in ("Nom", "Rôle dans le projet", "Fonction", "Organisme", "Disponibilité")
        ]
    ]
    for m in team:
        role = m.role.label if isinstance(m.role, TeamRole) else str(m.role)
        rows.append(
            [
                para(m.name, "Cell"),
                para(role, "Cell"),
                para(m.function or "—", "Cell"),
                para(m.organisation or "—", "Cell"),
                para(m.availability or "à préciser", "Cell"),
            ]
        )
    return [
        para("Équipe projet", "H2"),
        grid_table(rows, [w * mm for w in (38, 34, 32, 40, 26)]),
        Spacer(1, 3 * mm),
    ]
