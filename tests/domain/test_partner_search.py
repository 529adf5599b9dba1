"""« Trouver des partenaires »: territory, filters, order, preview and the OG as a member.

Register OGs are built by hand (valid FINESS with their real key) and from the real FINESS web
export of ESATs (skipped without ``../shared``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from esms_desktop.domain.budget import compute
from esms_desktop.domain.campaign import Campaign, RegionRules
from esms_desktop.domain.essms_scope import EssmsScope
from esms_desktop.domain.findings import Severity
from esms_desktop.domain.finess_register import RegisterEntry
from esms_desktop.domain.geodesy import GeoPoint, distance_km
from esms_desktop.domain.grappe import Grappe, OgRole, ProjectType
from esms_desktop.domain.identifiers import siren_problem
from esms_desktop.domain.nomenclature import Nomenclature, Sector
from esms_desktop.domain.partner_search import (
    PartnerCandidate,
    PartnerFilters,
    PartnerOrigin,
    RegisterOg,
    default_project,
    find_partners,
    organisation_from_register,
    preview,
    requires_one_region,
    search_departments,
    with_partner,
)
from esms_desktop.services import catalog
from tests.domain.builders import establishments, finess, grappe, og

LILLE = GeoPoint(50.6292, 3.0573)
ARRAS = GeoPoint(50.2910, 2.7775)
DOUAI = GeoPoint(50.3714, 3.0800)
AMIENS = GeoPoint(49.8941, 2.2958)
PARIS = GeoPoint(48.8566, 2.3522)

_counter = iter(range(1, 1_000_000))


def entry(
    dept: str, category: str = "246", *, closed: bool = False, siret: str = ""
) -> RegisterEntry:
    number = finess(dept, 500_000 + next(_counter))
    return RegisterEntry(
        finess=number,
        finess_ej="",
        siret=siret,
        name=f"ESSMS {number}",
        long_name=f"Établissement {number}",
        category=category,
        address="1 rue de la Paix",
        postal_code=f"{dept}000",
        town="VILLE",
        department=dept,
        capacity=40,
        closed=closed,
    )


def register_og(
    name: str,
    dept: str,
    count: int,
    *,
    at: GeoPoint | None = None,
    extra: tuple[RegisterEntry, ...] = (),
    ej_n: int | None = None,
) -> RegisterOg:
    ej = finess(dept, 900_000 + (ej_n if ej_n is not None else next(_counter)))
    ests = tuple(replace(entry(dept), finess_ej=ej) for _ in range(count)) + extra
    return RegisterOg(ej, name, dept, "VILLE", at, ests)


@pytest.fixture(scope="module")
def nomenclature() -> Nomenclature:
    return catalog.nomenclature()


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return catalog.campaign("generalisation-2024")


@pytest.fixture(scope="module")
def priced() -> Campaign:
    """A call whose amounts are all known (25,000 € an acquisition), for budget differences."""
    return catalog.campaign("amorcage-2021-t2")


def one_region(campaign: Campaign) -> Campaign:
    rules = RegionRules(accepted=False, advice="une seule région")
    return replace(campaign, size=replace(campaign.size, several_regions=rules))


def porteur_grappe(count: int = 5, dept: str = "59") -> Grappe:
    return grappe(og("Association porteuse", establishments(count, dept=dept), porteur=True))


def names(found: tuple[PartnerCandidate, ...]) -> list[str]:
    return [c.name for c in found]


# --- territory ------------------------------------------------------------------------------


def test_same_and_neighbouring_departments_only(
    campaign: Campaign, nomenclature: Nomenclature
) -> None:
    ogs = [
        register_og("Nord", "59", 3),
        register_og("Pas-de-Calais", "62", 3),
        register_og("Somme", "80", 3),
        register_og("Paris", "75", 3),
        register_og("Ardennes", "08", 3),  # no border with the Nord
    ]
    found = find_partners(PartnerOrigin("59"), porteur_grappe(), ogs, campaign, nomenclature)
    assert set(names(found)) == {"Nord", "Pas-de-Calais", "Somme"}
    assert search_departments(PartnerOrigin("59"), campaign) == {"59", "02", "62", "80"}


def test_the_territory_is_judged_on_each_essms_not_on_the_seat(
    campaign: Campaign, nomenclature: Nomenclature
) -> None:
    ej = finess("75", 990_001)
    lille = tuple(replace(entry("59"), finess_ej=ej) for _ in range(2))
    paris = tuple(replace(entry("75"), finess_ej=ej) for _ in range(4))
    national = RegisterOg(ej, "Association nationale", "75", "PARIS", PARIS, lille + paris)
    (found,) = find_partners(
        PartnerOrigin("59"), porteur_grappe(), [national], campaign, nomenclature
    )
    assert {e.finess for e in found.essms} == {e.finess for e in lille}
    assert found.managed == 6 and found.same_department


def test_a_campaign_of_one_region_keeps_the_porteurs_region(
    campaign: Campaign, nomenclature: Nomenclature
) -> None:
    # Oise (60, Hauts-de-France) and Val-d'Oise (95, Île-de-France) both touch the Eure (27),
    # Normandie; Seine-Maritime (76) is in Normandie too.
    ogs = [
        register_og("Oise", "60", 2),
        register_og("Val-d'Oise", "95", 2),
        register_og("Seine-Maritime", "76", 2),
    ]
    origin = PartnerOrigin("27")
    assert not requires_one_region(campaign)
    assert set(names(find_partners(origin, Grappe(), ogs, campaign, nomenclature))) == {
        "Oise",
        "Val-d'Oise",
        "Seine-Maritime",
    }
    regional = one_region(campaign)
    assert requires_one_region(regional)
    assert names(find_partners(origin, Grappe(), ogs, regional, nomenclature)) == ["Seine-Maritime"]


def test_corsica_looks_in_corsica_only(campaign: Campaign, nomenclature: Nomenclature) -> None:
    ogs = [
        register_og("Haute-Corse", "2B", 2),
        register_og("Var", "83", 2),
        register_og("Alpes-Maritimes", "06", 2),
    ]
    assert names(find_partners(PartnerOrigin("2A"), Grappe(), ogs, campaign, nomenclature)) == [
        "Haute-Corse"
    ]


def test_a_blank_department_finds_nothing(campaign: Campaign, nomenclature: Nomenclature) -> None:
    assert (
        find_partners(
            PartnerOrigin(""), Grappe(), [register_og("X", "59", 3)], campaign, nomenclature
        )
        == ()
    )


# --- what an OG brings ----------------------------------------------------------------------


def test_closed_usld_and_sanitary_establishments_are_left_out(
    campaign: Campaign, nomenclature: Nomenclature
) -> None:
    extra = (entry("59", closed=True), entry("59", "362"), entry("59", "355"))  # USLD, C.H.
    mixed = register_og("Mixte", "59", 2, extra=extra)
    only_sanitary = register_og("Hôpital", "59", 0, extra=(entry("59", "355"), entry("59", "362")))
    found = find_partners(
        PartnerOrigin("59"), Grappe(), [mixed, only_sanitary], campaign, nomenclature
    )
    assert names(found) == ["Mixte"]
    assert found[0].eligible_count == 2 and found[0].managed == 2
    scope = EssmsScope(nomenclature)
    assert "USLD" in scope.exclusion(extra[1]) and "n'est pas un ESSMS" in scope.exclusion(extra[2])
    assert scope.exclusion(extra[0]) == "établissement fermé"


def test_ogs_and_essms_already_in_the_grappe_are_left_out(
    campaign: Campaign, nomenclature: Nomenclature
) -> None:
    member = register_og("Déjà membre", "59", 3)
    shared = register_og("En partie", "59", 3)
    porteur = register_og("Porteur", "59", 4)
    g = porteur_grappe()
    g = with_partner(g, replace(organisation_from_register(member, nomenclature=nomenclature)))
    # one ESSMS of "En partie" typed in the grappe by hand, without its FINESS juridique
    typed = organisation_from_register(shared, [shared.establishments[0].finess], nomenclature)
    g = with_partner(g, replace(typed, finess_ej=""))
    found = find_partners(
        PartnerOrigin.from_og(porteur), g, [member, shared, porteur], campaign, nomenclature
    )
    assert names(found) == ["En partie"]
    assert found[0].eligible_count == 2


def test_declared_funded_ogs_and_essms_are_left_out(
    campaign: Campaign, nomenclature: Nomenclature
) -> None:
    funded_og = register_og("Financé", "59", 3)
    partly = register_og("Un ESSMS financé", "59", 3)
    filters = PartnerFilters(
        funded=frozenset({funded_og.finess_ej, partly.establishments[1].finess})
    )
    found = find_partners(
        PartnerOrigin("59"), Grappe(), [funded_og, partly], campaign, nomenclature, filters
    )
    assert names(found) == ["Un ESSMS financé"]
    assert partly.establishments[1] not in found[0].essms and found[0].eligible_count == 2


# --- filters ----------------------------------------------------------------------------------


def test_small_og_counts_every_open_essms_it_manages_anywhere(
    campaign: Campaign, nomenclature: Nomenclature
) -> None:
    ej = finess("59", 990_002)
    far = tuple(replace(entry("13"), finess_ej=ej) for _ in range(14))
    near = (replace(entry("59"), finess_ej=ej),)
    big_far = RegisterOg(ej, "Grand OG", "13", "MARSEILLE", None, near + far)
    small = register_og("Petit OG", "59", 14)
    declared = replace(register_og("Compté par le registre", "59", 1), essms_managed=40)
    ogs = [big_far, small, declared]
    found = {
        c.name: c for c in find_partners(PartnerOrigin("59"), Grappe(), ogs, campaign, nomenclature)
    }
    assert found["Grand OG"].managed == 15 and not found["Grand OG"].is_small
    assert found["Grand OG"].eligible_count == 1
    assert found["Petit OG"].is_small and found["Petit OG"].size_class.value == "petit"
    assert found["Compté par le registre"].managed == 40
    smalls = find_partners(
        PartnerOrigin("59"), Grappe(), ogs, campaign, nomenclature, PartnerFilters(small=True)
    )
    assert names(smalls) == ["Petit OG"]
    others = find_partners(
        PartnerOrigin("59"), Grappe(), ogs, campaign, nomenclature, PartnerFilters(small=False)
    )
    assert set(names(others)) == {"Grand OG", "Compté par le registre"}


def test_sector_filter_keeps_an_og_bringing_any_of_the_sectors(
    campaign: Campaign, nomenclature: Nomenclature
) -> None:
    ph = register_og("Handicap", "59", 2)  # 246 ESAT: PH
    pa = register_og("Âgées", "59", 0, extra=(entry("59", "500"), entry("59", "500")))
    both = register_og("Les deux", "59", 1, extra=(entry("59", "500"),))
    ogs = [ph, pa, both]
    only_pa = find_partners(
        PartnerOrigin("59"),
        Grappe(),
        ogs,
        campaign,
        nomenclature,
        PartnerFilters(sectors=frozenset({Sector.PA})),
    )
    assert set(names(only_pa)) == {"Âgées", "Les deux"}
    assert {c.name: c.eligible_count for c in only_pa}["Les deux"] == 2
    assert pa.establishments[0].category == "500"
    assert Sector.PA in only_pa[0].sectors


def test_radius_drops_known_farther_ones_and_keeps_unknown_distances(
    campaign: Campaign, nomenclature: Nomenclature
) -> None:
    ogs = [
        register_og("Arras", "62", 2, at=ARRAS),
        register_og("Amiens", "80", 2, at=AMIENS),
        register_og("Sans coordonnées", "62", 2),
    ]
    origin = PartnerOrigin("59", LILLE)
    found = find_partners(
        origin, Grappe(), ogs, campaign, nomenclature, PartnerFilters(max_distance_km=60)
    )
    assert names(found) == ["Arras", "Sans coordonnées"]
    assert found[0].distance_km == pytest.approx(distance_km(LILLE, ARRAS))
    assert found[1].distance_km is None


# --- order ------------------------------------------------------------------------------------


def test_order_is_distance_then_size_then_name(
    campaign: Campaign, nomenclature: Nomenclature
) -> None:
    ogs = [
        register_og("Amiens", "80", 9, at=AMIENS),
        register_og("Douai", "59", 2, at=DOUAI),
        register_og("Arras", "62", 5, at=ARRAS),
        register_og("Voisin sans point, grand", "62", 8),
        register_og("Lille sans point, petit", "59", 1),
        register_og("Lille sans point, B", "59", 3),
        register_og("Lille sans point, A", "59", 3),
    ]
    found = find_partners(PartnerOrigin("59", LILLE), Grappe(), ogs, campaign, nomenclature)
    assert names(found) == [
        "Douai",
        "Arras",
        "Amiens",
        "Lille sans point, A",
        "Lille sans point, B",
        "Lille sans point, petit",
        "Voisin sans point, grand",
    ]
    distances = [c.distance_km for c in found if c.distance_km is not None]
    assert distances == sorted(distances)


def test_without_porteur_coordinates_same_department_then_size(
    campaign: Campaign, nomenclature: Nomenclature
) -> None:
    ogs = [
        register_og("Voisin", "62", 9, at=ARRAS),
        register_og("Petit ici", "59", 1, at=DOUAI),
        register_og("Grand ici", "59", 6, at=DOUAI),
    ]
    found = find_partners(PartnerOrigin("59"), Grappe(), ogs, campaign, nomenclature)
    assert names(found) == ["Grand ici", "Petit ici", "Voisin"]
    assert all(c.distance_km is None for c in found)


# --- the OG as a member -------------------------------------------------------------------------


def test_organisation_from_register_fields(nomenclature: Nomenclature) -> None:
    siret = "73282932000074"  # a real SIRET shape: SIREN 732829320 + NIC, Luhn-valid
    assert not siren_problem(siret[:9])
    ests = (
        entry("59", siret=siret),
        entry("59", siret=siret),
        entry("59", "362"),
        entry("59", closed=True),
    )
    reg = RegisterOg(finess("59", 990_003), "APEI du Nord", "59", "LILLE", LILLE, ests)
    member = organisation_from_register(
        reg, nomenclature=nomenclature, project=ProjectType.ACQUISITION
    )
    assert member.role is OgRole.MEMBRE
    assert (member.name, member.finess_ej, member.siren) == (
        "APEI du Nord",
        reg.finess_ej,
        "732829320",
    )
    assert member.declared_size == 2 and member.is_small
    assert [e.finess for e in member.establishments] == [ests[0].finess, ests[1].finess]
    first = member.establishments[0]
    assert (first.name, first.category, first.capacity) == (ests[0].long_name, "246", 40)
    assert (first.address, first.postal_code, first.town) == ("1 rue de la Paix", "59000", "VILLE")
    assert first.project is ProjectType.ACQUISITION
    chosen = organisation_from_register(reg, [ests[1].finess], nomenclature)
    assert [e.finess for e in chosen.establishments] == [ests[1].finess]
    assert chosen.establishments[0].project is ProjectType.AUCUN


def test_siren_is_the_ogs_own_when_valid_and_never_an_invalid_one() -> None:
    reg = RegisterOg(
        finess("59", 990_004), "OG", "59", establishments=(entry("59"),), siren="260104633"
    )
    assert organisation_from_register(reg).siren == "260104633"
    assert organisation_from_register(replace(reg, siren="123456789")).siren == ""


def test_default_project_follows_the_grappe() -> None:
    assert default_project(porteur_grappe()) is ProjectType.ACQUISITION
    assert default_project(Grappe()) is ProjectType.AUCUN


# --- preview ------------------------------------------------------------------------------------


def test_preview_on_a_three_og_grappe_reaching_fifteen_essms(
    priced: Campaign, nomenclature: Nomenclature
) -> None:
    g = porteur_grappe(5)
    first = register_og("Premier partenaire", "59", 5, at=DOUAI)
    second = register_og("Second partenaire", "62", 5, at=ARRAS)
    origin = PartnerOrigin("59", LILLE, finess("59", 999_999))
    found = find_partners(origin, g, [first, second], priced, nomenclature)
    assert names(found) == ["Premier partenaire", "Second partenaire"]

    two = preview(g, found[0], priced, nomenclature)
    assert (two.counted_before, two.counted_after, two.added) == (5, 10, 5)
    assert not two.eligible_after
    assert "taille_insuffisante" in {f.code for f in two.blocking}
    assert all(f.severity is Severity.BLOQUANT for f in two.blocking)
    assert two.difference == Decimal(5 * 25_000)

    g2 = with_partner(
        g, organisation_from_register(first, nomenclature=nomenclature, project=default_project(g))
    )
    again = find_partners(origin, g2, [first, second], priced, nomenclature)
    assert names(again) == ["Second partenaire"]
    three = preview(g2, again[0], priced, nomenclature)
    assert (three.counted_before, three.counted_after) == (10, 15)
    assert three.eligible_after and not three.eligible_before
    assert three.blocking == ()
    assert three.total_after - three.total_before == three.difference > 0
    assert len(with_partner(g2, organisation_from_register(second)).organisations) == 3


def test_preview_of_chosen_essms_only(priced: Campaign, nomenclature: Nomenclature) -> None:
    g = porteur_grappe(5)
    cand = find_partners(PartnerOrigin("59"), g, [register_og("P", "59", 4)], priced, nomenclature)[
        0
    ]
    before = compute(g, priced, nomenclature)
    one = preview(g, cand, priced, nomenclature, chosen=[cand.essms[0].finess], before=before)
    assert one.added == 1 and one.total_before == before.total


# --- the real FINESS web export (ESAT) ----------------------------------------------------------


def _real_ogs(path: Path) -> list[RegisterOg]:
    from esms_desktop.importers.finess_web import read_web_export

    imported = read_web_export(path)
    by_ej: dict[str, list[RegisterEntry]] = defaultdict(list)
    for e in imported.entries:
        if e.finess_ej:
            by_ej[e.finess_ej].append(e)
    return [
        RegisterOg(ej, f"OG {ej}", ests[0].department, ests[0].town, None, tuple(ests))
        for ej, ests in by_ej.items()
    ]


def test_real_web_export_a_search_from_an_esat_lists_its_departments_ogs(
    shared_finess: Path, campaign: Campaign, nomenclature: Nomenclature
) -> None:
    ogs = _real_ogs(shared_finess / "finess-web-export-esat.csv")
    by_dept: dict[str, int] = defaultdict(int)
    for o in ogs:
        by_dept[o.department] += 1
    dept = max(by_dept, key=lambda d: by_dept[d])
    porteur = next(o for o in ogs if o.department == dept)
    found = find_partners(PartnerOrigin.from_og(porteur), Grappe(), ogs, campaign, nomenclature)
    ejs = {c.finess_ej for c in found}
    assert porteur.finess_ej not in ejs
    territory = search_departments(PartnerOrigin(dept), campaign)
    expected = {
        o.finess_ej: sum(1 for e in o.establishments if not e.closed and e.department in territory)
        for o in ogs
        if o.finess_ej != porteur.finess_ej
    }
    expected = {ej: n for ej, n in expected.items() if n}
    assert {c.finess_ej: c.eligible_count for c in found} == expected
    same = {o.finess_ej for o in ogs if o.department == dept} - {porteur.finess_ej}
    assert same <= ejs
    assert all(e.category == "246" for c in found for e in c.essms)
