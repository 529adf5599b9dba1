"""The money of a funded project: its tranches, what came, what is awaited and why, per OG.

The convention is paid in tranches (programme.md §5, §8): the first at signature, a middle one
at the end of the paramétrage in the amorçage calls, the last (20 % or 50 %) only once the usage
targets are reached and proven. Funds are paid to the porteur, who passes each member OG its
share. These functions say where each tranche stands (received, due, or waiting — and for what)
and what each OG is owed, so the director answers « why hasn't the ARS paid » and « what do we
owe our partners » from the dossier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from esms_desktop.domain.budget import Budget, split_tranches, to_cents
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.follow_up import (
    FollowUp,
    MemberTransfer,
    MilestoneKind,
    Phase,
    TranchePayment,
)
from esms_desktop.domain.grappe import OgRole
from esms_desktop.domain.parsing import fold
from esms_desktop.domain.redistribution import largest_remainder, redistribute
from esms_desktop.domain.usage_progress import UsageProgress

ZERO = Decimal(0)
SIGNED_PHASES = frozenset({Phase.RETENU, Phase.DEPLOIEMENT, Phase.SOLDE})


def tranches_for(campaign: Campaign, amount_granted: Decimal) -> tuple[TranchePayment, ...]:
    """The convention's tranches: the campaign's split of the amount granted, to the cent, the
    last absorbing the rounding (the budget's own split, so the two never disagree)."""
    return tuple(
        TranchePayment(
            label=t.label,
            expected=t.amount,
            condition=t.condition,
            usage_targets=t.usage_targets,
        )
        for t in split_tranches(amount_granted, campaign)
    )


def milestone_required(tranche: TranchePayment) -> MilestoneKind | None:
    """The deployment milestone a tranche waits for, read from its label and condition
    (« Fin du paramétrage », « Fin du déploiement »); None when it names none."""
    words = fold(f"{tranche.label} {tranche.condition}")
    if "deploiement" in words:
        return MilestoneKind.DEPLOIEMENT
    if "parametrage" in words:
        return MilestoneKind.PARAMETRAGE
    return None


def milestone_reason_start(kind: MilestoneKind) -> str:
    """How the reason of a tranche waiting for ``kind`` starts (« jalon « Déploiement
    terminé » »): a statement lists the ESSMS awaited under the reason that starts so."""
    return f"jalon « {kind.label} »"


class TrancheState(StrEnum):
    RECUE = "recue"
    PARTIELLE = "partielle"
    DUE = "due"
    EN_ATTENTE = "en_attente"

    @property
    def label(self) -> str:
        return {
            "recue": "reçue",
            "partielle": "reçue en partie",
            "due": "due (conditions remplies)",
            "en_attente": "en attente",
        }[self.value]


@dataclass(frozen=True, slots=True)
class TrancheStatus:
    """One tranche: its state and, while it is not received, why (in French).

    ``missing_targets`` names the usage targets not reached yet, ``missing_milestones`` the
    FINESS of the ESSMS whose milestone is not done: what holds the payment back. ``reasons``
    are the conditions not met, one French line each (``why`` joins them, after what came of
    a tranche received in part): each usage target is said in its real state
    (:meth:`~esms_desktop.domain.usage_progress.UsageProgress.holdups`), never « not reached »
    when it only lacks its threshold or its values. A tranche received beyond what was
    expected is :attr:`over_received` (its ``why`` says by how much): the excess is the ARS's
    to claim back, never counted against another tranche.
    """

    tranche: TranchePayment
    state: TrancheState
    why: str
    missing_targets: tuple[str, ...] = ()
    missing_milestones: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()

    @property
    def received(self) -> Decimal:
        return self.tranche.received or ZERO

    @property
    def remaining(self) -> Decimal:
        """What is still to come for this tranche: never negative (an excess is not a credit)."""
        return max(self.tranche.expected - self.received, ZERO)

    @property
    def over_received(self) -> Decimal:
        """What was received beyond the tranche expected (0 when not over-received)."""
        return max(self.received - self.tranche.expected, ZERO)


@dataclass(frozen=True, slots=True)
class PaymentStatus:
    expected: Decimal
    received: Decimal
    remaining: Decimal
    tranches: tuple[TrancheStatus, ...]

    @property
    def all_received(self) -> bool:
        return bool(self.tranches) and all(t.state is TrancheState.RECUE for t in self.tranches)

    @property
    def over_received(self) -> tuple[TrancheStatus, ...]:
        """The tranches received beyond what was expected (an excess the ARS may claim back)."""
        return tuple(t for t in self.tranches if t.over_received > 0)

    @property
    def waiting(self) -> tuple[TrancheStatus, ...]:
        return tuple(t for t in self.tranches if t.state is not TrancheState.RECUE)


def _essms_of(follow_up: FollowUp, progress: UsageProgress | None) -> list[str]:
    """The ESSMS whose milestones a tranche waits for: the counted ESSMS when the progress is
    known (every target lists them, concerned or exempt), else those with a milestone."""
    seen: dict[str, None] = {}
    if progress is not None:
        for project in progress.projects:
            for p in project.essms:
                seen[p.finess] = None
            for finess, _name in project.exempt:
                seen[finess] = None
    if not seen:
        for m in follow_up.milestones:
            seen[m.finess] = None
    return list(seen)


def _condition(
    tranche: TranchePayment, follow_up: FollowUp, progress: UsageProgress | None
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Why a tranche not received cannot be asked for yet (no reason when it can): (reasons,
    targets holding it back, FINESS whose milestone is awaited)."""
    reasons: list[str] = []
    targets: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    if follow_up.phase not in SIGNED_PHASES:
        reasons.append("convention non signée")
    kind = milestone_required(tranche)
    if kind is not None:
        essms = _essms_of(follow_up, progress)
        done = {m.finess for m in follow_up.milestones if m.kind is kind and m.done_on}
        missing = tuple(f for f in essms if f not in done)
        if not essms:
            reasons.append(f"{milestone_reason_start(kind)} : aucun jalon saisi")
        elif missing:
            reasons.append(
                f"{milestone_reason_start(kind)} attendu pour {len(missing)} ESSMS sur {len(essms)}"
            )
    if tranche.usage_targets:
        if progress is None:
            reasons.append("cibles d'usage non calculées")
        elif not progress.projects:
            reasons.append("aucune cible d'usage dans le dossier")
        else:
            targets = tuple(p.target.indicator for p in progress.missed)
            reasons += progress.holdups()
    return tuple(reasons), targets, missing


def tranche_status(
    tranche: TranchePayment, follow_up: FollowUp, progress: UsageProgress | None
) -> TrancheStatus:
    received = tranche.received or ZERO
    if tranche.received is not None and received >= tranche.expected:
        when = f" le {tranche.received_on:%d/%m/%Y}" if tranche.received_on else ""
        if received > tranche.expected:
            return TrancheStatus(
                tranche,
                TrancheState.RECUE,
                f"reçu {_eur(received)}{when} pour {_eur(tranche.expected)} attendus : "
                f"trop-perçu de {_eur(received - tranche.expected)}",
            )
        return TrancheStatus(tranche, TrancheState.RECUE, f"reçue{when}")
    reasons, targets, missing = _condition(tranche, follow_up, progress)
    why = " ; ".join(reasons)
    if received > 0:
        text = f"reçu {_eur(received)} sur {_eur(tranche.expected)}"
        return TrancheStatus(
            tranche,
            TrancheState.PARTIELLE,
            f"{text} ; {why}" if why else text,
            targets,
            missing,
            reasons,
        )
    if why:
        return TrancheStatus(tranche, TrancheState.EN_ATTENTE, why, targets, missing, reasons)
    return TrancheStatus(tranche, TrancheState.DUE, "conditions remplies : à demander à l'ARS")


def payment_status(follow_up: FollowUp, progress: UsageProgress | None) -> PaymentStatus:
    """Every tranche's state, what was received and what remains to be received.

    ``progress`` (from :func:`~esms_desktop.domain.usage_progress.progress`) decides the
    tranches paid on usage and lists the ESSMS whose milestones are awaited; without it those
    tranches wait, saying so.
    """
    statuses = tuple(tranche_status(t, follow_up, progress) for t in follow_up.tranches)
    expected = sum((t.expected for t in follow_up.tranches), ZERO)
    received = sum((s.received for s in statuses), ZERO)
    remaining = sum((s.remaining for s in statuses), ZERO)
    return PaymentStatus(to_cents(expected), to_cents(received), to_cents(remaining), statuses)


def _eur(amount: Decimal) -> str:
    whole = f"{amount:,.2f}".replace(",", "\u202f").replace(".", ",")
    return whole.removesuffix(",00") + " €"


# --- per member OG --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MemberStatement:
    """What one OG is owed of the money received, and what the porteur passed it.

    ``share`` is its part of the amount granted (of the budget while no convention is
    recorded), ``tranche_shares`` its share of each tranche expected, ``due`` its share of what was
    received so far; ``passed`` the sum of its transfers; ``owed`` = due − passed (negative:
    passed ahead of the payments). For the porteur, ``owed`` is 0: it keeps its share.

    While the budget cannot split the grant (an amount of an OG's lines or of the project lines
    is still unknown: ``complete`` False), no share is invented: ``share``, ``due`` and a
    member's ``owed`` are None and ``tranche_shares`` is empty (:func:`shares_unknown_reason`
    says why). A known floor would read as what the OG gets, and the porteur would seem to get
    everything.
    """

    og: str
    finess_ej: str
    is_porteur: bool
    share: Decimal | None
    tranche_shares: tuple[Decimal, ...]
    due: Decimal | None
    passed: Decimal
    owed: Decimal | None
    transfers: tuple[MemberTransfer, ...]
    complete: bool
    """False when the budget still has unknown amounts: the shares are then unknown."""


def _shares(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    return largest_remainder(amount, weights) if weights else []


def missing_amounts(budget: Budget) -> tuple[str, ...]:
    """The campaign values (names) whose amount the budget still lacks, in the budget's order:
    what keeps the grant from being split between the OGs."""
    lines = [ln for e in budget.establishments if e.funded for ln in e.lines]
    lines += budget.project_lines
    names = (ln.value_name or ln.label for ln in lines if ln.amount is None)
    return tuple(dict.fromkeys(names))


def shares_unknown_reason(budget: Budget) -> str:
    """Why the OGs' shares are « à compléter », in one French sentence (for the statement and
    the window): the budget's unknown amounts, and where they are typed."""
    n = len(missing_amounts(budget))
    amounts = f"{n} montant{'s' if n > 1 else ''} de la campagne" if n else "des montants"
    verb = "restent" if n != 1 else "reste"
    return (
        f"Parts à compléter : {amounts} {verb} à saisir (étape « Budget », tableau « Valeurs "
        "de la campagne » ; après le dépôt, c'est un avenant) ; sans eux, le budget ne peut pas "
        "répartir l'aide entre les organismes de la grappe."
    )


def member_statements(
    dossier: Dossier, budget: Budget, follow_up: FollowUp
) -> tuple[MemberStatement, ...]:
    """Each OG's statement, in the grappe's order (the porteur first).

    Shares follow :func:`~esms_desktop.domain.redistribution.redistribute` (each OG's ESSMS and
    own lines, the project lines pro rata): a tranche expected or received is split pro rata of
    each OG's share of the budget's tranche of the same rank (of its whole share when the
    convention has a different number of tranches), to the cent, the parts adding up exactly;
    what came beyond a tranche expected is shared out to no one. When any OG's share is
    incomplete the budget cannot split the grant and no share is given (see
    :class:`MemberStatement`), except to a lone OG, whose share is all the tranches.
    Transfers are matched to an OG by FINESS juridique, else by name.
    """
    organisations = dossier.grappe.organisations
    porteur = dossier.grappe.porteur
    redistribution = redistribute(
        budget, [o.name for o in organisations], porteur.name if porteur else ""
    )
    shares = redistribution.shares
    lone = len(shares) == 1 and bool(follow_up.tranches)
    split = lone or all(s.complete for s in shares)
    same_rank = len(budget.tranches) == len(follow_up.tranches)
    expected_cols: list[list[Decimal]] = []
    received_cols: list[list[Decimal]] = []
    for j, tranche in enumerate(follow_up.tranches):
        weights = [s.tranches[j] if same_rank else s.amount for s in shares]
        if lone:
            weights = [Decimal(1)]
        expected_cols.append(_shares(tranche.expected, weights))
        # an excess over the tranche is the ARS's to claim back, no OG's due (see TrancheStatus)
        received_cols.append(_shares(min(tranche.received or ZERO, tranche.expected), weights))
    by_name = {o.name: o for o in organisations}
    out = []
    for i, share in enumerate(shares):
        organisation = by_name.get(share.og)
        finess_ej = organisation.finess_ej if organisation is not None else ""
        is_porteur = organisation is not None and organisation.role is OgRole.PORTEUR
        transfers = tuple(
            t
            for t in follow_up.transfers
            if (t.finess_ej and finess_ej and t.finess_ej == finess_ej)
            or (not (t.finess_ej and finess_ej) and fold(t.og_name) == fold(share.og))
        )
        passed = to_cents(sum((t.amount for t in transfers), ZERO))
        due: Decimal | None = None
        amount: Decimal | None = None
        if split:
            due = sum((col[i] for col in received_cols), ZERO)
            amount = sum((col[i] for col in expected_cols), ZERO) if expected_cols else share.amount
        owed: Decimal | None = ZERO if is_porteur else None
        if due is not None and not is_porteur:
            owed = to_cents(due - passed)
        out.append(
            MemberStatement(
                og=share.og,
                finess_ej=finess_ej,
                is_porteur=is_porteur,
                share=amount,
                tranche_shares=tuple(col[i] for col in expected_cols) if split else (),
                due=due,
                passed=passed,
                owed=owed,
                transfers=transfers,
                complete=split,
            )
        )
    return tuple(out)
