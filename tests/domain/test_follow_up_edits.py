"""The follow-up's edits: the worked example from candidature to soldé, and what is refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from esms_desktop.domain.follow_up import (
    NEXT_PHASES,
    Convention,
    IndicatorValue,
    MemberTransfer,
    MilestoneKind,
    Period,
    Phase,
)
from esms_desktop.domain.follow_up_edits import (
    IndicatorConflictError,
    amendment_needed,
    candidature_locked,
    close_project,
    confirm_threshold,
    describe_changes,
    file_candidature,
    merge_indicators,
    receive_tranche,
    record_decision,
    set_milestone,
    set_transfer,
    start_deployment,
    transition_error,
)
from esms_desktop.domain.payments import TrancheState, payment_status
from esms_desktop.domain.usage_progress import check_indicator_rows, progress
from tests.domain import follow_up_example as ex


def test_the_worked_example_goes_from_candidature_to_solde() -> None:
    d = ex.dossier()
    assert not candidature_locked(d)
    for target in ex.targets_with_thresholds():
        d = confirm_threshold(d, target.indicator, target.threshold)
    assert d.follow_up.confirmed_thresholds == set(ex.THRESHOLDS)

    d = file_candidature(d, date(2024, 9, 10), "{esms}", "sha256:abc", Decimal("180000"))
    assert d.follow_up.phase is Phase.DEPOSE and candidature_locked(d)
    assert d.follow_up.filed is not None and d.follow_up.filed.amount_asked == Decimal(180_000)

    convention = Convention(date(2025, 1, 15), Decimal("150000.01"), "CONV-2025-12")
    d = record_decision(d, convention, ex.campaign())
    assert d.follow_up.phase is Phase.RETENU
    assert [t.expected for t in d.follow_up.tranches] == [Decimal("75000.01"), Decimal(75000)]
    d = receive_tranche(d, 0, date(2025, 2, 20))
    d = start_deployment(d)
    for _og, est in d.grappe.rows():
        d = set_milestone(d, est.finess, MilestoneKind.DEPLOIEMENT, done_on=date(2025, 11, 30))
    d = set_transfer(d, None, MemberTransfer("620088013", "APEI du Littoral", Decimal(20_000)))

    values, problems = check_indicator_rows(ex.indicator_rows(d), d)
    assert problems == []
    d = merge_indicators(d, values, replace=False)
    assert len({v.finess for v in d.follow_up.indicators}) == 16
    usage = progress(d, ex.nomenclature(), ex.campaign())
    assert not usage.all_reached
    status = payment_status(d.follow_up, usage)
    assert status.tranches[1].state is TrancheState.EN_ATTENTE
    with pytest.raises(ValueError, match="Atteinte des cibles d'usage : 75"):
        close_project(d)

    later, problems = check_indicator_rows(ex.indicator_rows(d, ["2026-07"], caught_up=True), d)
    assert problems == []
    d = merge_indicators(d, later, replace=False)
    usage = progress(d, ex.nomenclature(), ex.campaign())
    assert usage.all_reached
    assert payment_status(d.follow_up, usage).tranches[1].state is TrancheState.DUE
    d = receive_tranche(d, 1, date(2026, 9, 1))
    status = payment_status(d.follow_up, usage)
    assert status.all_received and status.remaining == 0
    assert status.received == Decimal("150000.01")
    d = close_project(d)
    assert d.follow_up.phase is Phase.SOLDE
    assert transition_error(Phase.SOLDE, Phase.DEPLOIEMENT) != ""


def test_a_dossier_not_selected_ends_there() -> None:
    d = file_candidature(ex.dossier(), date(2024, 9, 10), "{esms}")
    d = record_decision(d, None, ex.campaign())
    assert d.follow_up.phase is Phase.NON_RETENU
    assert d.follow_up.tranches == ()
    with pytest.raises(ValueError, match="dernière étape"):
        start_deployment(d)


def test_without_the_campaign_the_whole_amount_is_one_tranche() -> None:
    d = file_candidature(ex.dossier(), date(2024, 9, 10), "{esms}")
    d = record_decision(d, Convention(date(2025, 1, 1), Decimal(1000)), None)
    assert [(t.label, t.expected) for t in d.follow_up.tranches] == [
        ("Montant accordé", Decimal(1000))
    ]


@pytest.mark.parametrize(
    ("phase", "target"),
    [
        (Phase.CANDIDATURE, Phase.RETENU),
        (Phase.CANDIDATURE, Phase.SOLDE),
        (Phase.DEPOSE, Phase.DEPLOIEMENT),
        (Phase.RETENU, Phase.SOLDE),
        (Phase.DEPLOIEMENT, Phase.CANDIDATURE),
        (Phase.DEPOSE, Phase.DEPOSE),
    ],
)
def test_transitions_outside_next_phases_are_refused_in_french(phase: Phase, target: Phase) -> None:
    message = transition_error(phase, target)
    assert message
    assert phase.label in message


def test_every_allowed_transition_has_no_error() -> None:
    for phase, targets in NEXT_PHASES.items():
        for target in targets:
            assert transition_error(phase, target) == ""


def test_edits_refuse_a_move_out_of_order() -> None:
    d = ex.dossier()
    with pytest.raises(ValueError, match="impossible"):
        record_decision(d, Convention(date(2025, 1, 1), Decimal(1)), ex.campaign())
    with pytest.raises(ValueError, match="impossible"):
        close_project(d)
    with pytest.raises(ValueError, match="vide"):
        file_candidature(d, date(2025, 1, 1), " ")
    filed = file_candidature(d, date(2025, 1, 1), "{}")
    with pytest.raises(ValueError, match="nul"):
        record_decision(filed, Convention(date(2025, 1, 1), Decimal(0)), ex.campaign())


def _value(value: str, finess: str = "590050076") -> IndicatorValue:
    return IndicatorValue(finess, ex.DUI, Period(2026, 1), Decimal(value))


def test_a_merge_that_would_overwrite_lists_the_conflicts_and_merges_nothing() -> None:
    d = merge_indicators(ex.dossier(), [_value("50")], replace=False)
    same = merge_indicators(d, [_value("50")], replace=False)
    assert same is d  # an identical value is no change
    with pytest.raises(IndicatorConflictError) as caught:
        merge_indicators(d, [_value("60"), _value("10", "590050142")], replace=False)
    assert [(c.current.value, c.incoming.value) for c in caught.value.conflicts] == [
        (Decimal(50), Decimal(60))
    ]
    assert "50 déjà saisi, 60 reçu" in str(caught.value)
    replaced = merge_indicators(d, [_value("60"), _value("10", "590050142")], replace=True)
    assert sorted(v.value for v in replaced.follow_up.indicators) == [Decimal(10), Decimal(60)]


def test_confirm_threshold_refuses_an_unknown_indicator() -> None:
    with pytest.raises(ValueError, match="n'est pas une cible"):
        confirm_threshold(ex.dossier(), "Satisfaction", ex.THRESHOLDS[ex.DUI])


def test_editing_what_was_filed_needs_an_amendment_and_says_what_differs() -> None:
    before = ex.dossier()
    filed = file_candidature(before, date(2024, 9, 10), "{esms}")
    # the convention's threshold and the follow-up itself are not amendments
    assert not amendment_needed(filed, confirm_threshold(filed, ex.DUI, ex.THRESHOLDS[ex.DUI]))
    assert not amendment_needed(filed, with_a_milestone(filed))
    og = filed.grappe.organisations[2]
    dropped = replace(og, establishments=og.establishments[:-1])
    renamed = replace(
        dropped,
        establishments=(
            replace(dropped.establishments[0], capacity=40),
            *dropped.establishments[1:],
        ),
    )
    grappe = replace(filed.grappe, organisations=(*filed.grappe.organisations[:2], renamed))
    after = replace(filed, grappe=grappe, project_title="Nouveau titre")
    assert amendment_needed(filed, after)
    assert not amendment_needed(before, replace(before, project_title="x"))  # not filed yet
    lines = describe_changes(filed, after)
    assert "Intitulé du projet : — → Nouveau titre" in lines
    assert "ESSMS retiré : USLD Saint-Éloi (590051124)" in lines
    assert "ESSMS modifié : MECS Saint-Éloi (590050845) (capacité)" in lines
    assert describe_changes(filed, filed) == []


def with_a_milestone(d):
    """A follow-up edit (a milestone) on a filed dossier."""
    return set_milestone(d, "590050076", MilestoneKind.PARAMETRAGE, planned_on=date(2025, 6, 1))
