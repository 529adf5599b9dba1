"""The campaign tree model: the schema's shape, one row per key, values read by their kind's
parser, refusals with their reason, and nothing but the mapping it is handed changed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from esms_desktop.domain.campaign import CampaignError, parse_campaign
from esms_desktop.domain.campaign_guidance import pattern
from esms_desktop.domain.campaign_schema import reference
from esms_desktop.services import catalog
from esms_desktop.ui.models.campaign_tree import (
    ELEMENT,
    SOURCE,
    STATUS,
    VALUE_COLUMN,
    CampaignTreeModel,
    clearable,
    is_element,
    list_of,
    with_element,
    without,
)


def mapping(campaign_id: str = "generalisation-2025") -> dict[str, Any]:
    return catalog.library().mapping(campaign_id)


@pytest.fixture
def model(qtbot) -> CampaignTreeModel:
    return CampaignTreeModel(mapping())


def refusals(model: CampaignTreeModel) -> list[str]:
    said: list[str] = []
    model.refused.connect(said.append)
    return said


def value(model: CampaignTreeModel, path, column: int = VALUE_COLUMN) -> QModelIndex:
    index = model.index_for(path, column)
    assert index.isValid() and model.node(index).path == path, path
    return index


def test_groups_follow_the_schema_and_every_key_has_a_row(qtbot) -> None:
    raw = mapping()
    raw["essms_lines"][0]["bands"] = [{"from": 1, "to": 49, "value": "acquisition"}]
    raw["project_lines"] = [{"value": "accompagnement"}]
    model = CampaignTreeModel(raw)
    tops = [model.node(model.index(r, 0)).path for r in range(model.rowCount())]
    assert tops == [
        (),
        ("windows",),
        ("size",),
        ("scope",),
        ("values",),
        ("essms_lines",),
        ("project_lines",),
        ("og_lines",),
        ("ceilings",),
        ("tranches",),
        ("reminders",),
        ("notes",),
    ]
    shown = {pattern(n.path) for n in model.nodes()}
    on_its_row = {"status", "source", "amount", "pct", "text"}  # a row's own columns
    for key in reference():
        assert key.path in shown or key.path.split(".")[-1] in on_its_row, key.path


def test_an_absent_optional_key_is_shown_not_set_and_can_be_set(model) -> None:
    index = value(model, ("size", "max_essms"))
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    assert index.data() == "not set"
    assert model.setData(index, "49")
    assert model.raw(("size", "max_essms")) == {"value": 49, "status": "saisi"}
    assert index.data() == "49"
    assert index.data(Qt.ItemDataRole.ForegroundRole) is None
    status = value(model, ("size", "max_essms"), STATUS)
    assert model.setData(status, "ok")
    source = value(model, ("size", "max_essms"), SOURCE)
    assert model.setData(source, "Cahier des charges, § 2")
    assert model.raw(("size", "max_essms")) == {
        "value": 49,
        "status": "ok",
        "source": "Cahier des charges, § 2",
    }
    parse_campaign(model.mapping)


def test_an_amount_is_read_by_parse_money_and_marked_typed(model) -> None:
    said = refusals(model)
    index = value(model, ("values", "acquisition"))
    assert index.data() == "to be filled in"
    assert model.setData(index, "12 345,675 €")
    assert model.raw(("values", "acquisition", "amount")) == Decimal("12345.68")
    assert model.raw(("values", "acquisition", "status")) == "saisi"
    assert said[-1] == ""
    # emptied: « à confirmer » again, as the format wants of an amount without amount
    assert model.setData(index, "")
    assert "amount" not in model.raw(("values", "acquisition"))
    assert model.raw(("values", "acquisition", "status")) == "a_confirmer"
    parse_campaign(model.mapping)


@pytest.mark.parametrize(
    ("path", "typed", "reason"),
    [
        (("values", "acquisition"), "douze mille", "amount"),
        (("values", "acquisition"), "-5", "positive"),
        (("year",), "1999", "2000"),
        (("windows", 0, "end"), "2026-06-30", "jj/mm/aaaa"),
        (("windows", 0, "end"), "31/06/2026", "inexistante"),
        (("tranches", 0), "120", "100"),
        (("id",), "Généralisation 2026", "minuscules"),
        (("title",), "   ", "required"),
        (("scope", "priority_sectors"), "PA, XX", "XX"),
        (("essms_lines", 0, "ranks"), "49-1", "first"),
    ],
)
def test_what_does_not_parse_is_refused_with_its_reason(model, path, typed, reason) -> None:
    said = refusals(model)
    before = model.mapping
    index = value(model, path)
    assert model.setData(index, typed) is False
    assert model.mapping == before
    assert typed.strip() in said[-1] and reason in said[-1]


def test_dates_ranks_choices_and_coefficients_take_the_forms_people_type(model) -> None:
    assert model.setData(value(model, ("windows", 0, "end")), "30/06/2026")
    assert model.raw(("windows", 0, "end")) == date(2026, 6, 30)
    assert model.raw(("windows", 0, "status")) == "saisi"  # the window holding the date
    assert value(model, ("windows", 0, "end")).data() == "30/06/2026"
    assert model.setData(value(model, ("essms_lines", 0, "ranks")), "1 - 49")
    assert model.raw(("essms_lines", 0, "ranks")) == [1, 49]
    assert model.setData(value(model, ("essms_lines", 0, "ranks")), "50")
    assert model.raw(("essms_lines", 0, "ranks")) == [50]
    assert model.setData(value(model, ("scope", "priority_sectors")), "pa ; Ph")
    assert model.raw(("scope", "priority_sectors")) == ["PA", "PH"]
    coefficient = value(model, ("essms_lines", 1, "island", "coefficient"))
    assert model.setData(coefficient, "1,2")
    assert model.raw(("essms_lines", 1, "island")) == {
        "coefficient": {"value": Decimal("1.2"), "status": "saisi"}
    }
    parse_campaign(model.mapping)
    # cleared, the island table goes too: an empty one would be refused
    assert model.setData(coefficient, "")
    assert "island" not in model.raw(("essms_lines", 1))
    parse_campaign(model.mapping)


def test_choices_are_combo_boxes_and_booleans_check_boxes(model) -> None:
    status = value(model, ("tranches", 0), STATUS)
    assert ("ok", "public source") in model.choices(status)
    assert model.setData(status, "ok")
    assert model.raw(("tranches", 0, "status")) == "ok"
    names = [v for v, _label in model.choices(value(model, ("og_lines", 0, "value")))]
    assert names == ["acquisition", "conformite", "equipement", "accompagnement"]
    ttc = value(model, ("ttc",))
    assert not ttc.flags() & Qt.ItemFlag.ItemIsEditable
    assert ttc.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert ttc.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.setData(ttc, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert model.raw(("ttc",)) is False
    accepted = value(model, ("size", "one_region", "accepted"))  # absent: true by default
    assert accepted.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_a_threshold_keeps_its_short_form_until_it_has_a_status_or_source(model) -> None:
    raw = mapping()
    raw["size"]["funded_cap"] = 30
    model.set_mapping(raw)
    source = value(model, ("size", "funded_cap"), SOURCE)
    assert model.setData(source, "Cahier des charges, § 2")
    assert model.raw(("size", "funded_cap")) == {"value": 30, "source": "Cahier des charges, § 2"}
    assert model.setData(source, "")
    assert model.raw(("size", "funded_cap")) == 30
    # no status for a threshold not set
    said = refusals(model)
    assert model.setData(value(model, ("size", "max_essms"), STATUS), "ok") is False
    assert said[-1]


def test_each_change_goes_through_commit_and_the_mapping_handed_is_never_touched(qtbot) -> None:
    original = mapping()
    kept = mapping()
    commits: list[tuple[dict, str]] = []
    model = CampaignTreeModel(original, commit=lambda after, text: commits.append((after, text)))
    assert model.setData(value(model, ("values", "conformite")), "10000")
    assert len(commits) == 1 and commits[0][0]["values"]["conformite"]["amount"] == 10000
    assert original == kept  # the model worked on its own copy
    assert "amount" not in model.raw(("values", "conformite"))  # commit did not apply it here


def test_a_read_only_model_takes_no_edit(qtbot) -> None:
    model = CampaignTreeModel(mapping(), read_only=True)
    before = model.mapping
    for node in model.nodes():
        for column in (VALUE_COLUMN, STATUS, SOURCE):
            index = model.index_of(node, column)
            assert not index.flags() & Qt.ItemFlag.ItemIsEditable
            assert not index.flags() & Qt.ItemFlag.ItemIsUserCheckable
            assert model.setData(index, "1") is False
    assert model.mapping == before


def test_the_problem_of_the_validation_marks_its_row(model) -> None:
    model.setData(value(model, ("tranches", 0)), "40")
    with pytest.raises(CampaignError) as caught:
        parse_campaign(model.mapping)
    model.set_problem(caught.value.path)
    row = model.index_for(("tranches",))
    assert row.data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.node(row).path == ("tranches",)
    # an amount's problem is on the amount's row (its status and source there too)
    model.set_problem(("values", "equipement", "amount"))
    assert model.problem_node.path == ("values", "equipement")
    assert row.data(Qt.ItemDataRole.DecorationRole) is None
    model.set_problem(None)
    assert model.problem_node is None


def test_elements_are_added_and_removed_and_optional_keys_cleared(model) -> None:
    tranches = model.find(("tranches", 1, "label"))
    owner = list_of(tranches)
    assert owner is not None and owner.path == ("tranches",)
    after, path = with_element(model.mapping, owner)
    model.set_mapping(after)
    assert path == ("tranches", 2) and model.find(path).path == path
    assert model.raw(path) == {"label": "", "pct": 0, "status": "saisi"}
    with pytest.raises(CampaignError) as caught:  # the label is for the person to type
        parse_campaign(model.mapping)
    assert caught.value.path == ("tranches", 2, "label")
    node = model.find(path)
    assert is_element(node)
    model.set_mapping(without(model.mapping, node))
    assert len(model.raw(("tranches",))) == 2
    gravity = model.find(("size", "min_severity"))
    assert clearable(model, gravity)
    model.set_mapping(without(model.mapping, gravity))
    assert "min_severity" not in model.raw(("size",))
    assert not clearable(model, model.find(("title",)))  # required
    assert not clearable(model, model.find(("size", "max_essms")))  # not set
    owner = list_of(model.find(("values", "acquisition", "label")))
    after, path = with_element(model.mapping, owner, "plafond")
    assert path == ("values", "plafond")
    assert after["values"]["plafond"] == {"label": "", "status": "a_confirmer"}


def test_a_change_of_shape_resets_a_change_of_value_does_not(model, qtbot) -> None:
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.dataChanged):
        model.setData(value(model, ("values", "acquisition")), "100")
    assert resets == []
    owner = model.find(("notes",))
    after, _path = with_element(model.mapping, owner)
    model.set_mapping(after)
    assert resets == [True]
    assert model.index_for(("notes", 10)).isValid()
    assert model.index(0, ELEMENT).isValid()
