"""What the OGs sign: the attestations per OG, then what each receives and one signature block
per OG, the porteur first.

Each block states what that OG commits to (its ESSMS, its amount, its share of the project lines
and of each tranche): the porteur receives the funds and passes each member its share
(:mod:`esms_desktop.domain.redistribution`), so the signature section opens with that table.

Writing lines in tables are drawn rules, not dots: dots wrap unpredictably with long names. A
signature block is never split across pages. The letter and the convention
(:mod:`esms_desktop.reports.letter`, :mod:`esms_desktop.reports.convention`) print the same
blocks and table, from the same helpers.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.dossier import Attestation, Porteur
from esms_desktop.domain.formatting import format_eur, format_pct
from esms_desktop.domain.grappe import OgRole, Organisation
from esms_desktop.domain.redistribution import OgShare, Redistribution, redistribute
from esms_desktop.domain.requirements import applicable_attestations
from esms_desktop.reports.base import (
    ACCENT,
    GROUP,
    INK,
    MUTED,
    RULE,
    ZEBRA,
    SplittingTable,
    checkbox,
    clean,
    grid_table,
    para,
    signature_rows,
    table_style,
)
from esms_desktop.reports.candidature.common import TO_FILL, SectionTitle, missing, role_label
from esms_desktop.reports.candidature.context import CandidatureContext

LISTED_ESSMS = 15
"""Up to this many funded ESSMS, a block names each (name and FINESS); beyond, it refers to the
ESSMS table, which lists them all."""

BLANK_NAME = "." * 48
BLANK_TITLE = "." * 30


# --- shared by the dossier, the letter and the convention -------------------------------------


def ordered_ogs(ogs: Sequence[Organisation], porteur: Porteur) -> list[Organisation]:
    """The grappe's OGs, the porteur first; a bare porteur when the grappe has none."""
    found = sorted(ogs, key=lambda o: o.role is not OgRole.PORTEUR)
    return found or [Organisation(porteur.name or "Porteur du projet", OgRole.PORTEUR)]


def redistribution_of(budget: Budget, ogs: Sequence[Organisation]) -> Redistribution:
    porteur = next((o.name for o in ogs if o.role is OgRole.PORTEUR), "")
    return redistribute(budget, [o.name for o in ogs], porteur)


def amount_text(amount: Decimal, complete: bool) -> str:
    """An amount, or « à renseigner » for one not known yet (never a bare « 0 € »)."""
    if complete:
        return format_eur(amount)
    if amount == 0:
        return "à renseigner"
    return f"{format_eur(amount)} connus + montants à renseigner"


def essms_words(count: int) -> str:
    return (
        "aucun ESSMS financé"
        if count == 0
        else f"{count} ESSMS financé" + ("s" if count > 1 else "")
    )


def essms_list_text(share: OgShare) -> str:
    """« EHPAD Les Hirondelles (590050076), … » or a reference to the ESSMS table."""
    if not share.essms:
        return ""
    if len(share.essms) > LISTED_ESSMS:
        return "listés au tableau des ESSMS du dossier de candidature"
    return ", ".join(f"{name} ({finess})" for finess, name in share.essms)


def tranche_texts(share: OgShare, redis: Redistribution) -> list[str]:
    complete = share.complete and redis.complete
    return [
        f"{label} ({format_pct(pct)}) : {amount_text(amount, complete)}"
        for label, pct, amount in zip(
            redis.tranche_labels, redis.tranche_pcts, share.tranches, strict=True
        )
    ]


def part_text(amount: Decimal, complete: bool) -> str:
    """A part of an OG's amount: « à renseigner » rather than « 0 € » while amounts are unknown
    (a known part prints as it is: the total beside it says what is still missing)."""
    return format_eur(amount) if complete or amount else TO_FILL


def commitment_markup(share: OgShare | None, redis: Redistribution, tax: str) -> str:
    """What an OG commits to, as paragraph markup: ESSMS, amount and its parts, tranches."""
    if share is None:
        return "Aucun ESSMS ni montant dans ce projet."
    head = f"<b>{clean(essms_words(share.essms_count))}</b>"
    listed = essms_list_text(share)
    if listed:
        head += f" : {clean(listed)}"
    amount = amount_text(share.amount, share.complete)
    parts = [f"ESSMS {part_text(share.essms_amount, share.complete)}"]
    if share.og_lines:
        parts.append(f"lignes propres {format_eur(share.og_lines)}")
    if share.project_share or share.complete:
        parts.append(f"part des lignes du projet {format_eur(share.project_share)}")
    if share.editor:
        parts.append(f"dont part destinée à l'éditeur {format_eur(share.editor)}")
    money = f"<b>Montant {clean(tax)} : {clean(amount)}</b> ({clean(' ; '.join(parts))})"
    tranches = "Versements : " + clean(" · ".join(tranche_texts(share, redis)))
    return "<br/>".join((head, money, tranches))


def redistribution_table(redis: Redistribution, width: float, tax: str) -> Table:
    """Per OG: funded ESSMS, amount (its parts below) and amount per tranche; then the total."""
    n = len(redis.tranche_labels)
    name_w, count_w, amount_w = 40 * mm, 17 * mm, 34 * mm
    tranche_w = (width - name_w - count_w - amount_w) / max(n, 1)
    rows: list[list[Any]] = [
        [
            para("Organisme gestionnaire", "CellHead"),
            para("ESSMS financés", "CellHeadRight"),
            para(f"Montant {tax}", "CellHeadRight"),
            *(
                para(f"{label} ({format_pct(pct)})", "CellHeadRight")
                for label, pct in zip(redis.tranche_labels, redis.tranche_pcts, strict=True)
            ),
        ]
    ]
    for share in redis.shares:
        complete = share.complete and redis.complete
        detail = f"ESSMS {part_text(share.essms_amount, share.complete)}"
        if share.og_lines:
            detail += f" + lignes propres {format_eur(share.og_lines)}"
        if share.project_share:
            detail += f" + lignes du projet {format_eur(share.project_share)}"
        rows.append(
            [
                para(share.og, "Cell"),
                para(str(share.essms_count), "CellRight"),
                para(
                    f"{clean(amount_text(share.amount, share.complete))}<br/>"
                    f"<font size='7.5' color='#5A5A5A'>{clean(detail)}</font>",
                    "CellRight",
                    markup=True,
                ),
                *(para(amount_text(t, complete), "CellRight") for t in share.tranches),
            ]
        )
    total_count = sum(s.essms_count for s in redis.shares)
    columns = [sum((s.tranches[j] for s in redis.shares), Decimal(0)) for j in range(n)]
    rows.append(
        [
            para("Total", "CellBold"),
            para(str(total_count), "CellRightBold"),
            para(amount_text(redis.total, redis.complete), "CellRightBold"),
            *(para(amount_text(c, redis.complete), "CellRightBold") for c in columns),
        ]
    )
    return grid_table(
        rows,
        [name_w, count_w, amount_w, *([tranche_w] * n)],
        extra=[
            ("BACKGROUND", (0, -1), (-1, -1), GROUP),
            ("LINEABOVE", (0, -1), (-1, -1), 1, INK),
        ],
    )


def signatory_text(og: Organisation, porteur: Porteur) -> str:
    """« Marie Dupont, Présidente » for the porteur when known; empty for the others."""
    if og.role is OgRole.PORTEUR and porteur.legal_representative:
        return ", ".join(
            x for x in (porteur.legal_representative, porteur.legal_representative_title) if x
        )
    return ""


def undersigned_markup(og: Organisation, porteur: Porteur, verb: str = "atteste que") -> str:
    """« Je soussigné(e) [nom], [qualité], représentant légal de [OG], atteste que : », prefilled
    for the porteur, with dotted blanks where the representative is not known."""
    name, title = BLANK_NAME, BLANK_TITLE
    if og.role is OgRole.PORTEUR and porteur.legal_representative:
        name = f"<b>{clean(porteur.legal_representative)}</b>"
        if porteur.legal_representative_title:
            title = f"<b>{clean(porteur.legal_representative_title)}</b>"
    return (
        f"Je soussigné(e) {name}, {title}, représentant légal de <b>{clean(og.name)}</b>, {verb} :"
    )


def signature_block(
    og: Organisation,
    porteur: Porteur,
    width: float,
    commitment: str = "",
) -> Table:
    """Name, role, identifiers, what the OG commits to (markup), signatory, "Fait à … le …", then
    the signature and stamp boxes."""
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
    ]
    heights: list[float | None] = [None, None]
    if commitment:
        rows.append([para(commitment, "BodySmall", markup=True), "", "", ""])
        heights.append(None)
    first = len(rows)
    rows += signature_rows(para(signatory_text(og, porteur), "Value"))
    heights += [10 * mm, 10 * mm, 7 * mm, 32 * mm]
    s = first  # the signatory row
    t = SplittingTable(rows, colWidths=widths, rowHeights=heights, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("SPAN", (0, 0), (2, 0)),
        ("SPAN", (0, 1), (3, 1)),
        ("SPAN", (1, s), (3, s)),
        ("SPAN", (0, s + 2), (1, s + 2)),
        ("SPAN", (2, s + 2), (3, s + 2)),
        ("SPAN", (0, s + 3), (1, s + 3)),
        ("SPAN", (2, s + 3), (3, s + 3)),
        ("VALIGN", (0, 0), (-1, s - 1), "TOP"),
        ("VALIGN", (0, s), (-1, s + 2), "BOTTOM"),
        ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
        ("BACKGROUND", (0, 0), (-1, 0), ZEBRA),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
        # writing lines
        ("LINEBELOW", (1, s), (3, s), 0.5, MUTED),
        ("LINEBELOW", (1, s + 1), (1, s + 1), 0.5, MUTED),
        ("LINEBELOW", (3, s + 1), (3, s + 1), 0.5, MUTED),
        # signature and stamp boxes
        ("BOX", (0, s + 3), (1, s + 3), 0.6, MUTED),
        ("BOX", (2, s + 3), (3, s + 3), 0.6, MUTED),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if commitment:
        commands += [("SPAN", (0, 2), (3, 2)), ("LINEBELOW", (0, 2), (-1, 2), 0.5, RULE)]
    t.setStyle(table_style(commands))
    return t


def attestation_rows(items: Sequence[Attestation], width: float) -> Table:
    """Each attestation, numbered, with its box as recorded in the dossier."""
    rows = [
        [para(checkbox(a.accepted), "Box"), para(f"{i}. {a.label}", "Body")]
        for i, a in enumerate(items, start=1)
    ]
    t = SplittingTable(rows, colWidths=[9 * mm, width - 9 * mm], hAlign="LEFT")
    t.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return t


# --- the dossier's sections -----------------------------------------------------------------


def applicable(ctx: CandidatureContext) -> tuple[Attestation, ...]:
    """The dossier's attestations that apply to this grappe and this call."""
    return applicable_attestations(ctx.dossier, ctx.budget)


def attestations(ctx: CandidatureContext) -> list[Flowable]:
    """« Attestations »: one block per OG, « Je soussigné(e) … atteste que : ».

    The porteur's block lists the attestations that apply, numbered, with the boxes recorded in
    the dossier; each member's block attests the same points for its own organisation and
    ESSMS, with one box its representative ticks when signing (the list is not printed again).
    """
    flow: list[Flowable] = [SectionTitle("Attestations")]
    items = applicable(ctx)
    flow.append(
        para(
            "Chaque organisme gestionnaire de la grappe atteste, par son représentant légal, "
            f"ce qui suit ; les montants du dossier sont exprimés {ctx.budget.tax}.",
            "BodySmall",
        )
    )
    if not items:
        return flow
    ogs = ordered_ogs(ctx.dossier.grappe.organisations, ctx.porteur)
    redis = redistribution_of(ctx.budget, ogs)
    points = f"les points 1 à {len(items)}" if len(items) > 1 else "le point 1"
    for og in ogs:
        if og.role is OgRole.PORTEUR:
            block: list[Flowable] = [
                Spacer(1, 2 * mm),
                para(undersigned_markup(og, ctx.porteur), "Body", markup=True),
                attestation_rows(items, ctx.portrait_width),
            ]
            if any(not a.accepted for a in items):
                block.append(
                    missing(
                        "À COMPLÉTER — une attestation non cochée doit l'être (ou la situation "
                        "expliquée à l'ARS) avant le dépôt."
                    )
                )
            flow.append(KeepTogether(block))
            continue
        share = redis.share_of(og.name)
        count = share.essms_count if share else 0
        whom = f"cet organisme et ses {essms_words(count)}" if count else "cet organisme"
        verb = f"atteste, pour {whom}, {points} ci-dessus"
        sentence = undersigned_markup(og, ctx.porteur, verb).removesuffix(" :") + "."
        flow.append(Spacer(1, 2 * mm))
        flow.append(para(f"{checkbox(False)}  {sentence}", "Body", markup=True))
    return flow


def signatures(ctx: CandidatureContext) -> list[Flowable]:
    """« Signatures des organismes gestionnaires »: what each OG receives, then its block (the
    porteur's first), each stating what that OG commits to."""
    ogs = ordered_ogs(ctx.dossier.grappe.organisations, ctx.porteur)
    redis = redistribution_of(ctx.budget, ogs)
    tax = ctx.budget.tax
    flow: list[Flowable] = [
        CondPageBreak(90 * mm),
        SectionTitle("Signatures des organismes gestionnaires"),
        para(
            f"Le porteur reçoit l'aide et reverse à chaque organisme membre sa part ({tax}) :",
            "Body",
        ),
        redistribution_table(redis, ctx.portrait_width, tax),
        Spacer(1, 1.5 * mm),
        para(f"Règle de répartition : {redis.rule}", "Muted"),
        Spacer(1, 2 * mm),
        para(
            "Chaque organisme gestionnaire de la grappe signe ci-dessous, le porteur en "
            "premier, en faisant précéder sa signature de la mention manuscrite « Lu et "
            "approuvé ».",
            "BodySmall",
        ),
    ]
    for og in ogs:
        commitment = commitment_markup(redis.share_of(og.name), redis, tax)
        flow.append(Spacer(1, 3 * mm))
        flow.append(
            KeepTogether([signature_block(og, ctx.porteur, ctx.portrait_width, commitment)])
        )
    return flow
