"""« État des versements »: what the ARS paid, what remains and why, and what each OG was passed.

The ARS pays the porteur, tranche by tranche; the porteur passes each member OG its share
(programme.md §8). This statement is what a director sends with a payment request or keeps for
the grappe's steering committee: each tranche with its condition, expected and received amounts
and dates, what remains to be received and the condition not met yet, then for each OG its share,
what it was passed and what it is still owed. The figures and the reasons are the domain's
(:func:`~esms_desktop.domain.payments.payment_status`,
:func:`~esms_desktop.domain.payments.member_statements`): the statement only prints them.
Each reason a tranche waits is one bullet, in the domain's words (a usage target in its real
state: threshold to type, no value, or not reached); while the budget cannot split the grant,
the OGs' shares print « à compléter » with the sentence saying which amounts are missing,
never a floor that would read as what the porteur keeps.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Indenter, NextPageTemplate, Spacer

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.formatting import format_date, format_eur
from esms_desktop.domain.parsing import fold
from esms_desktop.domain.payments import (
    MemberStatement,
    PaymentStatus,
    TrancheStatus,
    milestone_reason_start,
    milestone_required,
    shares_unknown_reason,
)
from esms_desktop.reports.base import TO_COMPLETE, BaseDocument, clean, grid_table, para
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
        flow += self.amendments()
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
            rows.append(
                [
                    para(pay.label, "CellBold"),
                    para(condition_text(pay.condition, pay.usage_targets), "Cell"),
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
        widths = [w * mm for w in (27, 34, 21, 21, 21, 21, 25)]
        # a date column left-aligned right after an amount right-aligned: a gap between them
        gaps = [("LEFTPADDING", (c, 0), (c, -1), 3 * mm) for c in (3, 5)]
        flow.append(
            grid_table(rows, widths, extra=[("LINEABOVE", (0, -1), (-1, -1), 0.8, "black"), *gaps])
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
            got = (
                f"reçu {format_eur(t.received)} sur {format_eur(t.tranche.expected)}, "
                if t.received > 0
                else ""
            )
            head = f"<b>{clean(t.tranche.label)}</b> — {got}{format_eur(t.remaining)} à recevoir"
            if not t.reasons:
                text = f"{head} : conditions remplies, à demander à l'ARS."
                flow.append(para(text, "Body", markup=True))
                continue
            flow.append(para(f"{head}. Ce qui la retient :", "Body", markup=True))
            for reason in t.reasons:
                flow += bullet_list([reason])
                if reason.startswith(_milestone_words(t)):
                    flow += self.milestone_lines(t, names)
        return flow

    @staticmethod
    def milestone_lines(t: TrancheStatus, names: dict[str, str]) -> list[Flowable]:
        """The ESSMS whose milestone a tranche waits for, under its reason (the first ones,
        then how many more)."""
        shown = t.missing_milestones[:LISTED_MILESTONES]
        lines = [f"{finess} {names.get(finess, '')}".rstrip() for finess in shown]
        if len(t.missing_milestones) > len(shown):
            lines.append(f"et {len(t.missing_milestones) - len(shown)} autres ESSMS")
        return [
            Indenter(4 * mm),
            *(para(f"– {line}", "BodySmall") for line in lines),
            Indenter(-4 * mm),
        ]

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
                    para(
                        self.amount(s.share, f"part de l'aide de {s.og}"), "CellRight", markup=True
                    ),
                    para(self.amount(s.due, f"part reçue de {s.og}"), "CellRight", markup=True),
                    para(format_eur(s.passed), "CellRight"),
                    para(
                        "conservée" if s.is_porteur else self.amount(s.owed, f"reste dû à {s.og}"),
                        "CellRightBold",
                        markup=True,
                    ),
                ]
            )
        flow.append(grid_table(rows, [w * mm for w in (62, 27, 30, 25, 26)]))
        if any(not s.complete for s in self.statements):
            flow.append(Spacer(1, 1.5 * mm))
            flow.append(para(shares_unknown_reason(self.budget), "BodySmall"))
        for s in self.statements:
            flow += self.member_detail(s)
        return flow

    def amount(self, value: Decimal | None, what: str) -> str:
        """An OG's amount, or a red « à compléter » while the budget cannot split the grant."""
        return clean(format_eur(value)) if value is not None else self.blank(what)

    def member_detail(self, s: MemberStatement) -> list[Flowable]:
        flow: list[Flowable] = [
            CondPageBreak(30 * mm),
            BaseDocument.heading(s.og, 1),
        ]
        due = format_eur(s.due) if s.due is not None else TO_COMPLETE
        if s.is_porteur:
            # the porteur receives the aid and passes the members theirs: it keeps its own
            kept = f"Porteur : conserve sa part des tranches reçues ({due})."
            flow.append(para(kept, "BodySmall"))
            return flow
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
        owed = format_eur(s.owed) if s.owed is not None else TO_COMPLETE
        flow.append(
            para(
                f"Part des tranches reçues {due} ; reversé {format_eur(s.passed)} ;"
                f" reste dû {owed}.",
                "BodySmall",
            )
        )
        return flow


def condition_text(condition: str, usage_targets: bool) -> str:
    """A tranche's condition said once: the campaign's words, with « cibles d'usage
    atteintes » added only when the tranche is paid on usage and the words do not say so
    (« Cibles d'usage atteintes », « une fois l'usage vérifié » already do)."""
    words = condition.strip()
    if usage_targets and not any(w in fold(words) for w in ("cible", "usage")):
        words = f"{words} (cibles d'usage atteintes)" if words else "Cibles d'usage atteintes"
    return words or "—"


def _milestone_words(t: TrancheStatus) -> str:
    """How the tranche's milestone reason starts (« fin du déploiement »), to list the ESSMS
    awaited under it; a string no reason starts with when it waits for no milestone."""
    kind = milestone_required(t.tranche)
    if kind is None or not t.missing_milestones:
        return "\0"
    return milestone_reason_start(kind)


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
