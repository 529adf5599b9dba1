"""Completeness (what the ARS must receive) is a verdict of its own, apart from eligibility."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from esms_desktop.domain.budget import Budget, compute
from esms_desktop.domain.completeness import (
    Readiness,
    Step,
    StepState,
    missing_items,
    readiness,
    step_statuses,
    verdict_text,
)
from esms_desktop.domain.dossier import AutodiagResponse, Dossier, Porteur
from esms_desktop.domain.grappe import Establishment, Grappe
from esms_desktop.domain.usage_threshold import percentage
from esms_desktop.services import catalog
from tests.domain.builders import split_grappe

CAMPAIGN = "amorcage-2021-t1"


def budget_of(dossier: Dossier) -> Budget:
    return compute(dossier.grappe, catalog.campaign(CAMPAIGN), catalog.nomenclature())


def complete_dossier() -> Dossier:
    g = split_grappe(15, 3, segur=True)
    ogs = tuple(
        replace(o, siren=siren)
        for o, siren in zip(g.organisations, ("732829320", "552100554", "542065479"), strict=True)
    )
    g = replace(g, organisations=ogs, solution=replace(g.solution, justification="Comparatif"))
    d = Dossier("Test", CAMPAIGN, grappe=g)
    return replace(
        d,
        porteur=Porteur(
            name="Association",
            legal_status="Association loi 1901",
            siren="732829320",
            legal_representative="Mme Présidente",
            project_lead="M. Chef",
            contact_email="chef@example.org",
        ),
        convention_date=date(2021, 5, 1),
        autodiagnostics=(AutodiagResponse(answers={"q1": 1, "q2": 2}),),
        annexes=tuple(replace(a, provided=True) for a in d.annexes),
        attestations=tuple(replace(a, accepted=True) for a in d.attestations),
        usage_targets=tuple(replace(t, threshold=percentage(80)) for t in d.usage_targets),
    )


def test_complete_dossier_has_nothing_missing() -> None:
    d = complete_dossier()
    b = budget_of(d)
    assert missing_items(d, b, 2) == ()
    r = readiness(b, ())
    assert r == Readiness(True, True, 0, 15)
    assert verdict_text(r) == "Éligible et complet"
    assert all(s.state is StepState.COMPLETE for s in step_statuses(d, b, 2))


def test_each_missing_piece_is_named_with_step_and_field() -> None:
    d = complete_dossier()
    ogs = d.grappe.organisations
    d = replace(
        d,
        porteur=replace(d.porteur, siren=""),
        convention_date=None,
        grappe=replace(d.grappe, organisations=(ogs[0], ogs[1], replace(ogs[2], siren=""))),
        annexes=tuple(replace(a, provided=a.key != "rib") for a in d.annexes),
    )
    items = missing_items(d, budget_of(d), 2)
    fields = {i.field for i in items}
    assert fields == {"porteur.siren", "convention_date", "og[2].siren", "annexe.rib"}
    siren = next(i for i in items if i.field == "porteur.siren")
    assert siren.step is Step.PORTEUR
    assert siren.message == "Porteur et projet — SIREN du porteur : à renseigner"


def test_eligible_but_incomplete_never_reads_eligible_alone() -> None:
    d = replace(complete_dossier(), convention_date=None, attestations=())
    d = replace(d, annexes=tuple(replace(a, provided=False) for a in d.annexes))
    b = budget_of(d)
    items = missing_items(d, b, 2)
    r = readiness(b, items)
    assert r.eligible and not r.complete
    assert verdict_text(r) == f"Éligible, dossier incomplet ({len(items)} éléments manquent)"
    assert (
        verdict_text(Readiness(True, False, 1, 3))
        == "Éligible, dossier incomplet (1 élément manque)"
    )


def test_step_statuses_agree_with_missing_items() -> None:
    d = replace(complete_dossier(), porteur=replace(complete_dossier().porteur, siren="123"))
    b = budget_of(d)
    items = missing_items(d, b, 5)
    statuses = {s.step: s for s in step_statuses(d, b, 5)}
    assert statuses[Step.PORTEUR].state is StepState.PROBLEM
    assert statuses[Step.AUTODIAG].state is StepState.TODO
    for step, status in statuses.items():
        assert set(status.issues) == {i.message for i in items if i.step is step}


def test_empty_grappe_is_neither_eligible_nor_complete() -> None:
    d = replace(complete_dossier(), grappe=Grappe())
    b = budget_of(d)
    assert not b.eligible
    assert "aucun_essms_compte" in {f.code for f in b.findings}
    items = missing_items(d, b, 2)
    assert "grappe.essms" in {i.field for i in items}
    r = readiness(b, items)
    assert (r.eligible, r.complete, r.counted_essms) == (False, False, 0)
    assert verdict_text(r).startswith("Non éligible, dossier incomplet")
    statuses = {s.step: s for s in step_statuses(d, b, 2)}
    assert statuses[Step.BUDGET].state is not StepState.COMPLETE  # no ✓ on an empty budget
    assert any("budget vide" in i.message for i in items if i.step is Step.BUDGET)


def test_a_row_left_out_by_the_rules_is_not_missing_but_a_wrong_finess_is() -> None:
    d = complete_dossier()
    og = d.grappe.organisations[0]
    usld = Establishment("590051124", "USLD Saint-Éloi", category="362", capacity=30)
    typo = Establishment("590000013", "Foyer mal saisi", category="252", capacity=30)
    for extra, missing in ((usld, False), (typo, True)):
        grappe = replace(
            d.grappe,
            organisations=(
                replace(og, establishments=(*og.establishments, extra)),
                *d.grappe.organisations[1:],
            ),
        )
        changed = replace(d, grappe=grappe)
        fields = {i.field for i in missing_items(changed, budget_of(changed), 2)}
        assert (f"essms.{extra.finess}" in fields) is missing, extra.name
