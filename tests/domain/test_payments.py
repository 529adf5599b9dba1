"""Tranches of a convention, why each waits, and what each member OG is owed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from esms_desktop.domain.budget import compute
from esms_desktop.domain.campaign import load_campaign
from esms_desktop.domain.dossier import UsageTarget
from esms_desktop.domain.follow_up import (
    EssmsMilestone,
    FollowUp,
    MemberTransfer,
    MilestoneKind,
    Phase,
)
from esms_desktop.domain.follow_up_edits import merge_indicators
from esms_desktop.domain.payments import (
    TrancheState,
    member_statements,
    milestone_required,
    missing_amounts,
    payment_status,
    shares_unknown_reason,
    tranches_for,
)
from esms_desktop.domain.usage_progress import check_indicator_rows, progress
from esms_desktop.domain.usage_threshold import percentage
from tests.domain import follow_up_example as ex


def test_tranches_are_split_to_the_cent_the_last_absorbing_the_rounding() -> None:
    tranches = tranches_for(ex.campaign(), Decimal("100000.01"))
    assert [t.expected for t in tranches] == [Decimal("50000.01"), Decimal("50000.00")]
    assert sum(t.expected for t in tranches) == Decimal("100000.01")
    assert [t.usage_targets for t in tranches] == [False, True]
    assert tranches[1].condition == "Cibles d'usage atteintes"


def test_a_middle_tranche_waits_for_its_milestone() -> None:
    amorcage = load_campaign(ex.ROOT / "resources" / "campaigns" / "amorcage-2021-t2.toml")
    tranches = tranches_for(amorcage, Decimal(1000))
    assert [milestone_required(t) for t in tranches] == [
        None,
        MilestoneKind.PARAMETRAGE,
        MilestoneKind.DEPLOIEMENT,
    ]
    follow_up = FollowUp(
        phase=Phase.DEPLOIEMENT,
        tranches=tranches,
        milestones=(
            EssmsMilestone("1", MilestoneKind.PARAMETRAGE, done_on=date(2026, 1, 5)),
            EssmsMilestone("2", MilestoneKind.PARAMETRAGE, planned_on=date(2026, 3, 1)),
        ),
    )
    status = payment_status(follow_up, None)
    first, middle, last = status.tranches
    assert first.state is TrancheState.DUE
    assert middle.state is TrancheState.EN_ATTENTE
    assert middle.missing_milestones == ("2",)
    assert "1 ESSMS sur 2" in middle.why
    assert last.state is TrancheState.EN_ATTENTE
    assert "cibles d'usage non calculées" in last.why
    assert (status.expected, status.received, status.remaining) == (
        Decimal(1000),
        Decimal(0),
        Decimal(1000),
    )


def test_the_usage_tranche_names_the_targets_not_reached() -> None:
    d = replace(ex.dossier(), usage_targets=ex.targets_with_thresholds())
    values, _ = check_indicator_rows(ex.indicator_rows(d), d)
    d = merge_indicators(d, values, replace=False)
    tranches = tranches_for(ex.campaign(), Decimal(200_000))
    first = replace(tranches[0], received=Decimal(100_000), received_on=date(2025, 3, 1))
    follow_up = FollowUp(phase=Phase.DEPLOIEMENT, tranches=(first, tranches[1]))
    status = payment_status(follow_up, progress(d, ex.nomenclature(), ex.campaign()))
    assert [s.state for s in status.tranches] == [TrancheState.RECUE, TrancheState.EN_ATTENTE]
    assert status.tranches[0].why == "reçue le 01/03/2025"
    assert status.tranches[1].missing_targets == (ex.DUI,)
    assert ex.DUI in status.tranches[1].why
    assert (status.received, status.remaining) == (Decimal(100_000), Decimal(100_000))
    partial = replace(tranches[1], received=Decimal(40_000))
    status = payment_status(replace(follow_up, tranches=(first, partial)), None)
    assert status.tranches[1].state is TrancheState.PARTIELLE
    assert status.remaining == Decimal(60_000)


def test_an_over_received_tranche_is_flagged_and_never_lowers_what_remains() -> None:
    first, last = (
        replace(t, expected=Decimal(60_000)) for t in tranches_for(ex.campaign(), Decimal(120_000))
    )
    over = replace(first, received=Decimal(75_000), received_on=date(2025, 3, 1))
    status = payment_status(FollowUp(phase=Phase.DEPLOIEMENT, tranches=(over, last)), None)
    excess = status.tranches[0]
    assert excess.state is TrancheState.RECUE
    assert excess.why == (
        "reçu 75\u202f000 € le 01/03/2025 pour 60\u202f000 € attendus : trop-perçu de 15\u202f000 €"
    )
    assert (excess.remaining, excess.over_received) == (Decimal(0), Decimal(15_000))
    assert status.over_received == (excess,)
    # the 15 000 € excess is no advance on the last tranche: all of it is still to come
    assert status.tranches[1].remaining == Decimal(60_000)
    assert (status.received, status.remaining) == (Decimal(75_000), Decimal(60_000))
    d = ex.dossier()
    budget = compute(d.grappe, ex.campaign(), ex.nomenclature())
    owed = member_statements(d, budget, FollowUp(phase=Phase.DEPLOIEMENT, tranches=(over, last)))
    assert sum(m.due for m in owed) == Decimal(60_000)  # the excess is no OG's share
    exact = replace(first, received=Decimal(60_000))
    status = payment_status(FollowUp(phase=Phase.DEPLOIEMENT, tranches=(exact,)), None)
    assert (status.tranches[0].why, status.over_received) == ("reçue", ())


def test_nothing_is_due_before_the_convention() -> None:
    tranches = tranches_for(ex.campaign(), Decimal(1000))
    status = payment_status(FollowUp(phase=Phase.DEPOSE, tranches=tranches), None)
    assert all(s.state is TrancheState.EN_ATTENTE for s in status.tranches)
    assert "convention non signée" in status.tranches[0].why


def test_each_member_og_s_share_of_what_came_and_what_it_is_owed() -> None:
    d = ex.dossier()
    campaign = ex.campaign()
    budget = compute(d.grappe, campaign, ex.nomenclature())
    granted = budget.total - Decimal(1000)  # the ARS granted a little less than asked
    first, last = tranches_for(campaign, granted)
    apei = next(o for o in d.grappe.organisations if o.name == "APEI du Littoral")
    follow_up = FollowUp(
        phase=Phase.DEPLOIEMENT,
        tranches=(replace(first, received=first.expected, received_on=date(2025, 4, 1)), last),
        transfers=(MemberTransfer(apei.finess_ej, apei.name, Decimal(10_000), date(2025, 4, 15)),),
    )
    statements = member_statements(d, budget, follow_up)
    assert [s.og for s in statements] == [o.name for o in d.grappe.organisations]
    assert statements[0].is_porteur and statements[0].owed == 0
    assert sum(s.share for s in statements) == granted
    assert sum(s.due for s in statements) == first.expected
    for s in statements:
        assert sum(s.tranche_shares) == s.share
    member = next(s for s in statements if s.og == apei.name)
    assert member.passed == Decimal(10_000)
    assert member.owed == member.due - Decimal(10_000)
    assert member.owed > 0
    other = next(s for s in statements if s.og == "Fondation Saint-Éloi")
    assert (other.passed, other.owed) == (Decimal(0), other.due)


def test_the_usage_tranche_says_each_target_in_its_real_state() -> None:
    # the worked data: DUI typed and reached, INS measured without threshold, DMP and MSSanté
    # without values; a director must not read « cibles non atteintes » for all three
    d = ex.dossier()
    d = replace(
        d,
        usage_targets=(
            UsageTarget(ex.DUI, threshold=percentage(50)),
            UsageTarget(ex.INS),
            UsageTarget(ex.DMP),
            UsageTarget(ex.MSS),
        ),
    )
    rows = [r for r in ex.indicator_rows(d) if r["Indicateur"] in (ex.DUI, ex.INS)]
    values, problems = check_indicator_rows(rows, d)
    assert problems == []
    d = merge_indicators(d, values, replace=False)
    first, last = tranches_for(ex.campaign(), Decimal(200_000))
    follow_up = FollowUp(phase=Phase.DEPLOIEMENT, tranches=(first, last))
    waiting = payment_status(follow_up, progress(d, ex.nomenclature(), ex.campaign())).tranches[1]
    assert waiting.state is TrancheState.EN_ATTENTE
    assert waiting.why == (
        f"seuil à confirmer (saisir celui de la convention) : {ex.INS} ; "
        f"aucune valeur saisie : {ex.DMP}, {ex.MSS}"
    )
    assert len(waiting.reasons) == 2 and "non atteinte" not in waiting.why
    assert waiting.missing_targets == (ex.INS, ex.DMP, ex.MSS)
    # received in part: what came first, then the same reasons
    partial = replace(last, received=Decimal(1_000))
    again = payment_status(replace(follow_up, tranches=(first, partial)), None).tranches[1]
    assert again.why == "reçu 1\u202f000 € sur 100\u202f000 € ; cibles d'usage non calculées"
    assert again.reasons == ("cibles d'usage non calculées",)


def test_no_share_is_invented_while_the_budget_cannot_split_the_grant() -> None:
    d = ex.dossier()
    untyped = load_campaign(ex.ROOT / "resources" / "campaigns" / "generalisation-2024.toml")
    budget = compute(d.grappe, untyped, ex.nomenclature())
    assert not budget.complete and missing_amounts(budget)
    first, last = tranches_for(untyped, Decimal(400_000))
    apei = next(o for o in d.grappe.organisations if o.name == "APEI du Littoral")
    follow_up = FollowUp(
        phase=Phase.DEPLOIEMENT,
        tranches=(replace(first, received=first.expected), last),
        transfers=(MemberTransfer(apei.finess_ej, apei.name, Decimal(10_000), date(2025, 4, 15)),),
    )
    statements = member_statements(d, budget, follow_up)
    porteur, *members = statements
    # not « the porteur gets 400 000 € (minimum), each member 0 € »: nobody's share is known
    assert porteur.is_porteur and (porteur.share, porteur.due, porteur.owed) == (
        None,
        None,
        Decimal(0),
    )
    for m in members:
        assert (m.share, m.due, m.owed, m.tranche_shares, m.complete) == (
            None,
            None,
            None,
            (),
            False,
        )
    assert next(m for m in members if m.og == apei.name).passed == Decimal(10_000)  # still known
    n = len(missing_amounts(budget))
    reason = shares_unknown_reason(budget)
    assert f"{n} montants de la campagne restent à saisir" in reason
    assert "Valeurs de la campagne" in reason
    # the amounts typed, the budget splits the grant again
    typed = compute(d.grappe, ex.campaign(), ex.nomenclature())
    assert missing_amounts(typed) == ()
    split = member_statements(d, typed, follow_up)
    assert all(s.complete and s.share is not None for s in split)
    assert sum(s.share or 0 for s in split) == Decimal(400_000)
