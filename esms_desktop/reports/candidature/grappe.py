"""« Composition de la grappe »: the convention and one row per organisme gestionnaire.

The OG's full name is printed here (the ESSMS and budget tables shorten it in their title rows).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from esms_desktop.domain.formatting import format_date, format_number, plural
from esms_desktop.domain.grappe import OgRole, Organisation
from esms_desktop.reports.base import clean, grid_table, key_value_table, para
from esms_desktop.reports.candidature.common import SectionTitle, value_or_missing
from esms_desktop.reports.candidature.context import CandidatureContext


def section(ctx: CandidatureContext) -> list[Flowable]:
    d = ctx.dossier
    ogs = d.grappe.organisations
    flow: list[Flowable] = [SectionTitle("Composition de la grappe")]
    conv = format_date(d.convention_date, long=True) if d.convention_date else ""
    flow.append(
        para(
            f"{plural(len(ogs), 'organisme gestionnaire', 'organismes gestionnaires')}, "
            f"{format_number(d.grappe.establishment_count)} ESSMS listés. "
            "Un OG de moins de 15 ESSMS (tous ceux qu'il gère, pas seulement ceux du projet) "
            "est un « petit OG ».",
        )
    )
    flow.append(
        key_value_table(
            [("Convention de grappe (signature)", value_or_missing(conv))],
            ctx.portrait_width,
            label_width=62 * mm,
        )
    )
    flow.append(Spacer(1, 3 * mm))
    head = [
        "Organisme gestionnaire",
        "Rôle",
        "SIREN",
        "FINESS juridique",
        "ESSMS gérés",
        "Petit OG",
        "ESSMS du projet",
        "Convention",
    ]
    rows: list[list[Any]] = [[para(h, "CellHead") for h in head]]
    for og in ogs:
        name = clean(og.name)
        contact = ", ".join(x for x in (og.contact_name, og.contact_email) if x)
        if contact:
            name += f"<br/><font size='7.5' color='#5A5A5A'>{clean(contact)}</font>"
        rows.append(
            [
                para(name, "Cell", markup=True),
                para("Porteur" if og.role is OgRole.PORTEUR else "Membre", "Cell"),
                para(og.siren or "—", "Cell"),
                para(og.finess_ej or "—", "Cell"),
                para(og_size_text(og), "CellRight" if og.declared_size is not None else "Cell"),
                para(f"{'oui' if og.is_small else 'non'} ({og.size_class.label})", "Cell"),
                para(format_number(len(og.establishments)), "CellRight"),
                para(format_date(og.convention_date) or "—", "Cell"),
            ]
        )
    widths = [w * mm for w in (40, 14, 19, 19, 20, 20, 15, 23)]
    flow.append(grid_table(rows, widths))
    return flow


def og_size_text(og: Organisation) -> str:
    """The OG's size as declared, or « 5 (déduit des ESSMS listés — à déclarer) »: the small-OG
    status, and the amounts that depend on it, rest on a count the user has not declared."""
    if og.declared_size is not None:
        return format_number(og.size)
    return f"{format_number(og.size)} (déduit des ESSMS listés — à déclarer)"
