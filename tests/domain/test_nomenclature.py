"""FINESS category codes → sector and eligibility, from the shipped nomenclature file.

The sector lists below are copied from ``programme.md`` §2 by hand, independently of
``tools/build_nomenclature.py`` which builds ``resources/nomenclature/categories.csv``.
"""

from __future__ import annotations

import csv
import functools
import io
from pathlib import Path

import pytest

from esms_desktop.domain.nomenclature import (
    SECTOR_LABELS,
    USLD,
    Category,
    CategoryEligibility,
    Nomenclature,
    Sector,
    normalise_category,
)
from esms_desktop.resources import resource_path

# programme.md §2, "Sector mapping".
SPEC_SECTORS: dict[Sector, set[str]] = {
    Sector.PA: {"500", "501", "502", "202", "207"},
    Sector.PH: {
        "183",
        "186",
        "188",
        "192",
        "194",
        "195",
        "196",
        "182",
        "190",
        "189",
        "238",
        "246",
        "249",
        "255",
        "437",
        "448",
        "449",
        "252",
        "382",
        "445",
        "446",
    },
    Sector.DOMICILE: {"354", "209", "460"},
    Sector.PE: {"177", "175", "295", "236", "166"},
    Sector.AHI: {"214", "443", "442", "258", "219"},
    Sector.PJM: {"340", "341", "342", "344"},
    Sector.SPECIFIQUE: {"197", "178", "165", "180"},
}
SPEC_CODES = {code: sector for sector, codes in SPEC_SECTORS.items() for code in codes}


@functools.cache
def nomenclature() -> Nomenclature:
    return Nomenclature.load(resource_path("nomenclature", "categories.csv"))


def test_spec_lists_are_disjoint() -> None:
    assert sum(len(codes) for codes in SPEC_SECTORS.values()) == len(SPEC_CODES) == 47


def test_shipped_file_loads_with_distinct_three_digit_codes() -> None:
    path = resource_path("nomenclature", "categories.csv")
    assert path.is_file()
    with path.open(encoding="utf-8", newline="") as f:
        codes = [row["code"] for row in csv.DictReader(f, delimiter=";")]
    assert len(codes) == len(set(codes)) == len(nomenclature())
    assert len(codes) >= 274  # at least the DREES 2021 nomenclature
    assert all(len(c) == 3 and c.isdigit() for c in codes)
    assert [c.code for c in nomenclature().categories()] == sorted(codes)


@pytest.mark.parametrize(("code", "sector"), sorted(SPEC_CODES.items()))
def test_every_code_of_the_spec_maps_to_its_sector(code: str, sector: Sector) -> None:
    category = nomenclature().get(code)
    assert category.known
    assert category.label
    assert category.sector is sector
    assert category.domain == "SOC"
    assert category.eligibility is CategoryEligibility.ELIGIBLE


def test_no_other_code_has_a_programme_sector() -> None:
    """Anything outside the spec lists is AUTRE (sector lists are exhaustive)."""
    extra = {
        c.code: c.sector
        for c in nomenclature().categories()
        if c.sector is not Sector.AUTRE and c.code not in SPEC_CODES
    }
    assert extra == {}
    assert sum(c.sector is not Sector.AUTRE for c in nomenclature().categories()) == 47


def test_usld_is_never_eligible() -> None:
    usld = nomenclature().get("362")
    assert USLD == "362"
    assert usld.known
    assert usld.eligibility is CategoryEligibility.USLD
    assert usld.sector is Sector.AUTRE


def test_ehpad() -> None:
    ehpad = nomenclature().get("500")
    assert ehpad.eligibility is CategoryEligibility.ELIGIBLE
    assert ehpad.sector is Sector.PA
    assert "personnes âgées" in ehpad.label.lower()
    assert ehpad.open
    assert ehpad.label.startswith("Etablissement")  # as FINESS writes it
    assert ehpad.display == "500 — Établissement" + ehpad.label[len("Etablissement") :]


def test_unknown_code_is_accepted_as_autre() -> None:
    """645 appears in real FINESS files but in no published nomenclature (PROVENANCE.md)."""
    unknown = nomenclature().get("645")
    assert unknown.known is False
    assert unknown.eligibility is CategoryEligibility.UNKNOWN
    assert unknown.sector is Sector.AUTRE
    assert unknown.code == "645"
    assert unknown.label == ""
    assert unknown.display == "645"
    assert "645" not in nomenclature()


@pytest.mark.parametrize("code", ["355", "101", "106"])
def test_sanitaire_codes_are_not_medico_social(code: str) -> None:
    category = nomenclature().get(code)
    assert category.known
    assert category.domain == "SAN"
    assert category.eligibility is CategoryEligibility.NOT_MEDICO_SOCIAL


def test_every_non_soc_category_is_not_eligible() -> None:
    for category in nomenclature().categories():
        if category.domain != "SOC":
            assert category.eligibility in (
                CategoryEligibility.NOT_MEDICO_SOCIAL,
                CategoryEligibility.USLD,
            ), category


def test_closed_categories_are_read() -> None:
    statuses = {c.open for c in nomenclature().categories()}
    assert statuses == {True, False}
    assert nomenclature().get("001").open is False


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("500", "500"),
        (" 500 ", "500"),
        ("500.0", "500"),
        ("50", "050"),
        ("1", "001"),
        ("1.0", "001"),
        ("", ""),
        ("5000", "5000"),
        ("abc", "abc"),
    ],
)
def test_normalise_category(raw: str, expected: str) -> None:
    assert normalise_category(raw) == expected


@pytest.mark.parametrize("raw", [" 500 ", "500.0", "500"])
def test_lookup_normalises_the_code(raw: str) -> None:
    assert raw in nomenclature()
    assert nomenclature().get(raw) == nomenclature().get("500")


def test_lookup_restores_a_lost_leading_zero() -> None:
    category = nomenclature().get("1")
    assert category.code == "001"
    assert category.known


def test_contains_rejects_non_strings() -> None:
    assert 500 not in nomenclature()
    assert None not in nomenclature()


def test_from_csv_reads_the_shipped_columns() -> None:
    text = (
        "code;libelle;statut;agregat;libelle_agregat;domaine;secteur\n"
        "500;EHPAD;ouverte;4401;Hébergement PA;SOC;PA\n"
        "999;Fermée;fermee;;;SAN;AUTRE\n"
    )
    nom = Nomenclature.from_csv(text)
    assert len(nom) == 2
    assert nom.get("500") == Category(
        code="500",
        label="EHPAD",
        sector=Sector.PA,
        domain="SOC",
        agregat="4401",
        agregat_label="Hébergement PA",
        open=True,
        known=True,
    )
    assert nom.get("999").open is False
    assert nom.get("999").eligibility is CategoryEligibility.NOT_MEDICO_SOCIAL


def test_every_sector_has_a_french_label() -> None:
    assert set(SECTOR_LABELS) == set(Sector)
    assert Sector.PA.label == "Personnes âgées"
    assert all(s.label for s in Sector)


# ---------------------------------------------------------------------------------------------
# Against the public FINESS files


def test_every_medico_social_category_is_known_and_soc(shared_finess: Path) -> None:
    path = shared_finess / "categories-medicosociales.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    assert len(rows) >= 122  # PROVENANCE.md: 122 categories
    problems = {}
    for row in rows:
        category = nomenclature().get(row["categetab"])
        if not (category.known and category.domain == "SOC"):
            problems[row["categetab"]] = category
        elif category.agregat != row["categagretab_niv3"]:
            problems[row["categetab"]] = (category.agregat, row["categagretab_niv3"])
        elif category.eligibility is not CategoryEligibility.ELIGIBLE:
            problems[row["categetab"]] = category.eligibility
    assert problems == {}


def test_every_category_of_the_esat_export_is_known(shared_finess: Path) -> None:
    raw = (shared_finess / "finess-web-export-esat.csv").read_bytes().decode("latin-1")
    rows = [r for r in csv.reader(io.StringIO(raw), delimiter=";") if r]
    header, body = rows[0], rows[1:]
    column = next(i for i, name in enumerate(header) if name == '="Code categorie"')
    codes = {cell.removeprefix('="').removesuffix('"') for cell in (r[column] for r in body)}
    assert len(body) >= 1508
    assert codes == {"246"}  # an export of every ESAT
    for code in codes:
        category = nomenclature().get(code)
        assert category.known, code
        assert category.sector is Sector.PH
        assert category.eligibility is CategoryEligibility.ELIGIBLE
