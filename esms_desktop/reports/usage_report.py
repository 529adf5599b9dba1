"""« Rapport d'atteinte des cibles d'usage »: the proof asked for before the last payment.

The last tranche (20 % in the amorçage calls, 50 % in the généralisation calls) is paid only when
the usage targets are reached and proven (programme.md §5, §8). The ARS instructor reads: for the
project, each target with its threshold, the value reached, whether it is reached, by how much,
since when and by which deadline; the ESSMS that hold the project back first; then ESSMS by
ESSMS, indicator by indicator, the values of every period; the ESSMS exempt from a target and
why; the pieces of evidence attached; and the porteur's signed attestation.

A threshold stays badged « à confirmer » until the user types it from her signed convention
(``FollowUp.confirmed_thresholds``): no public source gives them, so a threshold the software
proposed must not read as the ARS's. Every figure and verdict is the domain's
(:func:`~esms_desktop.domain.usage_progress.progress`); this module only lays them out. A
target is shown in its state (:class:`~esms_desktop.domain.usage_progress.TargetState`:
atteinte, non atteinte, seuil à confirmer, sans valeur), the same words as the window and the
payment statement: one whose values exist but whose threshold is not typed is not « not
measurable ».
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, NextPageTemplate, Spacer

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.dossier import Annex, Dossier, UsageTarget
from esms_desktop.domain.follow_up import Period
from esms_desktop.domain.formatting import format_date, format_decimal, format_threshold
from esms_desktop.domain.payments import PaymentStatus
from esms_desktop.domain.usage_progress import (
    AggregateBasis,
    ProjectProgress,
    TargetProgress,
    TargetState,
    UsageProgress,
    is_share,
)
from esms_desktop.reports.base import (
    ALERT,
    GOOD,
    MUTED,
    WARN,
    BaseDocument,
    checkbox,
    clean,
    grid_table,
    para,
)
from esms_desktop.reports.follow_up_common import (
    TO_CONFIRM,
    FollowUpDocument,
    bullet_list,
    hex_colour,
    verdict_box,
)

TITLE = "Rapport d'atteinte des cibles d'usage"

PERIOD_COLUMNS = 6
"""Periods per row of an ESSMS's table at most: beyond, the periods go on to further tables of
even sizes (a year of months prints as two blocks of six; seven periods as four and three),
each period header on one line (« 2026-01 »)."""

_USAGE_WORDS = (
    "usage",
    "dui actif",
    "ins",
    "dmp",
    "mon espace sante",
    "mssante",
    "indicateur",
    "cible",
)
"""Words of an annex's key or label saying it proves usage (accents and case ignored)."""


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("_", " ")


def usage_evidence(dossier: Dossier) -> tuple[Annex, ...]:
    """The dossier's annexes that prove usage, in the dossier's order.

    An annex concerns usage when a word of its key or label is one of :data:`_USAGE_WORDS`
    (« Export des DUI actifs », « justificatif_usage »…): the candidature's own pieces
    (statutes, RIB) are not evidence of usage and are left out.
    """
    found = []
    for annex in dossier.annexes:
        words = f" {_plain(annex.key)} {_plain(annex.label)} "
        for w in _USAGE_WORDS:
            if f" {w}" in words and (
                words.index(f" {w}") + len(w) + 1 >= len(words)
                or not words[words.index(f" {w}") + len(w) + 1].isalpha()
            ):
                found.append(annex)
                break
    return tuple(found)


STATE_INK = {
    TargetState.ATTEINTE: GOOD,
    TargetState.NON_ATTEINTE: ALERT,
    TargetState.SEUIL_A_CONFIRMER: WARN,
    TargetState.SANS_VALEUR: MUTED,
    TargetState.SANS_OBJET: MUTED,
}


def _state_cell(state: TargetState) -> Flowable:
    """The « Atteinte » cell: the target's state in the domain's words, coloured."""
    colour = hex_colour(STATE_INK[state])
    return para(f"<font color='{colour}'><b>{state.label}</b></font>", "Cell", markup=True)


def verdict_title(progress: UsageProgress) -> tuple[str, str]:
    """The cover box's title and tone: how many targets are reached, then how many of the
    others are in each state (« 1 cible d'usage sur 4 atteinte : 1 seuil à confirmer, 2 sans
    valeur »); red when a target is measured and not reached, amber otherwise."""
    projects = progress.projects
    if not projects:
        return "Aucune cible d'usage dans le dossier", "warn"
    if progress.all_reached:
        return "Toutes les cibles d'usage sont atteintes", "good"
    counts = {s: sum(1 for p in projects if p.state is s) for s in TargetState}
    reached = counts[TargetState.ATTEINTE]
    n = len(projects)
    head = (
        f"{reached} cible{'s' if reached > 1 else ''} d'usage sur {n} "
        f"atteinte{'s' if reached > 1 else ''}"
        if reached
        else f"Aucune cible d'usage sur {n} atteinte"
    )
    order = (
        TargetState.NON_ATTEINTE,
        TargetState.SEUIL_A_CONFIRMER,
        TargetState.SANS_VALEUR,
        TargetState.SANS_OBJET,
    )
    rest = [f"{counts[s]} {_plural(s, counts[s])}" for s in order if counts[s]]
    tone = "alert" if counts[TargetState.NON_ATTEINTE] else "warn"
    return f"{head} : {', '.join(rest)}", tone


def _plural(state: TargetState, count: int) -> str:
    if count > 1 and state is TargetState.NON_ATTEINTE:
        return "non atteintes"
    if count > 1 and state is TargetState.SEUIL_A_CONFIRMER:
        return "seuils à confirmer"
    return state.label


def _figure(value: Decimal) -> str:
    """At most one decimal, French comma, never « -0 »."""
    return format_decimal(value.quantize(Decimal("0.1")).normalize() + 0)


def number(value: Decimal | None, target: UsageTarget) -> str:
    """A value of one ESSMS in the target's unit: « 82,5 % », « 164 messages », « — »."""
    if value is None:
        return "—"
    if is_share(target) or target.threshold is None:
        return f"{_figure(value)}\u00a0%"
    return f"{_figure(value)} {target.threshold.unit}"


def cell_number(value: Decimal | None, target: UsageTarget) -> str:
    """A value in a period column: a share with its « % », a count bare (its unit is in the
    threshold beside it, and a narrow column must not break « 27 documents »)."""
    if value is None:
        return "—"
    if is_share(target) or target.threshold is None:
        return f"{_figure(value)}\u00a0%"
    return _figure(value)


def gap_text(gap: Decimal | None, target: UsageTarget) -> str:
    """A signed gap: points of % for a share (« −7,5 pts »), the unit for a count."""
    if gap is None:
        return "—"
    sign = "+" if gap > 0 else ("−" if gap < 0 else "")
    if is_share(target) or target.threshold is None:
        return f"{sign}{_figure(abs(gap))}\u00a0pts"
    return f"{sign}{_figure(abs(gap))} {target.threshold.unit}"


def project_number(value: Decimal | None, p: ProjectProgress) -> str:
    """The project's value as its basis reads: a share, a share of ESSMS, or a sum."""
    if value is None:
        return "—"
    if p.basis is AggregateBasis.PART_ESSMS:
        return f"{_figure(value)}\u00a0% des ESSMS"
    return number(value, p.target)


def project_gap(p: ProjectProgress) -> str:
    if p.gap is None:
        return "—"
    if p.basis is AggregateBasis.PART_ESSMS:
        sign = "+" if p.gap > 0 else ("−" if p.gap < 0 else "")
        return f"{sign}{_figure(abs(p.gap))}\u00a0pts"
    return gap_text(p.gap, p.target)


def period_text(period: Period | None) -> str:
    return str(period) if period is not None else "—"


class UsageReport(FollowUpDocument):
    """The report: cover and verdict, summary per target, blocking ESSMS, detail, evidence."""

    kind = TITLE

    def __init__(
        self,
        dossier: Dossier,
        progress: UsageProgress,
        payment: PaymentStatus,
        campaign: Campaign,
        budget: Budget,
        generated_on: date | None = None,
    ) -> None:
        self.progress = progress
        self.payment = payment
        super().__init__(dossier, budget, campaign, generated_on)

    # --- small helpers -----------------------------------------------------------------------

    def threshold_cell(self, p: ProjectProgress) -> Flowable:
        """The threshold, badged « à confirmer » unless the user typed her convention's."""
        target = p.target
        if target.threshold is None:
            self.gaps.append(f"seuil de « {target.indicator} »")
            return para(f"seuil {TO_CONFIRM}", "Badge")
        text = clean(format_threshold(target.threshold))
        if p.confirmed:
            return para(text, "CellRight", markup=True)
        self.gaps.append(f"seuil de « {target.indicator} »")
        return para(
            f"{text}<br/><font color='{hex_colour(WARN)}' size='7'><b>{TO_CONFIRM}</b></font>",
            "CellRight",
            markup=True,
        )

    def covered(self) -> str:
        periods = sorted({v.period for v in self.dossier.follow_up.indicators})
        if not periods:
            self.gaps.append("valeurs des indicateurs")
            return "aucune valeur saisie"
        if len(periods) == 1:
            return str(periods[0])
        return f"de {periods[0]} à {periods[-1]} ({len(periods)} périodes)"

    def followed(self) -> list[tuple[str, str, str]]:
        """(FINESS, name, OG) of every ESSMS concerned by a target, in the grappe's order."""
        seen: dict[str, tuple[str, str, str]] = {}
        for p in self.progress.projects:
            for tp in sorted(p.essms, key=lambda t: self._rank.get(t.finess, 0)):
                seen.setdefault(tp.finess, (tp.finess, tp.name, tp.og))
        return sorted(seen.values(), key=lambda e: self._rank.get(e[0], 0))

    @property
    def _rank(self) -> dict[str, int]:
        return {e.finess: i for i, (_og, e) in enumerate(self.dossier.grappe.rows())}

    # --- the story ---------------------------------------------------------------------------

    def build(self) -> list[Flowable]:
        flow: list[Flowable] = [NextPageTemplate("portrait"), *self.cover(TITLE)]
        flow.append(Spacer(1, 4 * mm))
        flow.append(self.verdict())
        flow += self.amendments()
        flow += self.summary()
        flow += self.blocking()
        flow += self.detail()
        flow += self.exempt()
        flow += self.evidence()
        flow.append(CondPageBreak(90 * mm))
        flow.append(BaseDocument.heading("6. Attestation du porteur", 0))
        flow += self.signature(
            "atteste l'exactitude des valeurs d'usage du présent rapport, mesurées dans les "
            "ESSMS de la grappe, et tient leurs justificatifs à la disposition de l'ARS"
        )
        return flow

    def identity(self) -> list[tuple[str, Flowable | str]]:
        pairs = super().identity()
        pairs.append(("Période couverte", self.covered()))
        pairs.append(("ESSMS suivis", str(len(self.followed()))))
        return pairs

    def verdict(self) -> Flowable:
        last = self.payment.tranches[-1] if self.payment.tranches else None
        detail = ""
        if last is not None:
            detail = (
                f"Dernière tranche ({clean(last.tranche.label)}) : <b>{clean(last.state.label)}</b>"
            )
            if last.why:
                detail += " — " + clean(last.why)
            detail += "."
        text, tone = verdict_title(self.progress)
        return verdict_box(text, detail, tone, self.portrait_width)

    def summary(self) -> list[Flowable]:
        flow: list[Flowable] = [
            CondPageBreak(50 * mm),
            BaseDocument.heading("1. Synthèse par cible, pour le projet", 0),
        ]
        head = (
            "Indicateur",
            "Seuil",
            "Valeur du projet",
            "Atteinte",
            "Écart",
            "Depuis",
            "Échéance",
        )
        right = ("Seuil", "Valeur du projet", "Écart")
        rows: list[list[Any]] = [
            [para(h, "CellHeadRight" if h in right else "CellHead") for h in head]
        ]
        for p in self.progress.projects:
            t = p.target
            label = clean(t.indicator)
            if t.sector:
                label += f"<br/><font size='7' color='#5A5A5A'>secteur {clean(t.sector)}</font>"
            value = clean(project_number(p.value, p))
            value += (
                f"<br/><font size='7' color='#5A5A5A'>{p.measured} ESSMS mesurés sur "
                f"{len(p.essms)}</font>"
            )
            rows.append(
                [
                    para(label, "Cell", markup=True),
                    self.threshold_cell(p),
                    para(value, "CellRightBold", markup=True),
                    _state_cell(p.state),
                    para(project_gap(p), "CellRight"),
                    para(period_text(p.since), "Cell"),
                    para(format_date(p.deadline) or (t.window or "—"), "Cell"),
                ]
            )
        flow.append(grid_table(rows, [w * mm for w in (46, 21, 27, 20, 18, 16, 22)]))
        flow.append(Spacer(1, 1.5 * mm))
        # how each value was computed, for the targets that have one
        notes = [
            f"{p.target.indicator} : {p.basis.label}."
            for p in self.progress.projects
            if p.value is not None
        ]
        if notes:
            flow.append(para("Valeur du projet :", "Muted"))
            flow += [para(f"• {n}", "Muted") for n in notes]
        flow.append(
            para(
                "Écart : valeur moins objectif (en points pour une part). Depuis : première "
                "période depuis laquelle la cible reste atteinte. Une cible n'est atteinte pour "
                "le projet que si chaque ESSMS concerné a une valeur. Un seuil "
                f"« {TO_CONFIRM} » n'a pas encore été saisi depuis la convention signée : une "
                "cible sans seuil ne peut pas être jugée, ni une cible sans valeur.",
                "Muted",
            )
        )
        return flow

    def blocking(self) -> list[Flowable]:
        flow: list[Flowable] = [
            CondPageBreak(40 * mm),
            BaseDocument.heading("2. ESSMS en retard", 0),
        ]
        blocking = self.progress.blocking_essms()
        unjudged = [
            p.target.indicator
            for p in self.progress.projects
            if p.state in (TargetState.SEUIL_A_CONFIRMER, TargetState.SANS_VALEUR)
        ]
        if not blocking:
            if unjudged:
                text = (
                    "Aucun ESSMS sous un seuil saisi. Sans seuil ou sans valeur, ces cibles ne "
                    f"peuvent pas encore être jugées : {' ; '.join(unjudged)}."
                )
            else:
                text = "Aucun ESSMS ne retient le projet : chaque cible mesurée est atteinte."
            flow.append(para(text, "Body"))
            return flow
        head = ("FINESS", "ESSMS", "Indicateur", "Dernière valeur", "Seuil", "Écart")
        right = ("Dernière valeur", "Écart")
        rows: list[list[Any]] = [
            [para(h, "CellHeadRight" if h in right else "CellHead") for h in head]
        ]
        for finess in blocking:
            for p in self.progress.projects:
                for tp in p.laggards:
                    if tp.finess != finess:
                        continue
                    t = tp.target
                    latest = tp.latest
                    rows.append(
                        [
                            para(tp.finess, "Cell"),
                            para(tp.name, "Cell"),
                            para(t.indicator, "Cell"),
                            para(
                                number(latest.value, t) if latest else "aucune valeur",
                                "CellRight",
                            ),
                            para(format_threshold(t.threshold) or TO_CONFIRM, "Cell"),
                            para(gap_text(tp.gap, t), "CellRightBold"),
                        ]
                    )
        flow.append(
            para(
                f"{len(blocking)} ESSMS en retard"
                + (
                    ", les plus en retard d'abord (le plus de cibles manquées, puis le plus "
                    "grand écart au seuil)."
                    if len(blocking) > 1
                    else "."
                ),
                "BodySmall",
            )
        )
        flow.append(
            grid_table(rows, [w * mm for w in (20, 42, 48, 22, 20, 18)], long=len(rows) > 60)
        )
        # a share weighted over the project can be reached with some ESSMS below it
        carried = [
            p.target.indicator
            for p in self.progress.projects
            if p.state is TargetState.ATTEINTE and p.laggards
        ]
        if carried:
            flow.append(Spacer(1, 1.5 * mm))
            flow.append(
                para(
                    "Cible atteinte pour le projet malgré ces retards (valeur du projet au-dessus "
                    f"du seuil) : {' ; '.join(carried)}.",
                    "Muted",
                )
            )
        if unjudged:
            flow.append(Spacer(1, 1.5 * mm))
            flow.append(
                para(
                    "Sans seuil ou sans valeur, ces cibles ne peuvent pas encore être jugées et "
                    f"ne figurent pas ici : {' ; '.join(unjudged)}.",
                    "Muted",
                )
            )
        return flow

    def detail(self) -> list[Flowable]:
        flow: list[Flowable] = [
            CondPageBreak(50 * mm),
            BaseDocument.heading("3. Détail par ESSMS et par indicateur", 0),
            para(
                "Valeurs de chaque période ; les ESSMS en retard d'abord, puis les "
                "autres dans l'ordre de la grappe.",
                "BodySmall",
            ),
        ]
        first = self.progress.blocking_essms()
        order = list(dict.fromkeys([*first, *(e[0] for e in self.followed())]))
        names = {e[0]: e for e in self.followed()}
        for finess in order:
            items = self.progress.for_essms(finess)
            if items:
                flow += self.essms_block(names[finess], items)
        return flow

    def essms_block(
        self, essms: tuple[str, str, str], items: Sequence[TargetProgress]
    ) -> list[Flowable]:
        finess, name, og = essms
        periods = sorted({v.period for tp in items for v in tp.values})
        title = para(
            f"<b>{clean(finess)} — {clean(name)}</b> <font size='8' color='#5A5A5A'>"
            f"({clean(og)})</font>",
            "Body",
            markup=True,
        )
        blocks: list[Flowable] = [title]
        count = -(-len(periods) // PERIOD_COLUMNS)  # tables needed
        size = -(-len(periods) // count) if count else PERIOD_COLUMNS
        chunks = [periods[i : i + size] for i in range(0, len(periods), size)]
        for chunk in chunks or [[]]:
            blocks.append(self.essms_table(items, chunk))
            blocks.append(Spacer(1, 1 * mm))
        return [KeepTogether(blocks), Spacer(1, 2 * mm)]

    def essms_table(self, items: Sequence[TargetProgress], periods: Sequence[Period]) -> Flowable:
        width = self.portrait_width
        fixed = [35 * mm, 18 * mm, 20 * mm, 13 * mm]
        column = (width - sum(fixed)) / max(len(periods), 1)
        header: list[Any] = [para("Indicateur", "CellHead")]
        header += [para(str(p), "CellHeadRight") for p in periods]
        header += [para(h, "CellHead") for h in ("Seuil", "Atteinte", "Depuis")]
        rows: list[list[Any]] = [header]
        for tp in items:
            t = tp.target
            values = dict(tp.by_period)
            row: list[Any] = [para(t.indicator, "Cell")]
            row += [para(cell_number(values.get(p), t), "CellRight") for p in periods]
            row += [
                para(format_threshold(t.threshold) or TO_CONFIRM, "Cell"),
                _state_cell(tp.state),
                para(period_text(tp.since), "Cell"),
            ]
            rows.append(row)
        widths = [fixed[0], *([column] * len(periods)), *fixed[1:]]
        if not periods:
            widths = [fixed[0] + (width - sum(fixed)), *fixed[1:]]
        return grid_table(rows, widths)

    def exempt(self) -> list[Flowable]:
        flow: list[Flowable] = [
            CondPageBreak(30 * mm),
            BaseDocument.heading("4. ESSMS non concernés par une cible", 0),
        ]
        head = ("FINESS", "ESSMS", "Indicateur", "Motif")
        rows: list[list[Any]] = [[para(h, "CellHead") for h in head]]
        for p in self.progress.projects:
            for finess, name in p.exempt:
                reason = p.exemption_of(finess) or "non concerné par cette cible"
                rows.append(
                    [
                        para(finess, "Cell"),
                        para(name, "Cell"),
                        para(p.target.indicator, "Cell"),
                        para(reason, "Cell"),
                    ]
                )
        if len(rows) == 1:
            flow.append(para("Chaque ESSMS compté est concerné par chaque cible.", "Body"))
            return flow
        flow.append(grid_table(rows, [w * mm for w in (20, 40, 44, 66)], long=len(rows) > 60))
        return flow

    def evidence(self) -> list[Flowable]:
        flow: list[Flowable] = [
            CondPageBreak(40 * mm),
            BaseDocument.heading("5. Pièces justificatives", 0),
        ]
        annexes = usage_evidence(self.dossier)
        if annexes:
            rows: list[list[Any]] = [
                [para("", "CellHead"), para("Pièce", "CellHead"), para("Fichier joint", "CellHead")]
            ]
            for a in annexes:
                rows.append(
                    [
                        para(checkbox(a.provided), "Box"),
                        para(a.label, "Cell"),
                        para(a.file_name or ("fourni" if a.provided else "à joindre"), "Cell"),
                    ]
                )
            flow.append(grid_table(rows, [w * mm for w in (9, 100, 61)]))
            flow.append(para("☒ pièce jointe ; ☐ pièce à joindre.", "Muted"))
        else:
            flow.append(
                para(
                    self.value("", "pièces justificatives de l'usage (exports, rapports éditeur)"),
                    "Body",
                    markup=True,
                )
            )
        expected = [
            f"{t.indicator} : {t.evidence}" for t in self.dossier.usage_targets if t.evidence
        ]
        if expected:
            flow.append(Spacer(1, 2 * mm))
            flow.append(para("Justificatifs prévus par les engagements :", "BodySmall"))
            flow += bullet_list(expected)
        sources = sorted({v.source for v in self.dossier.follow_up.indicators if v.source})
        if sources:
            flow.append(Spacer(1, 2 * mm))
            flow.append(para("Sources des valeurs :", "BodySmall"))
            flow += bullet_list(sources)
        return flow


def render_usage_report(
    dossier: Dossier,
    progress: UsageProgress,
    payment: PaymentStatus,
    campaign: Campaign,
    budget: Budget,
    *,
    generated_on: date | None = None,
) -> bytes:
    """The « Rapport d'atteinte des cibles d'usage » PDF; ``generated_on`` makes it reproducible."""
    return UsageReport(dossier, progress, payment, campaign, budget, generated_on).render().data


__all__ = ["UsageReport", "render_usage_report", "usage_evidence"]
