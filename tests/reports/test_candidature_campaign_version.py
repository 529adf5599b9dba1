"""The budget section names its rules' version, prints the per-OG lines apart and each tranche's
condition; the cover says the amounts are TTC; a changed campaign shows in the open points."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from types import MappingProxyType

import pytest

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.grappe import ProjectType
from esms_desktop.reports.candidature import CampaignSource, build_candidature
from esms_desktop.services import catalog
from esms_desktop.services.assessment import assess_dossier, effective_campaign
from tests.domain.builders import establishments, grappe, og
from tests.reports.test_candidature import GENERATED, Pdf, eur, example_dossier, norm

OVERRIDES = {"acquisition": Decimal(8000), "conformite": Decimal(5000), "accompagnement": 30000}


def _small_ogs_dossier(**changes: object) -> Dossier:
    """Généralisation 2023, a large OG and two small ones: each small OG gets its support line."""
    g = grappe(
        og("Grand OG", establishments(10), porteur=True, size=40),
        og("Petit B", establishments(4, start=10)),
        og("Petit C", establishments(3, start=20, project=ProjectType.CONFORMITE)),
        segur=True,
    )
    base = replace(
        example_dossier(),
        campaign_id="generalisation-2023",
        grappe=g,
        overrides=MappingProxyType({k: Decimal(v) for k, v in OVERRIDES.items()}),
        campaign_fingerprint=catalog.campaign("generalisation-2023").fingerprint,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _render(dossier: Dossier, source: CampaignSource | None = None) -> tuple[Pdf, Budget]:
    budget = assess_dossier(dossier)
    campaign = effective_campaign(dossier.campaign_id, dossier.overrides)
    data = build_candidature(dossier, budget, campaign, generated_on=GENERATED, source=source)
    return Pdf(data), budget


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


@pytest.fixture(scope="module")
def small_ogs() -> tuple[Pdf, Budget]:
    return _render(_small_ogs_dossier(), CampaignSource("ars-bretagne-2023.toml", user=True))


def test_the_per_og_lines_have_their_own_table(small_ogs: tuple[Pdf, Budget]) -> None:
    pdf, budget = small_ogs
    assert [(line.og, line.amount) for line in budget.og_lines] == [
        ("Petit B", 30_000),
        ("Petit C", 30_000),
    ]
    table = _between(pdf.text, "Lignes par organisme gestionnaire Organisme gestionnaire", "Total")
    for line in budget.og_lines:
        assert f"{line.og} Accompagnement du projet (par petit OG)" in table
        assert eur(line.amount) in table
    assert f"Sous-total des lignes par organisme gestionnaire (2) {eur(Decimal(60_000))}" in table
    # The project's own lines no longer hold them; the recapitulation adds both.
    assert "Aucune ligne au niveau du projet" in pdf.text
    totals = _between(pdf.text, "Récapitulatif Montant TTC", "Versement")
    assert "Lignes du projet — " in totals  # no project line: a dash, not « 0 € »
    assert f"Lignes par organisme gestionnaire {eur(Decimal(60_000))}" in totals
    assert f"TOTAL DEMANDÉ {eur(budget.total)}" in totals
    assert budget.total == 14 * 8_000 + 3 * 5_000 + 60_000


def test_each_tranche_prints_its_condition(small_ogs: tuple[Pdf, Budget]) -> None:
    pdf, budget = small_ogs
    tranches = _between(pdf.text, "Versement Part Montant TTC", "Interprétations")
    conditions = [t.condition for t in budget.tranches if t.condition]
    assert conditions == ["Cibles d'usage atteintes"]
    assert "Condition : Cibles d'usage atteintes" in tranches
    assert tranches.count("Condition :") == len(conditions)


def test_the_rules_line_names_the_file_its_origin_and_fingerprint(
    small_ogs: tuple[Pdf, Budget],
) -> None:
    pdf, _ = small_ogs
    campaign = catalog.campaign("generalisation-2023")
    assert (
        f"Règles : {campaign.title}, fichier ars-bretagne-2023.toml (campagne de l'utilisateur), "
        f"empreinte {campaign.fingerprint}." in pdf.text
    )
    shipped, _ = _render(
        _small_ogs_dossier(), CampaignSource("generalisation-2023.toml", user=False)
    )
    assert "fichier generalisation-2023.toml (campagne du programme)" in shipped.text
    unknown, _ = _render(_small_ogs_dossier())  # a caller that does not know the file
    assert f"Règles : {campaign.title}, empreinte {campaign.fingerprint}." in unknown.text


def test_the_cover_says_the_amounts_are_ttc(small_ogs: tuple[Pdf, Budget]) -> None:
    pdf, budget = small_ogs
    cover = norm(pdf.pages[0])
    assert f"Montant total demandé (TTC) {eur(budget.total)}" in cover
    assert "Versements (TTC) 50 % — Signature de la convention" in cover


def test_a_changed_campaign_is_an_open_point(small_ogs: tuple[Pdf, Budget]) -> None:
    pdf, _ = small_ogs
    assert "ont changé depuis le dernier calcul" not in pdf.text
    stale, budget = _render(_small_ogs_dossier(campaign_fingerprint="0123456789abcdef"))
    assert budget.findings[0].code == "campagne_modifiee"
    points = stale.text[stale.text.index("Points ouverts de l’éligibilité") :]
    assert (
        "Avertissement Les règles de la campagne « Généralisation 2023 (appel régional) » ont "
        "changé depuis le dernier calcul de ce dossier : vérifiez le budget, puis validez la "
        "nouvelle version." in points
    )


def test_a_campaign_without_per_og_lines_prints_no_such_table() -> None:
    pdf, budget = _render(example_dossier())
    assert budget.og_lines == ()
    assert "Lignes par organisme gestionnaire" not in pdf.text
    assert "Condition : Fin du déploiement, une fois l'usage vérifié" in pdf.text


def test_a_campaign_stated_ht_prints_ht_wherever_an_amount_is_headed() -> None:
    dossier = _small_ogs_dossier()
    budget = assess_dossier(dossier)
    campaign = replace(effective_campaign(dossier.campaign_id, dossier.overrides), ttc=False)
    data = build_candidature(dossier, replace(budget, ttc=False), campaign, generated_on=GENERATED)
    text = norm(Pdf(data).text)
    # Only the campaign's own notes may still say TTC (they are the file's words).
    assert "Montant TTC" not in text and "(TTC)" not in text and "Montant\nTTC" not in text
    assert "Montant total demandé (HT)" in text and "hors taxes (HT)" in text
    assert text.count("Montant HT") >= 3  # lines, per-OG lines, recap and tranches tables
