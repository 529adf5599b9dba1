"""What the OGs sign: the attestations, then one signature block per OG, the porteur first.

Writing lines are drawn rules, not dots: dots wrap unpredictably with long names. A signature
block is never split across pages.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from esms_desktop.domain.dossier import Porteur
from esms_desktop.domain.grappe import OgRole, Organisation
from esms_desktop.reports.base import (
    ACCENT,
    MUTED,
    RULE,
    ZEBRA,
    SplittingTable,
    checkbox,
    clean,
    para,
    signature_rows,
    table_style,
)
from esms_desktop.reports.candidature.common import SectionTitle, missing, role_label
from esms_desktop.reports.candidature.context import CandidatureContext


def attestations(ctx: CandidatureContext) -> list[Flowable]:
    """« Attestations »: each with its box, ticked or not; an unticked one is to complete."""
    flow: list[Flowable] = [SectionTitle("Attestations")]
    flow.append(
        para(
            "Le porteur, au nom des organismes gestionnaires de la grappe, atteste que :",
            "Body",
        )
    )
    rows: list[list[Any]] = []
    for a in ctx.dossier.attestations:
        rows.append([para(checkbox(a.accepted), "Box"), para(a.label, "Body")])
    if rows:
        t = SplittingTable(rows, colWidths=[9 * mm, ctx.portrait_width - 9 * mm], hAlign="LEFT")
        t.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        flow.append(t)
    if any(not a.accepted for a in ctx.dossier.attestations):
        flow.append(
            missing(
                "À COMPLÉTER — une attestation non cochée doit l'être (ou la situation "
                "expliquée à l'ARS) avant le dépôt."
            )
        )
    return flow


def signatures(ctx: CandidatureContext) -> list[Flowable]:
    """« Signatures des organismes gestionnaires »: the porteur's block first."""
    flow: list[Flowable] = [
        CondPageBreak(90 * mm),
        SectionTitle("Signatures des organismes gestionnaires"),
    ]
    flow.append(
        para(
            "Chaque organisme gestionnaire de la grappe signe ci-dessous, le porteur en "
            "premier, en faisant précéder sa signature de la mention manuscrite « Lu et "
            "approuvé ».",
            "BodySmall",
        )
    )
    ogs = sorted(ctx.dossier.grappe.organisations, key=lambda o: o.role is not OgRole.PORTEUR)
    if not ogs:
        ogs = [Organisation(ctx.porteur.name or "Porteur du projet", OgRole.PORTEUR)]
    for og in ogs:
        flow.append(Spacer(1, 3 * mm))
        flow.append(KeepTogether([signature_block(og, ctx.porteur, ctx.portrait_width)]))
    return flow


def signature_block(og: Organisation, porteur: Porteur, width: float) -> Table:
    """Name, role, signatory, "Fait à … le …", then the signature and stamp boxes."""
    signatory = ""
    if og.role is OgRole.PORTEUR and porteur.legal_representative:
        signatory = ", ".join(
            x for x in (porteur.legal_representative, porteur.legal_representative_title) if x
        )
    ident = " · ".join(
        x
        for x in (
            f"SIREN {og.siren}" if og.siren else "SIREN : ",
            f"FINESS juridique {og.finess_ej}" if og.finess_ej else "",
        )
        if x
    )
    label_w, le_w = 46 * mm, 8 * mm
    place_w = (width - label_w - le_w) * 0.55
    widths = [label_w, place_w, le_w, width - label_w - le_w - place_w]
    rows: list[list[Any]] = [
        [
            para(f"<b>{clean(og.name)}</b>", "Body", markup=True),
            "",
            "",
            para(role_label(og), "CellBold"),
        ],
        [para(ident, "BodySmall"), "", "", ""],
        *signature_rows(para(signatory, "Value")),
    ]
    t = SplittingTable(
        rows,
        colWidths=widths,
        rowHeights=[None, None, 10 * mm, 10 * mm, 7 * mm, 32 * mm],
        hAlign="LEFT",
    )
    t.setStyle(
        table_style(
            [
                ("SPAN", (0, 0), (2, 0)),
                ("SPAN", (0, 1), (3, 1)),
                ("SPAN", (1, 2), (3, 2)),
                ("SPAN", (0, 4), (1, 4)),
                ("SPAN", (2, 4), (3, 4)),
                ("SPAN", (0, 5), (1, 5)),
                ("SPAN", (2, 5), (3, 5)),
                ("VALIGN", (0, 0), (-1, 1), "TOP"),
                ("VALIGN", (0, 2), (-1, 4), "BOTTOM"),
                ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                ("BACKGROUND", (0, 0), (-1, 0), ZEBRA),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
                # writing lines
                ("LINEBELOW", (1, 2), (3, 2), 0.5, MUTED),
                ("LINEBELOW", (1, 3), (1, 3), 0.5, MUTED),
                ("LINEBELOW", (3, 3), (3, 3), 0.5, MUTED),
                # signature and stamp boxes
                ("BOX", (0, 5), (1, 5), 0.6, MUTED),
                ("BOX", (2, 5), (3, 5), 0.6, MUTED),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return t
