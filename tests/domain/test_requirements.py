"""Which attestations and annexes apply depends on the grappe and the call."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from esms_desktop.domain.budget import compute
from esms_desktop.domain.completeness import missing_items
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.grappe import ProjectType
from esms_desktop.domain.requirements import (
    applicable_attestations,
    is_pnrr_funded,
    needed_annexes,
)
from esms_desktop.services import catalog
from tests.domain.builders import establishments, grappe, og
from tests.domain.test_completeness import complete_dossier


def _dossier(project: ProjectType, *, home_hours: Decimal | None = None) -> tuple[Dossier, object]:
    ests = establishments(15, project=project)
    if home_hours is not None:
        ests = (
            *ests,
            *establishments(1, start=90, category="460", project=project, hours=home_hours),
        )
    g = grappe(og("Porteur", ests, porteur=True), segur=True)
    d = Dossier("T", "amorcage-2021-t1", grappe=g)
    return d, compute(g, catalog.campaign("amorcage-2021-t1"), catalog.nomenclature())


def keys(items) -> set[str]:
    return {a.key for a in items}


def test_acquisition_and_conformite_attestations_follow_the_projects() -> None:
    d, b = _dossier(ProjectType.ACQUISITION)
    found = keys(applicable_attestations(d, b))
    assert "pas_contrat_editeur" in found and "commande_sons" not in found
    assert "mention_pnrr" not in found and "montants_ttc" in found
    d, b = _dossier(ProjectType.CONFORMITE)
    found = keys(applicable_attestations(d, replace(b, pnrr=True)))
    assert "commande_sons" in found and "pas_contrat_editeur" not in found
    assert "mention_pnrr" in found


def test_pnrr_is_what_the_campaign_file_says() -> None:
    assert not is_pnrr_funded(catalog.campaign("amorcage-2021-t2"))
    assert is_pnrr_funded(catalog.campaign("generalisation-2024"))
    assert is_pnrr_funded(catalog.campaign("national-2022"))
    # The file says so, not the year: a later call paid otherwise writes pnrr = false.
    later = replace(catalog.campaign("generalisation-2025"), year=2027, pnrr=False)
    assert not is_pnrr_funded(later)


def test_hours_split_is_required_below_100_percent_even_without_prorata() -> None:
    campaign = catalog.campaign("amorcage-2021-t1")
    assert not campaign.scope.hours_prorata  # this call does not prorate by hours
    d, b = _dossier(ProjectType.ACQUISITION, home_hours=Decimal(70))
    assert "repartition_heures" in needed_annexes(d, b)
    assert "preuves_achat" in needed_annexes(d, b)
    d, b = _dossier(ProjectType.CONFORMITE, home_hours=Decimal(100))
    assert needed_annexes(d, b) == {}


def test_completeness_asks_for_needed_annexes_and_applicable_attestations_only() -> None:
    d = complete_dossier()
    b = compute(d.grappe, catalog.campaign(d.campaign_id), catalog.nomenclature())
    assert missing_items(d, b, 2) == ()
    # an unticked attestation that does not apply here (no conformité; amorçage: no PNRR)
    unticked = tuple(
        replace(a, accepted=a.key not in ("commande_sons", "mention_pnrr")) for a in d.attestations
    )
    assert missing_items(replace(d, attestations=unticked), b, 2) == ()
    # the hours split becomes needed with a home service at 70 %
    g = d.grappe
    first = g.organisations[0]
    home = establishments(1, start=77, category="460", hours=Decimal(70))
    g = replace(
        g,
        organisations=(
            replace(first, establishments=first.establishments + home),
            *g.organisations[1:],
        ),
    )
    annexes = tuple(replace(a, provided=a.key != "repartition_heures") for a in d.annexes)
    d2 = replace(d, grappe=g, annexes=annexes)
    b2 = compute(g, catalog.campaign(d.campaign_id), catalog.nomenclature())
    assert {i.field for i in missing_items(d2, b2, 2)} == {"annexe.repartition_heures"}


def test_the_national_entity_agreement_is_needed_once_an_og_declares_one() -> None:
    d, b = _dossier(ProjectType.CONFORMITE)
    assert "accord_entite_nationale" not in needed_annexes(d, b)
    og = replace(d.grappe.organisations[0], national_entity=True)
    attached = replace(d, grappe=replace(d.grappe, organisations=(og,)))
    why = needed_annexes(attached, b)["accord_entite_nationale"]
    assert og.name in why
