"""The spreadsheet template is the field table's: columns, required ones, spellings, help, cells."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from esms_desktop.domain.fields import ESTABLISHMENT_FIELDS, ORGANISATION_FIELDS
from esms_desktop.domain.grappe import (
    CoreService,
    DuiSituation,
    Establishment,
    Grappe,
    OgRole,
    Organisation,
    ProjectType,
)
from esms_desktop.importers.grappe_sheet import (
    COLUMNS,
    HEADER_ALIASES,
    OG_COLUMNS,
    REQUIRED,
    import_grappe,
    parse_cell,
)
from esms_desktop.importers.grappe_template import HELP, grappe_rows
from esms_desktop.importers.tabular import header_key

_SHEET = [f for f in (*ORGANISATION_FIELDS, *ESTABLISHMENT_FIELDS) if f.column]


def test_columns_required_and_help_come_from_the_table() -> None:
    assert sorted(f.column for f in _SHEET) == sorted(COLUMNS)  # order: the next test
    assert frozenset(f.column for f in _SHEET if f.required) == REQUIRED
    assert {f.column: f.help for f in _SHEET} == HELP
    assert tuple(f.column for f in ORGANISATION_FIELDS if f.column)[1:] == OG_COLUMNS
    for spec in _SHEET:
        for spelling in (spec.column, *spec.aliases):
            assert HEADER_ALIASES[header_key(spelling)] == spec.column


def test_the_template_columns_are_unchanged_but_the_new_one() -> None:
    """Existing files and the shared spec's column list stay as they were; dui_actuel and
    services_socles are added at the end of the ESSMS's columns, then og_entite_nationale."""
    assert COLUMNS == (
        "og_nom",
        "og_role",
        "og_siren",
        "og_finess_ej",
        "og_nb_esms",
        "finess",
        "nom",
        "categorie",
        "capacite",
        "projet",
        "equipement",
        "heures_eligibles_pct",
        "solution_dui",
        "dui_actuel",
        "services_socles",
        "og_entite_nationale",
    )


def test_a_cell_parses_as_the_grid_parses_it() -> None:
    """Same text, same value in the sheet and in the grid (the table's parser)."""
    texts = ["", "12", "70,5", "oui", "x", "conformite", "590050076", "500", "DUI référencé Ségur"]
    for spec in _SHEET:
        for text in texts:
            cell, typed = parse_cell(spec.column, text), spec.parse(text)
            if text or not spec.required:
                assert (cell.value, cell.problem) == (typed.value, typed.problem), spec.column
            else:
                assert not cell.ok, spec.column  # a required column refuses an empty cell


def test_every_template_field_goes_through_the_sheet(tmp_path: Path) -> None:
    """A value away from its default in every template column is written and read back."""
    est = Establishment(
        finess="590050076",
        name="EHPAD",
        category="500",
        capacity=84,
        project=ProjectType.CONFORMITE,
        equipment=True,
        eligible_hours_pct=Decimal("70.5"),
        dui_solution="Éditeur — Produit",
        current_dui=DuiSituation.REFERENCE,
        core_services=frozenset({CoreService.MSSANTE, CoreService.E_PRESCRIPTION}),
    )
    og = Organisation(
        "OG", OgRole.PORTEUR, "314159260", "590088001", 20, (est,), national_entity=True
    )
    path = tmp_path / "g.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([COLUMNS, *grappe_rows(Grappe((og,)))])
    result = import_grappe(path)
    assert result.grappe is not None, result.errors
    (back,) = result.grappe.organisations
    for spec in ORGANISATION_FIELDS:
        if spec.column:
            assert getattr(back, spec.name) == getattr(og, spec.name) != spec.default, spec.name
    for spec in ESTABLISHMENT_FIELDS:
        if spec.column:
            value = getattr(back.establishments[0], spec.name)
            assert value == getattr(est, spec.name) != spec.default, spec.name
