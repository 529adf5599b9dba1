"""Eligibility and budget rules of every campaign, at their boundaries."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from esms_desktop.domain.budget import Budget, compute
from esms_desktop.domain.campaign import Campaign, CampaignError, parse_override
from esms_desktop.domain.findings import Severity
from esms_desktop.domain.grappe import Grappe, ProjectType
from esms_desktop.resources import resource_path
from esms_desktop.services import catalog
from tests.domain.builders import establishments, finess, grappe, og, split_grappe

D = Decimal


def two_regions(n: int, second_dept: str = "75", segur: bool | None = None) -> Grappe:
    """``n`` ESSMS in 4 OGs, the first half in the Nord (59), the rest in ``second_dept``."""
    first = n // 2
    ests = (*establishments(first), *establishments(n - first, dept=second_dept, start=first))
    per = [len(ests) // 4 + (1 if i < len(ests) % 4 else 0) for i in range(4)]
    ogs, start = [], 0
    for i, k in enumerate(per):
        ogs.append(og(f"OG {i + 1}", ests[start : start + k], porteur=i == 0))
        start += k
    return grappe(*ogs, segur=segur)


def run(g: Grappe, campaign_id: str, **overrides: int) -> Budget:
    campaign = catalog.campaign(campaign_id).with_overrides({k: D(v) for k, v in overrides.items()})
    return compute(g, campaign, catalog.nomenclature())


def codes(b: Budget, severity: Severity | None = None) -> set[str]:
    return {f.code for f in b.findings if severity is None or f.severity is severity}


# --- size thresholds -------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "eligible"), [(14, False), (15, True)])
def test_t1_minimum_15(n: int, eligible: bool) -> None:
    b = run(split_grappe(n, 3), "amorcage-2021-t1")
    assert b.eligible is eligible
    assert ("taille_insuffisante" in codes(b, Severity.BLOQUANT)) is not eligible
    assert b.counted_establishments == n


@pytest.mark.parametrize(("n", "eligible"), [(7, False), (8, True)])
@pytest.mark.parametrize("dept", ["2A", "2B", "974", "971"])
def test_corse_and_overseas_minimum_8(n: int, eligible: bool, dept: str) -> None:
    b = run(split_grappe(n, 2, dept=dept), "amorcage-2021-t2")
    assert b.eligible is eligible, [f.message for f in b.findings]


def test_island_threshold_needs_every_essms_overseas() -> None:
    g = grappe(
        og("A", establishments(6, dept="2A"), porteur=True),
        og("B", establishments(3, dept="13", start=50)),
    )
    b = run(g, "amorcage-2021-t2")
    assert "taille_insuffisante" in codes(b, Severity.BLOQUANT)
    assert "il en faut au moins 15" in next(
        f.message for f in b.findings if f.code == "taille_insuffisante"
    )


# programme.md §8: from 2024 the limit of 49 holds only for grappes over several regions, so
# generalisation-2024 is checked on a two-region grappe (one region: tests below).
@pytest.mark.parametrize(
    ("campaign_id", "second_dept"),
    [("amorcage-2021-t2", "59"), ("generalisation-2023", "59"), ("generalisation-2024", "75")],
)
@pytest.mark.parametrize(("n", "routed"), [(49, False), (50, True)])
def test_regional_maximum_49_routes_to_national(
    campaign_id: str, second_dept: str, n: int, routed: bool
) -> None:
    g = two_regions(n, second_dept)
    b = run(g, campaign_id)
    assert ("taille_appel_national" in codes(b, Severity.BLOQUANT)) is routed
    if routed:
        finding = next(f for f in b.findings if f.code == "taille_appel_national")
        assert "appel national" in finding.message and "national-20" in finding.message


@pytest.mark.parametrize("campaign_id", ["national-2021", "national-2022"])
@pytest.mark.parametrize(("n", "eligible"), [(49, False), (50, True)])
def test_national_minimum_50(campaign_id: str, n: int, eligible: bool) -> None:
    b = run(split_grappe(n, 2), campaign_id)
    assert ("taille_insuffisante" in codes(b, Severity.BLOQUANT)) is not eligible


def test_generalisation_under_15_is_only_a_warning() -> None:
    b = run(split_grappe(10, 3, segur=True), "generalisation-2023")
    assert "taille_insuffisante" in codes(b, Severity.AVERTISSEMENT)
    assert b.eligible


# --- OG count --------------------------------------------------------------------------------


@pytest.mark.parametrize(("n_ogs", "eligible"), [(2, False), (3, True)])
def test_small_og_grappe_needs_3_ogs(n_ogs: int, eligible: bool) -> None:
    b = run(split_grappe(16, n_ogs), "amorcage-2021-t1")
    assert ("petits_og_insuffisants" in codes(b)) is not eligible
    assert b.eligible is eligible


@pytest.mark.parametrize(("n_ogs", "eligible"), [(1, False), (2, True)])
def test_small_og_grappe_overseas_needs_2_ogs(n_ogs: int, eligible: bool) -> None:
    b = run(split_grappe(8, n_ogs, dept="973"), "amorcage-2021-t1")
    assert b.eligible is eligible


def test_og_of_15_may_apply_alone() -> None:
    b = run(grappe(og("Grand OG", establishments(15), porteur=True)), "amorcage-2021-t1")
    assert b.eligible, [f.message for f in b.findings]


def test_declared_size_makes_an_og_not_small() -> None:
    g = grappe(
        og("A", establishments(10), porteur=True, size=40),
        og("B", establishments(5, start=10)),
    )
    b = run(g, "amorcage-2021-t1")
    assert "petits_og_insuffisants" not in codes(b)
    # No equipment for ESSMS of a large OG, even when asked.
    g2 = grappe(og("A", establishments(15, equipment=True), porteur=True, size=40))
    b2 = run(g2, "amorcage-2021-t1")
    assert b2.total == 15 * 25_000
    assert "equipement_og_non_petit" in codes(b2)


# --- cap -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "funded"), [(30, 30), (31, 30)])
def test_t1_funds_at_most_30(n: int, funded: int) -> None:
    b = run(split_grappe(n, 3), "amorcage-2021-t1")
    assert b.funded_count == funded
    assert ("plafond_essms" in codes(b, Severity.AVERTISSEMENT)) is (n > 30)
    assert b.total == funded * 25_000


def test_cap_keeps_highest_amounts_then_order_entered() -> None:
    cheap = establishments(20, project=ProjectType.CONFORMITE)
    dear = establishments(12, start=100, equipment=True)  # 45 000 each
    mid = establishments(3, start=200)  # 25 000 each
    g = grappe(og("A", cheap, porteur=True), og("B", dear), og("C", mid))
    b = run(g, "amorcage-2021-t1")
    funded = [e for e in b.establishments if e.funded]
    assert len(funded) == 30
    assert sum(1 for e in funded if e.og_name == "B") == 12
    assert sum(1 for e in funded if e.og_name == "C") == 3
    kept_cheap = [e.finess for e in funded if e.og_name == "A"]
    assert kept_cheap == [e.finess for e in cheap[:15]]  # ties: first entered win
    dropped = [e for e in b.establishments if not e.funded]
    assert all("plafond" in e.reason for e in dropped)
    assert b.total == 12 * 45_000 + 3 * 25_000 + 15 * 10_000


# --- rows left out ---------------------------------------------------------------------------


def test_usld_invalid_duplicate_and_unknown_category() -> None:
    base = list(establishments(15))
    usld = replace(base[0], finess=finess("59", 900), category="362", name="USLD")
    bad_key = replace(base[1], finess=base[1].finess[:-1] + str((int(base[1].finess[-1]) + 1) % 10))
    dup = replace(base[2], name="Doublon")
    unknown = replace(base[3], finess=finess("59", 901), category="645")
    hospital = replace(base[4], finess=finess("59", 902), category="355")
    g = grappe(og("A", (*base, usld, bad_key, dup, unknown, hospital), porteur=True, size=20))
    b = run(g, "amorcage-2021-t1")
    found = codes(b)
    assert {
        "categorie_usld",
        "finess_invalide",
        "finess_en_double",
        "categorie_inconnue",
        "categorie_hors_medico_social",
    } <= found
    assert b.counted_establishments == 16  # 15 + the unknown category, accepted
    assert b.eligible
    usld_finding = next(f for f in b.findings if f.code == "categorie_usld")
    assert usld_finding.finess == usld.finess and "USLD" in usld_finding.message


def test_double_funding_declared_is_left_out_in_generalisation() -> None:
    ests = list(establishments(15))
    ests[0] = replace(ests[0], already_funded=True)
    g = grappe(og("A", tuple(ests), porteur=True, size=20), segur=True)
    b = run(g, "generalisation-2025", acquisition=30_000)
    assert "deja_finance" in codes(b)
    assert b.counted_establishments == 14
    assert b.total == 14 * 30_000


# --- solution --------------------------------------------------------------------------------


def test_one_solution_per_project() -> None:
    a = establishments(10)
    b_ = establishments(6, start=10, solution="Autre éditeur — Autre produit")
    g = grappe(og("A", a, porteur=True, size=20), og("B", b_, size=20))
    assert "solutions_multiples" in codes(run(g, "amorcage-2021-t2"), Severity.BLOQUANT)
    assert "solutions_multiples" not in codes(run(g, "amorcage-2021-t1"))


def test_solution_names_compared_loosely() -> None:
    a = establishments(10, solution="éditeur - produit")
    b_ = establishments(6, start=10, solution="Éditeur  —  Produit")
    g = grappe(og("A", a, porteur=True, size=20), og("B", b_, size=20))
    assert "solutions_multiples" not in codes(run(g, "amorcage-2021-t2"))


@pytest.mark.parametrize(
    ("segur", "code", "severity"),
    [
        (None, "segur_a_verifier", Severity.AVERTISSEMENT),
        (False, "solution_non_referencee", Severity.BLOQUANT),
    ],
)
def test_segur_referencing(segur: bool | None, code: str, severity: Severity) -> None:
    g = split_grappe(20, 3, segur=segur)
    assert code in codes(run(g, "generalisation-2022"), severity)
    assert not codes(run(split_grappe(20, 3, segur=True), "generalisation-2022")) & {
        "segur_a_verifier",
        "solution_non_referencee",
    }


def test_segur_not_required_for_ahi_pjm_only() -> None:
    g = grappe(
        og("A", establishments(8, category="214"), porteur=True, size=20),
        og("B", establishments(8, category="340", start=8), size=20),
        segur=False,
    )
    b = run(g, "generalisation-2023")
    assert not codes(b) & {"segur_a_verifier", "solution_non_referencee"}


# --- scope -----------------------------------------------------------------------------------


def test_t1_other_sectors_minority_info_majority_warning() -> None:
    pa = establishments(10)
    pe = establishments(5, category="177", start=10)
    g = grappe(og("A", pa, porteur=True, size=20), og("B", pe, size=20))
    assert "secteurs_hors_priorite" in codes(run(g, "amorcage-2021-t1"), Severity.INFO)
    g2 = grappe(
        og("A", pa[:5], porteur=True, size=20),
        og("B", establishments(10, category="177", start=10), size=20),
    )
    b2 = run(g2, "amorcage-2021-t1")
    assert "secteurs_hors_priorite_majoritaires" in codes(b2, Severity.AVERTISSEMENT)
    assert b2.eligible


# --- amounts ---------------------------------------------------------------------------------


def test_equipment_only_with_a_dui_project_and_small_og() -> None:
    ests = establishments(15, equipment=True)
    ests = (*ests[:14], replace(ests[14], project=ProjectType.AUCUN))
    g = grappe(og("A", ests[:5], porteur=True), og("B", ests[5:10]), og("C", ests[10:]))
    b = run(g, "amorcage-2021-t1")
    assert b.total == 14 * 45_000
    assert "equipement_sans_projet" in codes(b, Severity.INFO)
    aucun = b.establishments[-1]
    assert not aucun.funded and aucun.amount == 0


def test_t2_project_lines_for_small_og_grappes() -> None:
    b = run(split_grappe(15, 3), "amorcage-2021-t2")
    labels = {ln.value_name: ln.amount for ln in b.project_lines}
    assert labels == {"accompagnement_achat": 15_000, "pilotage": 100_000}
    conformite_only = grappe(
        og("A", establishments(5, project=ProjectType.CONFORMITE), porteur=True),
        og("B", establishments(5, start=5, project=ProjectType.CONFORMITE)),
        og("C", establishments(5, start=10, project=ProjectType.CONFORMITE)),
    )
    b2 = run(conformite_only, "amorcage-2021-t2")
    assert {ln.value_name for ln in b2.project_lines} == {"pilotage"}
    medium = grappe(og("A", establishments(15), porteur=True, size=16))
    assert run(medium, "amorcage-2021-t2").project_lines == ()


def test_national_2021_degressivity_from_500th_is_provisional() -> None:
    g = grappe(og("A", establishments(501), porteur=True, size=600))
    b = run(g, "national-2021")
    by_rank = {e.rank: e for e in b.establishments}
    assert not by_rank[499].lines[0].provisional
    assert by_rank[500].lines[0].provisional and by_rank[501].lines[0].provisional
    assert by_rank[500].amount == 5_000
    assert b.total == 501 * 5_000
    assert "valeur_provisoire" in codes(b, Severity.AVERTISSEMENT)
    assert b.eligible
    b2 = run(g, "national-2021", par_essms_degressif=3_000)
    assert b2.total == 499 * 5_000 + 2 * 3_000
    assert "valeur_provisoire" not in codes(b2)


def test_national_2022_from_50th_essms() -> None:
    g = grappe(og("A", establishments(51), porteur=True, size=60), segur=None)
    b = run(g, "national-2022", acquisition=20_000)
    ranked = {e.rank: e for e in b.establishments}
    assert ranked[49].amount == 20_000
    assert [ln.value_name for ln in ranked[50].lines] == [
        "og_rang50",
        "editeur_rang50",
        "editeur_segur_rang50",
    ]
    assert ranked[50].amount is None  # Ségur unknown → the 3 000 € is not assumed
    assert b.total == 49 * 20_000 + 2 * (2_000 + 1_000)
    assert not b.complete
    assert "segur_a_verifier_montant" in codes(b)
    yes = run(
        replace(g, solution=replace(g.solution, segur_referenced=True)),
        "national-2022",
        acquisition=20_000,
    )
    assert yes.total == 49 * 20_000 + 2 * 6_000 and yes.complete
    no = run(
        replace(g, solution=replace(g.solution, segur_referenced=False)),
        "national-2022",
        acquisition=20_000,
    )
    assert no.total == 49 * 20_000 + 2 * 3_000


def test_generalisation_amounts_missing_then_given() -> None:
    g = split_grappe(15, 3, segur=True)
    b = run(g, "generalisation-2024")
    assert b.total == 0 and not b.complete
    assert all(e.amount is None for e in b.establishments if e.funded)
    assert {"valeur_a_confirmer", "total_incomplet"} <= codes(b, Severity.AVERTISSEMENT)
    assert b.eligible  # missing amounts never block
    # programme.md §8 changed two rules here: the support goes to each small OG (3 OGs of 5),
    # and 2024 caps an ESSMS at 10 000 € (provisionally, until the user confirms it).
    b2 = run(g, "generalisation-2024", acquisition=20_000, accompagnement=50_000)
    assert b2.complete and b2.total == 15 * 10_000 + 3 * 50_000
    assert "valeur_provisoire" in codes(b2, Severity.AVERTISSEMENT)
    b3 = run(
        g, "generalisation-2024", acquisition=20_000, accompagnement=50_000, plafond_essms=25_000
    )
    assert b3.total == 15 * 20_000 + 3 * 50_000


def test_hours_prorata_only_in_generalisation() -> None:
    home = establishments(1, category="460", start=500, hours=D("70"))
    g = grappe(og("A", (*establishments(14), *home), porteur=True, size=20), segur=True)
    saad = run(g, "generalisation-2023", acquisition=25_000).establishments[-1]
    assert saad.amount == D("17500.00")
    assert saad.lines[-1].value_name == "prorata_heures"
    assert run(g, "amorcage-2021-t2").establishments[-1].amount == 25_000


def test_prorata_rounds_to_the_cent() -> None:
    home = establishments(1, category="354", hours=D("33.3"))
    g = grappe(og("A", home, porteur=True, size=20), segur=True)
    e = run(g, "generalisation-2023", acquisition=10_001).establishments[0]
    assert e.amount == D("3330.33")


# --- campaign files --------------------------------------------------------------------------


def test_every_shipped_campaign_loads_with_status_and_source() -> None:
    campaigns = catalog.campaigns()
    assert set(campaigns) == {
        "amorcage-2021-t1",
        "amorcage-2021-t2",
        "national-2021",
        "national-2022",
        "national-2023",
        "national-2024",
        "generalisation-2022",
        "generalisation-2023",
        "generalisation-2024",
        "generalisation-2025",
    }
    for c in campaigns.values():
        assert sum(t.pct for t in c.tranches) == 100
        for v in c.values.values():
            assert v.source, (c.id, v.name)
            assert v.known or v.status.value == "a_confirmer"
    for year in (2022, 2023, 2024, 2025):
        # programme.md §8: 2024 adds a per-ESSMS ceiling, shipped à confirmer.
        ceiling = {"plafond_essms"} if year == 2024 else set()
        assert {v.name for v in campaigns[f"generalisation-{year}"].missing_values} == {
            "acquisition",
            "conformite",
            "equipement",
            "accompagnement",
            *ceiling,
        }


NEXT_YEAR = """
id = "generalisation-2026"
title = "Généralisation 2026"
year = 2026
[size]
min_essms = { value = 10, status = "ok", source = "cahier des charges 2026" }
max_essms = 40
[scope]
single_solution = true
[values.acquisition]
label = "Acquisition"
amount = 12345.5
status = "ok"
source = "ARS"
[[essms_lines]]
value = "acquisition"
projects = ["acquisition"]
[[tranches]]
label = "Unique"
pct = 100
"""


def test_next_years_call_is_a_data_file_only(tmp_path: Path) -> None:
    for src in resource_path("campaigns").glob("*.toml"):
        (tmp_path / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "generalisation-2026.toml").write_text(NEXT_YEAR, encoding="utf-8")
    campaigns = catalog.campaigns(tmp_path)
    new: Campaign = campaigns["generalisation-2026"]
    b = compute(split_grappe(12, 3), new, catalog.nomenclature())
    assert b.eligible and b.total == D("148146.00")
    assert [t.amount for t in b.tranches] == [D("148146.00")]
    assert "taille_appel_national" in codes(
        compute(split_grappe(41, 3), new, catalog.nomenclature())
    )


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (NEXT_YEAR.replace("pct = 100", "pct = 90"), "tranches"),
        (NEXT_YEAR.replace('value = "acquisition"', 'value = "acquisiton"'), "acquisiton"),
        (NEXT_YEAR.replace("amount = 12345.5", ""), "amount"),
        (NEXT_YEAR.replace('projects = ["acquisition"]', 'projects = ["achat"]'), "projects"),
        (NEXT_YEAR + "\n[oops", "mal formé"),
    ],
)
def test_bad_campaign_file_gives_a_french_error(tmp_path: Path, text: str, needle: str) -> None:
    from esms_desktop.domain.campaign import load_campaign

    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CampaignError) as err:
        load_campaign(path)
    assert needle in str(err.value)


def test_overrides_refuse_unknown_names_and_negatives() -> None:
    c = catalog.campaign("generalisation-2023")
    with pytest.raises(CampaignError, match="acquisiton"):
        c.with_overrides({"acquisiton": D(1)})
    with pytest.raises(CampaignError, match="négatif"):
        c.with_overrides({"acquisition": D(-1)})
    given = c.with_overrides({"acquisition": D(1)})
    assert given.value("acquisition").status.value == "saisi"
    assert given.overridden == {"acquisition"}


@pytest.mark.parametrize(
    ("text", "name", "amount"),
    [
        ("acquisition=25000", "acquisition", D(25000)),
        ("acquisition = 25 000 €", "acquisition", D(25000)),
        ("equipement=1234,50", "equipement", D("1234.50")),
    ],
)
def test_parse_override(text: str, name: str, amount: Decimal) -> None:
    assert parse_override(text) == (name, amount)


@pytest.mark.parametrize("text", ["acquisition", "=5", "acquisition=abc", "acquisition=-3"])
def test_parse_override_rejects(text: str) -> None:
    with pytest.raises(CampaignError):
        parse_override(text)


# --- programme.md §8: size and routing by regions (2024) -------------------------------------


def test_2024_one_region_has_no_upper_limit() -> None:
    b = run(split_grappe(60, 4, segur=True), "generalisation-2024")
    assert b.eligible, [f.message for f in b.findings if f.severity is Severity.BLOQUANT]
    assert "taille_appel_national" not in codes(b)
    assert b.eligibility.regions == ("Hauts-de-France",)


def test_2024_sixty_over_two_regions_go_to_national_2024() -> None:
    g = two_regions(60, segur=True)
    b = run(g, "generalisation-2024")
    assert not b.eligible
    finding = next(f for f in b.findings if f.code == "taille_appel_national")
    assert "« national-2024 »" in finding.message
    assert "plusieurs régions (Hauts-de-France, Île-de-France)" in finding.message
    national = run(g, "national-2024")
    assert national.eligible, [f.message for f in national.findings]


def test_2024_forty_over_two_regions_answer_the_regional_call() -> None:
    b = run(two_regions(40, segur=True), "generalisation-2024")
    assert b.eligible
    note = next(f for f in b.findings if f.code == "multi_regions")
    assert "1er juin 2024" in note.message and "Depuis 2024" not in note.message


def test_national_2024_refuses_a_grappe_of_one_region() -> None:
    b = run(split_grappe(60, 4), "national-2024")
    refusal = next(f for f in b.findings if f.code == "regions_hors_appel")
    assert refusal.severity is Severity.BLOQUANT
    assert "« generalisation-2024 »" in refusal.message
    assert not b.eligible


@pytest.mark.parametrize(
    ("campaign_id", "advice"),
    [("generalisation-2022", "national-2022"), ("generalisation-2023", "national-2023")],
)
def test_2022_2023_still_route_60_to_their_own_national_call(campaign_id: str, advice: str) -> None:
    for g in (split_grappe(60, 4, segur=True), two_regions(60, segur=True)):
        finding = next(f for f in run(g, campaign_id).findings if f.code == "taille_appel_national")
        assert finding.severity is Severity.BLOQUANT and f"« {advice} »" in finding.message


def test_2022_2023_multi_region_note_is_not_from_2024() -> None:
    for campaign_id in ("generalisation-2022", "generalisation-2023"):
        b = run(two_regions(40, segur=True), campaign_id)
        assert b.eligible
        note = next(f for f in b.findings if f.code == "multi_regions")
        assert "déjà le cas en 2022 et 2023" in note.message


def test_2025_repeats_the_2024_routing_a_confirmer() -> None:
    c = catalog.campaign("generalisation-2025")
    assert c.size.several_regions is not None and c.size.several_regions.max_essms is not None
    assert c.size.several_regions.max_essms.status.value == "a_confirmer"
    assert run(split_grappe(60, 4, segur=True), "generalisation-2025").eligible
    assert "taille_appel_national" in codes(run(two_regions(60, segur=True), "generalisation-2025"))


@pytest.mark.parametrize(("n", "eligible"), [(49, False), (50, True)])
def test_national_2023_from_50_essms(n: int, eligible: bool) -> None:
    b = run(split_grappe(n, 2), "national-2023")
    assert ("taille_insuffisante" in codes(b, Severity.BLOQUANT)) is not eligible


def test_every_advice_names_a_shipped_campaign_of_the_same_year() -> None:
    campaigns = catalog.campaigns()
    for c in campaigns.values():
        size = c.size
        advices = [size.max_advice] + [
            r.max_advice or r.advice for r in (size.one_region, size.several_regions) if r
        ]
        for advice in filter(None, advices):
            assert advice in campaigns, (c.id, advice)
            if c.id.startswith("generalisation-"):
                assert campaigns[advice].year == c.year, (c.id, advice)


def test_saint_martin_is_in_the_region_of_guadeloupe_s_ars() -> None:
    from esms_desktop.domain.geography import region_of, regions_of

    assert region_of("977") == region_of("978") == region_of("971")
    assert regions_of(["971", "977", "", "999"]) == (region_of("971"),)


# --- programme.md §8: the 15 (8) minimum -----------------------------------------------------


@pytest.mark.parametrize(
    "campaign_id",
    ["generalisation-2022", "generalisation-2023", "generalisation-2024", "generalisation-2025"],
)
def test_minimum_15_warns_and_says_cnsa_makes_it_an_admissibility_condition(
    campaign_id: str,
) -> None:
    b = run(split_grappe(10, 3, segur=True), campaign_id)
    finding = next(f for f in b.findings if f.code == "taille_insuffisante")
    assert finding.severity is Severity.AVERTISSEMENT and b.eligible
    assert "condition de recevabilité" in finding.message
    assert "l'ARS peut accepter moins" in finding.message


def test_minimum_8_in_corse_and_overseas_is_ok() -> None:
    for c in catalog.campaigns().values():
        if c.size.min_essms_island is not None:
            assert c.size.min_essms_island.status.value == "ok", c.id
            assert "cnsa.fr" in c.size.min_essms_island.source, c.id


# --- programme.md §8: small-OG support per OG in the généralisation --------------------------


@pytest.mark.parametrize(
    "campaign_id",
    ["generalisation-2022", "generalisation-2023", "generalisation-2024", "generalisation-2025"],
)
def test_support_goes_to_each_small_og_even_beside_a_large_one(campaign_id: str) -> None:
    g = grappe(
        og("Grand OG", establishments(10), porteur=True, size=40),
        og("Petit B", establishments(4, start=10)),
        og("Petit C", establishments(3, start=20, project=ProjectType.CONFORMITE)),
        segur=True,
    )
    b = run(g, campaign_id, acquisition=8_000, conformite=5_000, accompagnement=30_000)
    assert [(ln.og, ln.amount) for ln in b.og_lines] == [("Petit B", 30_000), ("Petit C", 30_000)]
    assert b.total == 14 * 8_000 + 3 * 5_000 + 2 * 30_000
    assert b.subtotal_by_og()["Petit B"] == 4 * 8_000 + 30_000


def test_2021_t2_keeps_its_small_og_grappe_project_lines() -> None:
    g = grappe(
        og("Grand OG", establishments(10), porteur=True, size=40),
        og("Petit B", establishments(5, start=10)),
    )
    assert run(g, "amorcage-2021-t2").project_lines == ()


# --- programme.md §8: software rules ---------------------------------------------------------


def _ahi_pjm(category: str, segur: bool | None) -> Grappe:
    return grappe(
        og("A", establishments(16, category=category), porteur=True, size=20), segur=segur
    )


def test_2025_only_pjm_is_exempt_from_segur_referencing() -> None:
    from esms_desktop.domain.eligibility import Declarations

    assert not codes(run(_ahi_pjm("340", False), "generalisation-2025")) & {
        "inscription_editeur_a_verifier",
        "solution_non_referencee",
    }
    ahi = _ahi_pjm("214", False)
    b = run(ahi, "generalisation-2025")
    finding = next(f for f in b.findings if f.code == "inscription_editeur_a_verifier")
    assert finding.severity is Severity.AVERTISSEMENT and b.eligible
    assert "guichet de référencement" in finding.message and "convention" in finding.message
    campaign, nomenclature = catalog.campaign("generalisation-2025"), catalog.nomenclature()
    refused = compute(ahi, campaign, nomenclature, Declarations(editor_registered=False))
    assert "editeur_non_inscrit" in codes(refused, Severity.BLOQUANT)
    registered = compute(ahi, campaign, nomenclature, Declarations(editor_registered=True))
    assert not codes(registered) & {"editeur_non_inscrit", "inscription_editeur_a_verifier"}
    # A referenced DUI needs no declaration; 2024 still exempts AHI.
    assert "inscription_editeur_a_verifier" not in codes(
        run(_ahi_pjm("214", True), "generalisation-2025")
    )
    assert not codes(run(ahi, "generalisation-2024")) & {
        "inscription_editeur_a_verifier",
        "solution_non_referencee",
    }
    # A mixed project (AHI and EHPAD) needs the referenced DUI, as before.
    mixed = grappe(
        og("A", establishments(8, category="214"), porteur=True, size=20),
        og("B", establishments(8, start=8), size=20),
        segur=False,
    )
    assert "solution_non_referencee" in codes(run(mixed, "generalisation-2025"), Severity.BLOQUANT)


def test_ght_exception_from_2023_is_declared_per_essms() -> None:
    from esms_desktop.domain.eligibility import Declarations

    ests = list(establishments(16))
    ests[3] = replace(ests[3], dui_solution="DUI de l'hôpital")
    g = grappe(og("A", tuple(ests), porteur=True, size=20), segur=True)
    nomenclature = catalog.nomenclature()
    undeclared = run(g, "generalisation-2023")
    blocking = next(f for f in undeclared.findings if f.code == "solutions_multiples")
    assert "GHT" in blocking.message
    declared = Declarations(ght_essms=frozenset({ests[3].finess}))
    b = compute(g, catalog.campaign("generalisation-2023"), nomenclature, declared)
    assert b.eligible and "solutions_multiples" not in codes(b)
    note = next(f for f in b.findings if f.code == "exception_ght")
    assert note.finess == ests[3].finess and note.severity is Severity.INFO
    before = compute(g, catalog.campaign("generalisation-2022"), nomenclature, declared)
    assert "solutions_multiples" in codes(before, Severity.BLOQUANT)
    assert "exception_ght_non_prevue" in codes(before)


def test_sons_vague_1_reminder_for_conformite_projects() -> None:
    g = grappe(
        og("A", establishments(16, project=ProjectType.CONFORMITE), porteur=True, size=20),
        segur=True,
    )
    for campaign_id in ("generalisation-2023", "generalisation-2024", "generalisation-2025"):
        reminder = next(f for f in run(g, campaign_id).findings if f.code == "rappel_campagne")
        assert "28 février 2024" in reminder.message and reminder.severity is Severity.INFO
    acquisitions = split_grappe(16, 2, segur=True)
    assert "rappel_campagne" not in codes(run(acquisitions, "generalisation-2024"))


# --- programme.md §8: windows and dates ------------------------------------------------------


def test_windows_and_dates_of_section_8() -> None:
    from datetime import date

    def spans(campaign_id: str) -> set[tuple[date | None, date | None]]:
        return {(w.start, w.end) for w in catalog.campaign(campaign_id).windows}

    assert (date(2022, 3, 14), date(2022, 9, 30)) in spans("generalisation-2022")
    g2024 = spans("generalisation-2024")
    assert {(date(2024, 1, 15), date(2024, 9, 15)), (None, date(2024, 6, 1))} <= g2024
    assert (date(2024, 2, 19), date(2024, 3, 22)) in g2024  # one ARS's example, kept
    assert (None, date(2022, 6, 6)) in spans("national-2022")
    assert (date(2024, 2, 15), None) in spans("national-2024")
    closing = next(w for w in catalog.campaign("national-2023").windows if w.end)
    assert closing.end == date(2023, 6, 15) and closing.status.value == "a_confirmer"


def test_2024_ceiling_is_shipped_a_confirmer_with_10000_provisional() -> None:
    c = catalog.campaign("generalisation-2024")
    ceiling = c.value(c.ceilings.per_essms)
    assert ceiling.status.value == "a_confirmer" and ceiling.fallback == 10_000
    assert "ash.tm.fr" in ceiling.source
