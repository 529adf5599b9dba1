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
    incoming = grappe(
        og("OG 1", establishments(2, start=50)), og("OG 9", establishments(1, start=90))
    )
    merged = merge_grappes(current, incoming)
    assert merged.establishment_count == 3 + 2 + 1
    assert current.establishment_count == 3
    assert [o.name for o in current.organisations] == ["OG 1"]


# The import used to merge by its own rule, unlike the partner's .esms file: the cases below
# failed on it (a second OG with the same ESSMS twice; a re-imported ESSMS ignored).

SIREN_A, SIREN_B, EJ_A = "314159260", "732829320", "590088001"


def test_a_renamed_og_with_the_same_finess_juridique_is_merged_not_doubled() -> None:
    ests = establishments(3)
    current = Grappe(
        (
            replace(
                og("Association Les Hirondelles", ests[:2], porteur=True),
                siren=SIREN_A,
                finess_ej=EJ_A,
            ),
        )
    )
    # The sheet spells the OG otherwise and carries a stale SIREN: its FINESS juridique decides.
    sheet = Grappe(
        (replace(og("ASSOC. LES HIRONDELLES", ests, porteur=True), siren=SIREN_B, finess_ej=EJ_A),)
    )
    (merged,) = merge_grappes(current, sheet).organisations
    assert (merged.name, merged.role, merged.siren) == (
        "Association Les Hirondelles",
        OgRole.PORTEUR,
        SIREN_A,
    )
    assert merged.establishments == ests


def test_an_essms_already_in_the_grappe_is_never_added_twice() -> None:
    ests = establishments(3)
    current = Grappe((replace(og("Les Hirondelles", ests[:2], porteur=True), finess_ej=EJ_A),))
    # A sheet without identifiers naming the OG differently: nothing says it is the same OG,
    # but its first two ESSMS are ours, found by FINESS.
    sheet = Grappe((og("Association Les Hirondelles", ests),))
    merged = merge_grappes(current, sheet)
    finesses = [e.finess for _o, e in merged.rows()]
    assert sorted(finesses) == sorted(e.finess for e in ests)
    assert merged.organisations[0].establishments == ests[:2]


def test_a_reimported_essms_fills_our_blanks_and_keeps_our_values() -> None:
    ours = replace(establishments(1)[0], capacity=None, town="")
    current = Grappe((og("OG A", (ours,), porteur=True),))
    theirs = replace(ours, capacity=40, town="Douai", name="Autre nom")
    ((_og, merged),) = merge_grappes(current, Grappe((og("OG A", (theirs,)),))).rows()
    assert (merged.capacity, merged.town, merged.name) == (40, "Douai", ours.name)


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


# --- ESSMS rows and the grappe of a dossier -------------------------------------------------
#
# What the store's row-by-row use cases (update_grappe, add/update/remove_establishment) used to
# check: the GUI edits the dossier value with these functions, then saves it whole.


def test_with_grappe_replaces_the_grappe_and_nothing_else() -> None:
    from esms_desktop.domain.edits import with_grappe

    before = Dossier("D", "amorcage-2021-t1", grappe=split_grappe(4, 2), governance="COPIL")
    after = with_grappe(before, split_grappe(6, 3))
    assert after.grappe == split_grappe(6, 3)
    assert replace(after, grappe=before.grappe) == before
    assert before.grappe == split_grappe(4, 2)  # the old value is intact


def test_essms_are_added_at_a_place_or_at_the_end_of_their_og() -> None:
    from esms_desktop.domain.edits import add_establishment

    g = split_grappe(4, 2)
    [extra, last] = establishments(2, start=900)
    g2 = add_establishment(g, 1, extra, position=0)
    g3 = add_establishment(g2, 1, last)
    assert g3.organisations[1].establishments == (extra, *g.organisations[1].establishments, last)
    assert g3.organisations[0] == g.organisations[0]
    assert g.organisations[1].establishments == split_grappe(4, 2).organisations[1].establishments


def test_set_establishment_changes_the_named_fields_of_one_row() -> None:
    from esms_desktop.domain.edits import set_establishment

    g = split_grappe(4, 2)
    edited = set_establishment(g, 1, 0, capacity=12, project=ProjectType.CONFORMITE)
    row = edited.organisations[1].establishments[0]
    assert (row.capacity, row.project) == (12, ProjectType.CONFORMITE)
    unchanged = replace(row, capacity=None, project=ProjectType.ACQUISITION)
    assert unchanged == g.organisations[1].establishments[0]  # the other fields are kept
    assert edited.organisations[0] == g.organisations[0]
    assert edited.organisations[1].establishments[1:] == g.organisations[1].establishments[1:]
    assert set_establishment(g, 1, 0, capacity=None) == g  # same values: an equal grappe


def test_remove_establishment_moves_the_following_rows_up() -> None:
    from esms_desktop.domain.edits import remove_establishment

    g = split_grappe(6, 2)
    rows = g.organisations[0].establishments
    removed = remove_establishment(g, 0, 1)
    assert removed.organisations[0].establishments == (rows[0], rows[2])
    assert removed.organisations[1] == g.organisations[1]
    assert removed.establishment_count == g.establishment_count - 1


def test_an_og_or_row_that_does_not_exist_is_an_index_error() -> None:
    from esms_desktop.domain.edits import add_establishment, set_establishment

    g = split_grappe(2, 1)
    with pytest.raises(IndexError):
        set_establishment(g, 0, 5, capacity=1)
    with pytest.raises(IndexError):
        add_establishment(g, 3, establishments(1, start=90)[0])
