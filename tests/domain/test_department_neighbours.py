"""Land adjacency of departments: the table the partner search uses to look next door."""

from __future__ import annotations

import pytest

from esms_desktop.domain.department_neighbours import (
    NEIGHBOURS,
    is_neighbour,
    neighbours,
    same_or_neighbour,
)
from esms_desktop.domain.geography import REGION_OF_DEPARTMENT

OVERSEAS = ("971", "972", "973", "974", "975", "976", "977", "978")
METROPOLE = sorted(
    d for d in REGION_OF_DEPARTMENT if d not in OVERSEAS and d not in ("2A", "2B", "20")
)


def test_every_code_of_the_table_is_a_department_of_geography() -> None:
    assert set(NEIGHBOURS) <= set(REGION_OF_DEPARTMENT)
    for found in NEIGHBOURS.values():
        assert found <= set(REGION_OF_DEPARTMENT)


def test_adjacency_is_symmetric_and_never_reflexive() -> None:
    for code, found in NEIGHBOURS.items():
        assert code not in found
        for other in found:
            assert code in NEIGHBOURS[other], (code, other)


@pytest.mark.parametrize("code", METROPOLE)
def test_every_metropolitan_department_has_between_one_and_ten_neighbours(code: str) -> None:
    assert 1 <= len(neighbours(code)) <= 10, (code, sorted(neighbours(code)))


def test_metropole_is_the_94_continental_departments() -> None:
    assert len(METROPOLE) == 94


def test_corsica_touches_only_itself() -> None:
    assert neighbours("2A") - {"20"} == {"2B"}
    assert neighbours("2B") - {"20"} == {"2A"}
    assert neighbours("20") == {"2A", "2B"}
    for continental in ("06", "13", "83"):
        assert not is_neighbour("2A", continental)
        assert not is_neighbour("2B", continental)
        assert not is_neighbour(continental, "20")


@pytest.mark.parametrize("code", OVERSEAS)
def test_overseas_departments_have_no_neighbour(code: str) -> None:
    assert neighbours(code) == frozenset()
    assert same_or_neighbour(code, code)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("59", "62"),
        ("75", "92"),
        ("75", "93"),
        ("75", "94"),
        ("2A", "2B"),
        ("69", "01"),
        ("04", "13"),
        ("11", "66"),
        ("38", "42"),
        ("77", "93"),
        ("14", "76"),
    ],
)
def test_known_neighbours(a: str, b: str) -> None:
    assert is_neighbour(a, b) and is_neighbour(b, a)
    assert same_or_neighbour(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("75", "77"),
        ("59", "08"),
        ("69", "07"),
        ("57", "88"),
        ("06", "2A"),
        ("13", "20"),
        ("59", "59"),
        ("971", "972"),
    ],
)
def test_known_non_neighbours(a: str, b: str) -> None:
    assert not is_neighbour(a, b)


def test_same_department_is_same_or_neighbour_but_not_a_neighbour() -> None:
    assert same_or_neighbour("59", "59") and not is_neighbour("59", "59")
    assert not same_or_neighbour("59", "75")


def test_unknown_or_blank_codes_have_no_neighbour() -> None:
    assert neighbours("99") == frozenset()
    assert neighbours("") == frozenset()
    assert not same_or_neighbour("", "")
    assert not is_neighbour("99", "59")


def test_codes_are_read_as_typed_with_spaces_and_lower_case() -> None:
    assert neighbours(" 2a ") == neighbours("2A")
    assert same_or_neighbour("2b", "2A")
