"""A filed dossier's to-do list: the project's next moves, not the candidature's blanks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from esms_desktop.domain.completeness import Step
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.follow_up import EssmsMilestone, FollowUp, MilestoneKind, Phase
from esms_desktop.domain.follow_up_edits import merge_indicators
from esms_desktop.domain.follow_up_todo import (
    INDICATOR_FIELD,
    MILESTONES_FIELD,
    PHASE_FIELD,
    THRESHOLD_FIELD,
    TRANCHE_FIELD,
    follow_up_items,
)
from esms_desktop.domain.payments import payment_status, tranches_for
from esms_desktop.domain.usage_progress import check_indicator_rows, progress
from tests.domain import follow_up_example as ex


def _items(d: Dossier) -> list[tuple[str, str]]:
    reached = progress(d, ex.nomenclature(), ex.campaign())
    items = follow_up_items(d, reached, payment_status(d.follow_up, reached))
    assert all(i.step is Step.SUIVI for i in items)
    return [(i.field, i.message) for i in items]


def _deploying(confirmed: frozenset[str] = frozenset()) -> Dossier:
    d = replace(ex.dossier(), usage_targets=ex.targets_with_thresholds())
    tranches = tranches_for(ex.campaign(), Decimal(200_000))
    first = replace(tranches[0], received=Decimal(100_000), received_on=date(2025, 3, 1))
    follow_up = FollowUp(
        phase=Phase.DEPLOIEMENT, tranches=(first, tranches[1]), confirmed_thresholds=confirmed
    )
    return replace(d, follow_up=follow_up)


def test_nothing_to_follow_before_filing_nor_once_closed() -> None:
    d = ex.dossier()
    assert _items(d) == []
    assert _items(replace(d, follow_up=FollowUp(phase=Phase.SOLDE))) == []
    assert _items(replace(d, follow_up=FollowUp(phase=Phase.NON_RETENU))) == []


def test_a_filed_dossier_waits_for_the_ars_decision_only() -> None:
    d = replace(ex.dossier(), follow_up=FollowUp(phase=Phase.DEPOSE))
    items = _items(d)
    assert [f for f, _m in items] == [PHASE_FIELD]
    assert "Décision de l'ARS" in items[0][1]


def test_a_deploying_project_lists_thresholds_values_milestones_and_the_tranche() -> None:
    d = _deploying()
    fields = [f for f, _m in _items(d)]
    targets = [t.indicator for t in d.usage_targets]
    messages = dict(_items(d))
    for indicator in targets:  # nothing confirmed, nothing entered yet: one line each
        assert THRESHOLD_FIELD + indicator in fields
        assert "seuil à confirmer" in messages[THRESHOLD_FIELD + indicator]
        assert "aucune valeur saisie" in messages[THRESHOLD_FIELD + indicator]
    confirmed = _deploying(frozenset(targets))
    fields = [f for f, _m in _items(confirmed)]
    for indicator in targets:  # confirmed, still nothing entered
        assert INDICATOR_FIELD + indicator in fields and THRESHOLD_FIELD + indicator not in fields
    assert MILESTONES_FIELD in fields
    assert f"{TRANCHE_FIELD}1" in fields and f"{TRANCHE_FIELD}0" not in fields  # 0 received
    assert fields.index(MILESTONES_FIELD) < fields.index(f"{TRANCHE_FIELD}1")


def test_items_go_as_the_director_does_the_work() -> None:
    d = _deploying(frozenset(t.indicator for t in ex.targets_with_thresholds()))
    values, problems = check_indicator_rows(ex.indicator_rows(d), d)
    assert not problems
    d = merge_indicators(d, values, replace=False)
    counted = {finess for finess, _cap in ex.essms(d)} - {ex.USLD}
    done = tuple(
        EssmsMilestone(f, MilestoneKind.DEPLOIEMENT, done_on=date(2025, 6, 1)) for f in counted
    )
    d = replace(d, follow_up=replace(d.follow_up, milestones=done))
    fields = [f for f, _m in _items(d)]
    assert not [f for f in fields if f.startswith((THRESHOLD_FIELD, INDICATOR_FIELD))]
    assert MILESTONES_FIELD not in fields  # the USLD is not funded: it is not waited for
    assert fields == [f"{TRANCHE_FIELD}1"]  # the laggards still hold the last tranche back
    one_left = replace(d, follow_up=replace(d.follow_up, milestones=done[1:]))
    message = dict(_items(one_left))[MILESTONES_FIELD]
    assert "1 ESSMS" in message
