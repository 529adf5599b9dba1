"""Edits and parsers of ``domain/edits.py``, and the grappe queries the GUI steps rely on.

Pure functions, tested without Qt: what a cell accepts or refuses, what an import merge or an
"apply to every row" produces, and that the values given are never changed in place.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.edits import (
    merge_grappes,
    parse_due_date,
    parse_establishment_field,
    parse_label,
    parse_pct,
    parse_text,
    parse_threshold,
    with_solution,
    with_solution_everywhere,
)
from esms_desktop.domain.grappe import (
    DuiSolution,
    Grappe,
    OgRole,
    Organisation,
    ProjectType,
    distinct_solutions,
    has_acquisition,
    only_small_ogs,
)
from esms_desktop.domain.porteur_link import PorteurChoice
from esms_desktop.domain.usage_threshold import percentage
from tests.domain.builders import establishments, grappe, og, split_grappe

# --- usage-target threshold -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0 %", Decimal(0)),
        ("100%", Decimal(100)),
        ("12,5 %", Decimal("12.5")),
        ("12.5 %", Decimal("12.5")),
        (" 80 % ", Decimal(80)),
        ("99,99\u00a0%", Decimal("99.99")),
    ],
)
def test_threshold_accepts_0_to_100_percent_with_comma_or_point(text: str, value: Decimal) -> None:
    parsed = parse_threshold(text)
    assert parsed.ok
    assert parsed.value == percentage(value)


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_empty_threshold_is_not_set_rather_than_100(text: str) -> None:
    parsed = parse_threshold(text)
    assert parsed.ok
    assert parsed.value is None
    # Unlike the ESSMS's eligible hours, where empty means the whole 100 %.
    assert parse_pct(text).value == Decimal(100)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("100.5 %", "ne dépasse pas 100"),
        ("100,01 %", "ne dépasse pas 100"),
        ("101 %", "ne dépasse pas 100"),
        ("-1 %", "seuil attendu"),
        ("-0.5 %", "seuil attendu"),
        ("abc", "seuil attendu"),
        ("NaN", "seuil attendu"),
        ("Infinity", "seuil attendu"),
        ("80", "précisez l'unité"),
    ],
)
def test_threshold_outside_0_100_or_not_a_number_is_refused(text: str, reason: str) -> None:
    parsed = parse_threshold(text)
    assert not parsed.ok
    assert parsed.value is None
    assert reason in parsed.problem


# --- due dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("01/01/2024", date(2024, 1, 1)),
        (" 31/12/2025 ", date(2025, 12, 31)),
        ("29/02/2024", date(2024, 2, 29)),
    ],
)
def test_due_date_dd_mm_yyyy_is_accepted(text: str, value: date) -> None:
    parsed = parse_due_date(text)
    assert parsed.ok
    assert parsed.value == value


def test_empty_due_date_means_no_date() -> None:
    assert parse_due_date("").ok
    assert parse_due_date("  ").value is None


@pytest.mark.parametrize(
    "text", ["31/02/2024", "29/02/2023", "00/01/2024", "31/04/2024", "01/13/2024"]
)
def test_a_date_that_does_not_exist_is_refused(text: str) -> None:
    parsed = parse_due_date(text)
    assert not parsed.ok
    assert parsed.value is None
    assert "date inexistante" in parsed.problem


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-01",
        "1/1/2024",
        "01/01/24",
        "01-01-2024",
        "01.01.2024",
        "01/01/2024 10:00",
        "le 1er janvier",
        "٠١/٠١/٢٠٢٤",  # other digits than 0-9 would pass a \d pattern
    ],
)
def test_a_date_in_another_format_is_refused(text: str) -> None:
    parsed = parse_due_date(text)
    assert not parsed.ok
    assert "jj/mm/aaaa" in parsed.problem


# --- labels and free text -------------------------------------------------------------------


def test_label_is_stripped_and_mandatory() -> None:
    assert parse_label("  Choix de la solution ").value == "Choix de la solution"
    for empty in ("", "   "):
        parsed = parse_label(empty)
        assert not parsed.ok
        assert parsed.problem == "libellé obligatoire"


def test_free_text_is_stripped_and_may_be_empty() -> None:
    assert parse_text("  ARS ").value == "ARS"
    assert parse_text("").ok
    assert parse_text("   ").value == ""


@pytest.mark.parametrize("field", ["dui_solution", "address", "town"])
def test_free_text_establishment_fields_are_stripped(field: str) -> None:
    parsed = parse_establishment_field(field, "  Lille ")
    assert parsed.ok
    assert parsed.value == "Lille"
    assert parse_establishment_field(field, "").value == ""


# --- merge_grappes (import "add to the current grappe") ----------------------------------------


def test_merging_a_grappe_with_itself_changes_nothing() -> None:
    g = split_grappe(6, 2)
    assert merge_grappes(g, g) == g


def test_merging_into_an_empty_grappe_gives_the_incoming_one() -> None:
    incoming = split_grappe(4, 2)
    assert merge_grappes(Grappe(), incoming) == incoming


def test_an_og_of_the_same_name_gets_only_its_new_establishments() -> None:
    ests = establishments(4)
    current = grappe(og("OG A", ests[:2], porteur=True))
    incoming = grappe(og("OG A", ests[1:]))
    merged = merge_grappes(current, incoming)
    assert len(merged.organisations) == 1
    assert merged.organisations[0].establishments == ests
    # The current OG keeps its own attributes (role included).
    assert merged.organisations[0].role is OgRole.PORTEUR


def test_new_ogs_are_appended_and_an_incoming_porteur_is_demoted_only_when_asked() -> None:
    current = grappe(og("OG A", establishments(2), porteur=True))
    incoming = grappe(og("OG B", establishments(2, start=10), porteur=True))
    merged = merge_grappes(current, incoming, porteur=PorteurChoice.CURRENT)
    assert [o.name for o in merged.organisations] == ["OG A", "OG B"]
    assert [o.role for o in merged.organisations] == [OgRole.PORTEUR, OgRole.MEMBRE]
    assert merged.porteur is not None and merged.porteur.name == "OG A"


def test_by_default_the_incoming_porteur_stays_porteur_and_the_current_one_becomes_member() -> None:
    current = grappe(og("OG A", establishments(2), porteur=True))
    incoming = grappe(og("OG B", establishments(2, start=10), porteur=True))
    merged = merge_grappes(current, incoming)
    assert [o.name for o in merged.organisations] == ["OG A", "OG B"]
    assert [o.role for o in merged.organisations] == [OgRole.MEMBRE, OgRole.PORTEUR]


def test_an_incoming_porteur_stays_porteur_when_there_was_none_and_only_the_first() -> None:
    current = grappe(og("OG A", establishments(2)))
    incoming = Grappe(
        (
            og("OG B", establishments(1, start=10), porteur=True),
            og("OG C", establishments(1, start=20), porteur=True),
        )
    )
    merged = merge_grappes(current, incoming)
    assert [o.role for o in merged.organisations] == [
        OgRole.MEMBRE,
        OgRole.PORTEUR,
        OgRole.MEMBRE,
    ]


def test_merge_keeps_the_current_solution_unless_it_is_unnamed() -> None:
    mine = DuiSolution("Mon éditeur", "Mon produit")
    theirs = DuiSolution("Autre", "Produit", segur_referenced=True)
    incoming = Grappe((og("OG B", establishments(1)),), theirs)
    assert merge_grappes(Grappe((), mine), incoming).solution == mine
    assert merge_grappes(Grappe((), DuiSolution()), incoming).solution == theirs
    # A solution with only a justification has no label: the incoming one replaces it.
    unnamed = DuiSolution(justification="à compléter")
    assert merge_grappes(Grappe((), unnamed), incoming).solution == theirs


def test_merge_returns_a_new_grappe_and_leaves_the_current_one_as_it_was() -> None:
    current = split_grappe(3, 1)
    incoming = grappe(og("OG 1", establishments(2, start=50)), og("OG 9", establishments(1)))
    merged = merge_grappes(current, incoming)
    assert merged.establishment_count == 3 + 2 + 1
    assert current.establishment_count == 3
    assert [o.name for o in current.organisations] == ["OG 1"]


# --- the DUI solution -----------------------------------------------------------------------


def test_with_solution_everywhere_names_the_label_on_every_row() -> None:
    g = grappe(
        og("OG 1", establishments(2, solution="Autre")),
        og("OG 2", establishments(3, start=10, solution="")),
    )
    changed = with_solution_everywhere(g, "Éditeur — Produit")
    assert [e.dui_solution for _og, e in changed.rows()] == ["Éditeur — Produit"] * 5
    # Nothing else moves: same OGs, same rows in the same order, the original grappe intact.
    assert [(o.name, e.finess) for o, e in changed.rows()] == [
        (o.name, e.finess) for o, e in g.rows()
    ]
    assert [e.dui_solution for _og, e in g.rows()] == ["Autre"] * 2 + [""] * 3
    assert changed.solution == g.solution


def test_with_solution_everywhere_on_an_empty_grappe() -> None:
    assert with_solution_everywhere(Grappe(), "X") == Grappe()


def test_with_solution_changes_only_the_named_attributes() -> None:
    dossier = Dossier(name="D", campaign_id="c", grappe=split_grappe(2, 1))
    changed = with_solution(dossier, segur_referenced=True, justification="Trois éditeurs")
    assert changed.grappe.solution == replace(
        dossier.grappe.solution, segur_referenced=True, justification="Trois éditeurs"
    )
    assert changed.grappe.organisations == dossier.grappe.organisations
    assert dossier.grappe.solution.segur_referenced is None


def test_distinct_solutions_counts_rows_per_name_as_people_type_it() -> None:
    g = grappe(
        og("OG 1", establishments(2, solution=" Éditeur — Produit ")),
        og("OG 2", establishments(1, start=10, solution="éditeur - produit")),
        og("OG 3", establishments(1, start=20, solution="ÉDITEUR  –  Produit")),
        og("OG 4", establishments(2, start=30, solution="")),
        og("OG 5", establishments(1, start=40, solution="Autre")),
        og("OG 6", establishments(1, start=50, solution="  ")),
    )
    # First spelling (stripped) wins; empty names are counted together as "".
    assert distinct_solutions(g) == [("Éditeur — Produit", 4), ("", 3), ("Autre", 1)]
    assert sum(count for _label, count in distinct_solutions(g)) == g.establishment_count


def test_distinct_solutions_of_an_empty_grappe() -> None:
    assert distinct_solutions(Grappe()) == []


def test_has_acquisition() -> None:
    assert has_acquisition(split_grappe(3, 1))
    none = grappe(og("OG", establishments(3, project=ProjectType.CONFORMITE)))
    assert not has_acquisition(none)
    mixed = grappe(
        og("OG 1", establishments(2, project=ProjectType.AUCUN)),
        og("OG 2", establishments(1, start=10, project=ProjectType.ACQUISITION)),
    )
    assert has_acquisition(mixed)
    assert not has_acquisition(Grappe())


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [((), False), ((14,), True), ((3, 14), True), ((14, 15), False), ((31,), False)],
)
def test_only_small_ogs(sizes: tuple[int, ...], expected: bool) -> None:
    g = Grappe(tuple(Organisation(f"OG {i}", declared_size=s) for i, s in enumerate(sizes)))
    assert only_small_ogs(g) is expected


@pytest.mark.parametrize("text", ["²", "1²", "٣", "-"])
def test_parse_int_refuses_non_ascii_digits(text: str) -> None:
    from esms_desktop.domain.edits import parse_int

    parsed = parse_int(text)
    assert parsed.value is None and parsed.problem
