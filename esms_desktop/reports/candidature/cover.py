"""The cover: the call, the grappe in figures, the amount asked for and the two verdicts.

The verdict box says both whether the project is eligible and whether the dossier is complete:
an eligible but incomplete dossier is never shown with a green « OUI » alone.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from esms_desktop.domain.campaign import ValueStatus, Window
from esms_desktop.domain.findings import Severity
from esms_desktop.domain.formatting import format_date, format_eur, format_number, format_pct
from esms_desktop.reports.base import (
    ALERT,
    ALERT_BG,
    GOOD,
    GOOD_BG,
    clean,
    key_value_table,
    para,
    table_style,
)
from esms_desktop.reports.candidature.common import MISSING, TO_CONFIRM
from esms_desktop.reports.candidature.context import CandidatureContext


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
    total_text = format_eur(b.total)
    if not b.complete:
        total_text += " (total incomplet : des montants restent à renseigner)"
    ogs = d.grappe.organisations
    pairs: list[tuple[str, Flowable | str]] = [
        ("Appel à projets", f"{c.title} ({c.id})"),
        ("Calendrier de l'appel", para("<br/>".join(clean(w) for w in windows), markup=True)),
        ("Dossier", d.name),
        (
            "Organismes gestionnaires",
            f"{len(ogs)} (dont {sum(o.is_small for o in ogs)} petits OG)",
        ),
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
                    clean(f"{format_pct(t.pct)} — {t.label} : {format_eur(t.amount)}")
                    for t in b.tranches
                ),
                "Value",
                markup=True,
            ),
        ),
    ]
    flow.append(key_value_table(pairs, width))
    flow.append(Spacer(1, 8 * mm))
    flow.append(verdict_box(ctx, width))
    flow.append(Spacer(1, 10 * mm))
    flow.append(
        para(
            "Ce dossier est imprimé, signé par chaque organisme gestionnaire de la grappe "
            "(section « Signatures »), conservé par chacun et joint au dépôt en ligne de la "
            "candidature. Les montants et constats proviennent du moteur de calcul "
            "d'esms-desktop pour la campagne indiquée ; chaque montant est suivi de la règle "
            "qui le fonde.",
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
    return flow


def window_text(w: Window) -> str:
    """One window of the call's calendar, in words (``à confirmer`` when unconfirmed)."""
    if w.start and w.end:
        text = f"du {format_date(w.start, long=True)} au {format_date(w.end, long=True)}"
    elif w.end:
        text = f"jusqu'au {format_date(w.end, long=True)}"
    elif w.start:
        text = f"à partir du {format_date(w.start, long=True)}"
    else:
        text = "dates non publiées"
    if w.status is ValueStatus.A_CONFIRMER:
        text += f" ({TO_CONFIRM})"
    return f"{w.label} : {text}"


def verdict_box(ctx: CandidatureContext, width: float) -> Table:
    """Eligibility, then completeness, in a box coloured by the worse of the two."""
    b = ctx.budget
    blocking = sum(1 for f in b.findings if f.severity is Severity.BLOQUANT)
    warnings = sum(1 for f in b.findings if f.severity is Severity.AVERTISSEMENT)
    if b.eligible:
        verdict = "Projet éligible à cette campagne : OUI"
        detail = "aucun point bloquant"
        if warnings:
            detail += f" ; {warnings} avertissement(s) à examiner (section « Points ouverts »)"
        fg, bg = GOOD, GOOD_BG
    else:
        verdict = "Projet éligible à cette campagne : NON"
        detail = f"{blocking} point(s) bloquant(s) à lever (section « Points ouverts »)"
        fg, bg = ALERT, ALERT_BG
    n = len(ctx.missing)
    if n:
        many = "1 élément manque" if n == 1 else f"{n} éléments manquent"
        complete = (
            f"Dossier complet : NON ({many} — voir la liste « Éléments manquants » en fin de "
            "document)"
        )
        if b.eligible:
            fg, bg = ALERT, ALERT_BG  # eligible but not ready: never a green « OUI » alone
    else:
        complete = "Dossier complet : OUI"
    cell = [
        para(f"<b>{clean(verdict)}</b>", "Subtitle", markup=True),
        para(detail, "BodySmall"),
        para(f"<b>{clean(complete)}</b>", "Body", markup=True),
    ]
    t = Table([[cell]], colWidths=[width], hAlign="LEFT")
    t.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, fg),
                ("BACKGROUND", (0, 0), (-1, -1), bg),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("TEXTCOLOR", (0, 0), (-1, -1), fg),
            ]
        )
    )
    return t
