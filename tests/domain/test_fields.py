"""The field table covers every field of the dataclasses, once, and agrees with the parsers."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

import pytest

from esms_desktop.domain.fields import (
    ESTABLISHMENT_BY_NAME,
    ESTABLISHMENT_FIELDS,
    ESTABLISHMENT_PARSERS,
    ORGANISATION_FIELDS,
    ORGANISATION_NESTED,
    ORGANISATION_PARSERS,
    FieldKind,
    establishment_field,
    organisation_field,
)
from esms_desktop.domain.grappe import DuiSituation, Establishment, Organisation, ProjectType
from esms_desktop.domain.parsing import parse_situation


def test_every_establishment_field_once_in_dataclass_order() -> None:
    """Adding a field to Establishment without a row here fails: the codec would drop it."""
    assert [f.name for f in ESTABLISHMENT_FIELDS] == [f.name for f in fields(Establishment)]


def test_every_organisation_field_once() -> None:
    names = [f.name for f in ORGANISATION_FIELDS] + list(ORGANISATION_NESTED)
    assert sorted(names) == sorted(f.name for f in fields(Organisation))
    assert len(set(names)) == len(names)


def test_lookup_by_name() -> None:
    assert establishment_field("capacity").column == "capacite"
    assert organisation_field("declared_size").column == "og_nb_esms"
    with pytest.raises(KeyError):
        establishment_field("establishments")


@pytest.mark.parametrize("table", [ESTABLISHMENT_FIELDS, ORGANISATION_FIELDS])
def test_names_columns_and_keys_are_unique(table) -> None:
    for attribute in ("name", "exchange", "stored", "label"):
        values = [getattr(f, attribute) for f in table]
        assert len(set(values)) == len(values), attribute
    columns = [f.column for f in table if f.column]
    aliases = [a for f in table for a in f.aliases]
    assert len(set(columns + aliases)) == len(columns + aliases)


def test_the_grid_parsers_are_the_table_s() -> None:
    """The grid and the sheet parse a cell alike (the current DUI: see the next test)."""
    assert set(ESTABLISHMENT_PARSERS) == set(ESTABLISHMENT_BY_NAME)
    for name, parse in ESTABLISHMENT_PARSERS.items():
        assert ESTABLISHMENT_BY_NAME[name].parse is parse, name
    for name, parse in ORGANISATION_PARSERS.items():
        assert organisation_field(name).parse is parse, name


def test_current_dui_accepts_the_values_and_the_french_labels() -> None:
    for situation in DuiSituation:
        assert parse_situation(situation.value).value is situation
        assert parse_situation(situation.label).value is situation
        assert parse_situation(f"  {situation.label.upper()} ").value is situation
    assert parse_situation("").value is DuiSituation.INCONNUE
    assert parse_situation("DUI non reference Segur").value is DuiSituation.NON_REFERENCE
    assert parse_situation("non reference").value is DuiSituation.NON_REFERENCE
    bad = parse_situation("peut-être")
    assert not bad.ok and "attendu" in bad.problem


def test_defaults_are_the_dataclass_s() -> None:
    blank = Establishment("", "", "")
    for spec in ESTABLISHMENT_FIELDS:
        assert spec.default == getattr(blank, spec.name), spec.name
    assert establishment_field("eligible_hours_pct").default == Decimal(100)


def test_kinds_and_choice_types() -> None:
    project = establishment_field("project")
    assert project.kind is FieldKind.CHOICE and project.choice_type is ProjectType
    for spec in (*ESTABLISHMENT_FIELDS, *ORGANISATION_FIELDS):
        choices = spec.kind in (FieldKind.CHOICE, FieldKind.CHOICES)
        assert choices == (spec.choice_type is not None), spec.name


def test_cells_read_back_as_the_same_value() -> None:
    """What the template writes for a value, the template reads back as that value."""
    est = Establishment(
        finess="590050076",
        name="EHPAD",
        category="500",
        capacity=80,
        project=ProjectType.CONFORMITE,
        equipment=True,
        eligible_hours_pct=Decimal("70.5"),
        dui_solution="Éditeur — Produit",
        current_dui=DuiSituation.NON_REFERENCE,
    )
    for spec in ESTABLISHMENT_FIELDS:
        value = getattr(est, spec.name)
        assert spec.parse(spec.cell(value)).value == value, spec.name


def test_show_is_french_text() -> None:
    assert establishment_field("project").show(ProjectType.ACQUISITION) == "Acquisition d'un DUI"
    assert establishment_field("equipment").show(True) == "oui"
    assert establishment_field("eligible_hours_pct").show(Decimal(70)) == "70\u00a0%"
    assert establishment_field("capacity").show(None) == ""


def test_the_change_log_names_fields_from_the_table() -> None:
    """The change log and merge reports say « capacité », not a second list of labels."""
    from esms_desktop.services.dossiers import ESTABLISHMENT_FIELD_LABELS

    assert ESTABLISHMENT_FIELD_LABELS["capacity"] == "capacité"
    assert ESTABLISHMENT_FIELD_LABELS["finess"] == "FINESS"
    assert ESTABLISHMENT_FIELD_LABELS["current_dui"] == "DUI actuel"
    assert set(ESTABLISHMENT_FIELD_LABELS) == {f.name for f in ESTABLISHMENT_FIELDS}


def test_the_grid_and_the_sheet_read_the_current_dui_alike() -> None:
    """One parser: a French label pasted in the grid is read as the sheet reads it."""

    for situation in DuiSituation:
        assert ESTABLISHMENT_PARSERS["current_dui"](situation.label).value is situation
        assert establishment_field("current_dui").parse(situation.label).value is situation
