"""« Porteur du projet »: the legal identity of the OG that files the candidature.

Every empty field is printed « à compléter »: the ARS asks for each of them.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from esms_desktop.reports.base import key_value_table
from esms_desktop.reports.candidature.common import SectionTitle, value_or_missing
from esms_desktop.reports.candidature.context import CandidatureContext


def section(ctx: CandidatureContext) -> list[Flowable]:
    p = ctx.porteur
    address = ", ".join(
        part for part in (p.address, " ".join(x for x in (p.postal_code, p.town) if x)) if part
    )
    rep = ", ".join(x for x in (p.legal_representative, p.legal_representative_title) if x)
    pairs: list[tuple[str, Flowable | str]] = [
        ("Raison sociale", value_or_missing(p.name)),
        ("Statut juridique", value_or_missing(p.legal_status)),
        ("SIREN", value_or_missing(p.siren)),
        ("SIRET", value_or_missing(p.siret)),
        ("FINESS juridique", value_or_missing(p.finess_ej)),
        ("Adresse", value_or_missing(address)),
        ("Représentant légal", value_or_missing(rep)),
        ("Chef de projet", value_or_missing(p.project_lead)),
        ("Courriel", value_or_missing(p.contact_email)),
        ("Téléphone", value_or_missing(p.contact_phone)),
    ]
    return [SectionTitle("Porteur du projet"), key_value_table(pairs, ctx.portrait_width)]
