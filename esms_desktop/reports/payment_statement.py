"""« État des versements »: what the ARS paid, what remains and why, and what each OG was passed.

The ARS pays the porteur, tranche by tranche; the porteur passes each member OG its share
(programme.md §8). This statement is what a director sends with a payment request or keeps for
the grappe's steering committee: each tranche with its condition, expected and received amounts
and dates, what remains to be received and the condition not met yet, then for each OG its share,
what it was passed and what it is still owed. The figures and the reasons are the domain's
(:func:`~esms_desktop.domain.payments.payment_status`,
:func:`~esms_desktop.domain.payments.member_statements`): the statement only prints them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, Spacer

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.formatting import format_date, format_eur
from esms_desktop.domain.payments import MemberStatement, PaymentStatus
from esms_desktop.reports.base import BaseDocument, clean, grid_table, para
from esms_desktop.reports.follow_up_common import FollowUpDocument, bullet_list, verdict_box

TITLE = "État des versements"
LISTED_MILESTONES = 10
"""ESSMS named under a tranche awaiting their milestone; beyond, they are counted."""


class PaymentStatement(FollowUpDocument):
    """The statement: the tranches, what remains and why, then the OGs' shares."""

    kind = TITLE

    def __init__(
        self,
        dossier: Dossier,
        payment: PaymentStatus,
        statements: Sequence[MemberStatement],
        campaign: Campaign,
        budget: Budget,
        generated_on: date | None = None,
    ) -> None:
        self.payment = payment
        self.statements = tuple(statements)
        super().__init__(dossier, budget, campaign, generated_on)

    def build(self) -> list[Flowable]:
        flow: list[Flowable] = [NextPageTemplate("portrait"), *self.cover(TITLE)]
        flow.append(Spacer(1, 4 * mm))
        flow.append(self.summary())
        flow += self.tranches()
        flow += self.remaining()
        flow += self.members()
        flow.append(Spacer(1, 6 * mm))
        flow += self.signature("certifie exact le présent état des versements")
        return flow

    # --- sections ----------------------------------------------------------------------------

    def summary(self) -> Flowable:
        p = self.payment
        if p.remaining <= 0 and p.received > 0:
            text, tone = "Aide entièrement reçue", "good"
        elif p.received > 0:
            text, tone = f"Reste à recevoir : {format_eur(p.remaining)}", "warn"
        else:
            text, tone = "Aucun versement reçu", "alert"
        detail = (
            f"Reçu {format_eur(p.received)} sur {format_eur(p.expected)} attendus"
            f" ; reste à recevoir {format_eur(p.remaining)}."
        )
        return verdict_box(text, detail, tone, self.portrait_width)

    def tranches(self) -> list[Flowable]:
        flow: list[Flowable] = [
            CondPageBreak(50 * mm),
            BaseDocument.heading("1. Tranches de l'aide", 0),
        ]
        head = ("Tranche", "Condition", "Attendu", "Prévu le", "Reçu", "Reçu le", "État")
        rows: list[list[Any]] = [
            [para(h, "CellHeadRight" if h in ("Attendu", "Reçu") else "CellHead") for h in head]
        ]
        for t in self.payment.tranches:
            pay = t.tranche
            condition = pay.condition or "—"
            if pay.usage_targets:
                condition += " (cibles d'usage atteintes)"
            rows.append(
                [
                    para(pay.label, "CellBold"),
                    para(condition, "Cell"),
                    para(format_eur(pay.expected), "CellRight"),
                    para(format_date(pay.expected_on) or "—", "Cell"),
                    para(
                        format_eur(pay.received) if pay.received is not None else "—",
                        "CellRight",
                    ),
                    para(format_date(pay.received_on) or "—", "Cell"),
                    para(t.state.label + (" (trop-perçu)" if t.over_received else ""), "CellBold"),
                ]
            )
        p = self.payment
        rows.append(
            [
                para("Total", "CellBold"),
                "",
                para(format_eur(p.expected), "CellRightBold"),
                "",
                para(format_eur(p.received), "CellRightBold"),
                "",
                para(f"reste {format_eur(p.remaining)}", "CellBold"),
            ]
        )
        widths = [w * mm for w in (26, 44, 20, 17, 20, 17, 26)]
        flow.append(
            grid_table(rows, widths, extra=[("LINEABOVE", (0, -1), (-1, -1), 0.8, "black")])
        )
        return flow

    def remaining(self) -> list[Flowable]:
        flow: list[Flowable] = [
            CondPageBreak(30 * mm),
            BaseDocument.heading("2. Ce qui reste à recevoir, et pourquoi", 0),
        ]
        waiting = self.payment.waiting
        # an excess is the ARS's to claim back: said here, never netted against what remains
        for t in self.payment.over_received:
            flow.append(
                para(f"<b>{clean(t.tranche.label)}</b> — {clean(t.why)}.", "Body", markup=True)
            )
        if not waiting:
            flow.append(para("Toutes les tranches attendues ont été reçues.", "Body"))
            return flow
        names = {e.finess: e.name for _og, e in self.dossier.grappe.rows()}
        for t in waiting:
            flow.append(
                para(
                    f"<b>{clean(t.tranche.label)}</b> — {format_eur(t.remaining)} "
                    f"({clean(t.state.label)}) : {clean(t.why)}",
                    "Body",
                    markup=True,
                )
            )
            lines = [f"cible non atteinte : {target}" for target in t.missing_targets]
            shown = t.missing_milestones[:LISTED_MILESTONES]
            lines += [
                f"jalon non terminé : {finess} {names.get(finess, '')}".rstrip() for finess in shown
            ]
            if len(t.missing_milestones) > len(shown):
                lines.append(f"et {len(t.missing_milestones) - len(shown)} autres ESSMS")
            flow += bullet_list(lines)
        return flow

    def members(self) -> list[Flowable]:
        flow: list[Flowable] = [
            CondPageBreak(50 * mm),
            BaseDocument.heading("3. Reversements aux organismes de la grappe", 0),
            para(
                "L'aide est versée au porteur, qui reverse à chaque organisme sa part de chaque "
                "tranche reçue, selon la répartition de la convention de grappe.",
                "BodySmall",
            ),
        ]
        head = ("Organisme", "Part de l'aide", "Part des tranches reçues", "Reversé", "Reste dû")
        rows: list[list[Any]] = [
            [para(h, "CellHead" if i == 0 else "CellHeadRight") for i, h in enumerate(head)]
        ]
        for s in self.statements:
            rows.append(
                [
                    para(f"{s.og} ({'porteur' if s.is_porteur else 'membre'})", "Cell"),
                    para(format_eur(s.share) + ("" if s.complete else " (minimum)"), "CellRight"),
                    para(format_eur(s.due), "CellRight"),
                    para(format_eur(s.passed), "CellRight"),
                    para("—" if s.is_porteur else format_eur(s.owed), "CellRightBold"),
                ]
            )
        flow.append(grid_table(rows, [w * mm for w in (62, 27, 30, 25, 26)]))
        for s in self.statements:
            flow += self.member_detail(s)
        return flow

    def member_detail(self, s: MemberStatement) -> list[Flowable]:
        flow: list[Flowable] = [
            CondPageBreak(30 * mm),
            BaseDocument.heading(s.og, 1),
        ]
        if not s.transfers:
            flow.append(para("Aucun reversement enregistré.", "BodySmall"))
        else:
            rows: list[list[Any]] = [
                [para(h, "CellHead") for h in ("Date", "Montant", "Note")],
            ]
            for tr in s.transfers:
                rows.append(
                    [
                        para(format_date(tr.paid_on) or "non daté", "Cell"),
                        para(format_eur(tr.amount), "CellRight"),
                        para(tr.note or "—", "Cell"),
                    ]
                )
            flow.append(grid_table(rows, [w * mm for w in (28, 30, 112)]))
        flow.append(
            para(
                f"Part des tranches reçues {format_eur(s.due)} ; reversé {format_eur(s.passed)} ;"
                f" reste dû {format_eur(s.owed)}.",
                "BodySmall",
            )
        )
        return flow


def render_payment_statement(
    dossier: Dossier,
    payment: PaymentStatus,
    statements: Sequence[MemberStatement],
    campaign: Campaign,
    budget: Budget,
    *,
    generated_on: date | None = None,
) -> bytes:
    """The « État des versements » PDF; ``generated_on`` makes it byte-for-byte reproducible."""
    return (
        PaymentStatement(dossier, payment, statements, campaign, budget, generated_on).render().data
    )


__all__ = ["PaymentStatement", "render_payment_statement"]
