"""The cover: the call, the grappe in figures, the amount asked for and the two verdicts.

The verdict box says both whether the project is eligible and whether the dossier is complete:
green only when it is both, amber « Éligible — dossier incomplet », red when not eligible. An
amount not known yet is printed « à renseigner », never « 0 € ». A long dossier's cover ends
with a short contents list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from esms_desktop.domain.budget import Budget, TrancheAmount
from esms_desktop.domain.campaign import ValueStatus, Window
from esms_desktop.domain.findings import Severity
from esms_desktop.domain.formatting import (
    format_date,
    format_eur,
    format_number,
    format_pct,
    plural,
)
from esms_desktop.reports.base import (
    ALERT,
    ALERT_BG,
    CELL_PADDING,
    GOOD,
    GOOD_BG,
    RULE,
    WARN,
    WARN_BG,
    HeadingPage,
    clean,
    key_value_table,
    para,
    table_style,
)
from esms_desktop.reports.candidature.common import MISSING, TO_CONFIRM, TO_FILL
from esms_desktop.reports.candidature.context import CandidatureContext, Verdict


def section(ctx: CandidatureContext) -> list[Flowable]:
    d, b, c = ctx.dossier, ctx.budget, ctx.campaign
    width = ctx.portrait_width
    listed = d.grappe.establishment_count
    flow: list[Flowable] = [
        Spacer(1, 14 * mm),
        para("PROGRAMME ESMS NUMÉRIQUE — CNSA / ARS", "Kicker"),
        para("Dossier de candidature", "Title"),
        para(d.project_title or d.name, "Subtitle"),
        Spacer(1, 2 * mm),
        para(f"Porteur du projet : {ctx.porteur.name or MISSING}", "Body"),
        Spacer(1, 8 * mm),
    ]
    windows = [window_text(w) for w in c.windows] or ["dates de l'appel non renseignées"]
    if b.complete:
        total_text = format_eur(b.total)
    elif b.total:
        total_text = (
            f"{TO_FILL} — total incomplet : {format_eur(b.total)} de montants connus, "
            "d'autres restent à renseigner"
        )
    else:
        total_text = f"{TO_FILL} — les montants de la campagne restent à saisir"
    ogs = d.grappe.organisations
    small = sum(o.is_small for o in ogs)
    og_text = f"{len(ogs)} (dont {plural(small, 'petit OG', 'petits OG')})"
    inferred = sum(o.declared_size is None for o in ogs)
    if inferred:
        og_text += (
            f" — taille déduite des ESSMS listés pour {plural(inferred, 'OG', 'OG')}, à déclarer"
        )
    pairs: list[tuple[str, Flowable | str]] = [
        ("Appel à projets", c.title),
        ("Calendrier de l'appel", para("<br/>".join(clean(w) for w in windows), markup=True)),
        ("Dossier", d.name),
        ("Organismes gestionnaires", og_text),
        (
            "ESSMS",
            f"{format_number(listed)} listés · {format_number(b.counted_establishments)} "
            f"comptés · {format_number(b.funded_count)} financés",
        ),
        (
            f"Montant total demandé ({b.tax})",
            para(f"<b>{clean(total_text)}</b>", "Value", markup=True),
        ),
        (
            f"Versements ({b.tax})",
            para(
                "<br/>".join(
                    clean(f"{format_pct(t.pct)} — {t.label} : {tranche_amount(b, t)}")
                    for t in b.tranches
                ),
                "Value",
                markup=True,
            ),
        ),
    ]
    flow.append(key_value_table(pairs, width))
    flow.append(Spacer(1, 6 * mm))
    flow.append(verdict_box(ctx, width))
    flow.append(Spacer(1, 6 * mm))
    flow.append(
        para(
            "Ce dossier est imprimé, paraphé et signé par chaque organisme gestionnaire de la "
            "grappe (section « Signatures », qui clôt la partie signée), conservé par chacun "
            "et joint au dépôt en ligne de la candidature. Les annexes placées après les "
            "signatures détaillent le calcul ; elles ne sont pas signées.",
            "Muted",
        )
    )
    flow.append(
        para(
            f"Document généré le {format_date(ctx.generated_on, long=True)} — "
            f"empreinte des données : {ctx.fingerprint}. Deux exemplaires portant la "
            "même empreinte décrivent exactement le même dossier.",
            "Muted",
        )
    )
    if ctx.contents:
        flow.append(Spacer(1, 4 * mm))
        flow.append(ContentsSlot(width))  # the story puts the list there once numbered
    return flow


class ContentsSlot(Spacer):
    """Where the cover's contents list goes: the document replaces it with
    :func:`contents_table` once the sections are numbered (their titles are known then)."""

    def __init__(self, width: float) -> None:
        super().__init__(width, 0)
        self.table_width = width


def tranche_amount(b: Budget, t: TrancheAmount) -> str:
    """A tranche's amount, « à renseigner » while the total is not known."""
    if b.complete:
        return format_eur(t.amount)
    if t.amount:
        return f"{TO_FILL} ({format_eur(t.amount)} sur les montants connus)"
    return TO_FILL


def contents_table(titles: Sequence[str], width: float) -> Table:
    """« Sommaire »: the sections and annexes with their page, in two columns. The pages are
    drawn from forms the canvas fills at the end of the one layout (:class:`HeadingPage`)."""
    cells = [
        [para(clean(title), "CellSmallInk"), HeadingPage(i, 14 * mm - CELL_PADDING)]
        for i, title in enumerate(titles)
    ]
    half = (len(cells) + 1) // 2
    left, right_col = cells[:half], cells[half:]
    rows: list[list[Any]] = [[para("<b>Sommaire</b>", "Cell", markup=True), "", "", ""]]
    for i, pair in enumerate(left):
        other = right_col[i] if i < len(right_col) else ["", ""]
        rows.append([*pair, *other])
    col = width / 2
    t = Table(rows, colWidths=[col - 14 * mm, 14 * mm, col - 14 * mm, 14 * mm], hAlign="LEFT")
    t.setStyle(
        table_style(
            [
                ("SPAN", (0, 0), (-1, 0)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LINEABOVE", (0, 0), (-1, 0), 0.5, RULE),
                ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
            ]
        )
    )
    return t


_POINT_WORDS = ("date limite", "clôture", "ouverture", "signature")
"""Labels naming one day rather than a period: « Date limite : 20 octobre 2021 »."""


def window_text(w: Window) -> str:
    """One window of the call's calendar, in words (``à confirmer`` when unconfirmed).

    A label that already names a day (« Date limite de dépôt », « Clôture ») gets the date alone
    (no « date limite : jusqu'au »), and « date non publiée » when it has none.
    """
    point = any(word in w.label.casefold() for word in _POINT_WORDS)
    if w.start and w.end:
        text = f"du {format_date(w.start, long=True)} au {format_date(w.end, long=True)}"
    elif w.end:
        day = format_date(w.end, long=True)
        text = day if point else f"jusqu'au {day}"
    elif w.start:
        day = format_date(w.start, long=True)
        text = day if point else f"à partir du {day}"
    else:
        text = "date non publiée" if point else "dates non publiées"
    if w.status is ValueStatus.A_CONFIRMER:
        text += f" ({TO_CONFIRM})"
    return f"{w.label} : {text}"


def verdict_box(ctx: CandidatureContext, width: float) -> Table:
    """Eligibility, then completeness: green when eligible and complete, amber when eligible
    but incomplete, red when not eligible (:attr:`CandidatureContext.verdict`). The colour is
    doubled by the words and the frame's weight, so the box reads in greyscale too."""
    b = ctx.budget
    blocking = sum(1 for f in b.findings if f.severity is Severity.BLOQUANT)
    warnings = sum(1 for f in b.findings if f.severity is Severity.AVERTISSEMENT)
    n = ctx.to_complete
    many = plural(n, "élément", "éléments")
    verdict = ctx.verdict
    if verdict is Verdict.READY:
        headline = "Projet éligible à cette campagne : OUI — dossier complet"
        fg, bg, frame = GOOD, GOOD_BG, 1.2
    elif verdict is Verdict.INCOMPLETE:
        headline = f"Éligible — dossier incomplet : {many} à compléter"
        fg, bg, frame = WARN, WARN_BG, 2.0
    else:
        headline = "Projet éligible à cette campagne : NON"
        fg, bg, frame = ALERT, ALERT_BG, 2.4
    if b.eligible:
        detail = "Projet éligible à cette campagne : OUI — aucun point bloquant"
        if warnings:
            detail += (
                f" ; {plural(warnings, 'avertissement', 'avertissements')} à examiner "
                "(section « Points ouverts »)"
            )
    else:
        points = plural(blocking, "point bloquant", "points bloquants")
        detail = f"{points} à lever (section « Points ouverts »)"
    if n:
        complete = (
            f"Dossier complet : NON ({many} à compléter — voir la liste « Éléments manquants »)"
        )
    else:
        complete = "Dossier complet : OUI"
    cell = [
        para(f"<b>{clean(headline)}</b>", "Subtitle", markup=True),
        para(detail, "BodySmall"),
        para(f"<b>{clean(complete)}</b>", "Body", markup=True),
    ]
    t = Table([[cell]], colWidths=[width], hAlign="LEFT")
    t.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), frame, fg),
                ("BACKGROUND", (0, 0), (-1, -1), bg),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("TEXTCOLOR", (0, 0), (-1, -1), fg),
            ]
        )
    )
    t.verdict = verdict  # read by tests: the colour chosen, by name
    return t
