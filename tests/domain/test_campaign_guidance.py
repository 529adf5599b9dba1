"""Where a campaign's value sits in an ARS cahier des charges: every key of the format has its
sentence and its short name, and the value, threshold, window and tranche keys say
« généralement » and name the part of the cahier des charges."""

from __future__ import annotations

import re

import pytest

from esms_desktop.domain.campaign_guidance import NAMES, guidance, pattern
from esms_desktop.domain.campaign_schema import CAMPAIGN, Kind, reference

KEYS = list(reference())
SECTION = re.compile(r"partie « [^»]+ »")
FROM_THE_TEXT = (Kind.AMOUNT, Kind.THRESHOLD, Kind.COEFFICIENT, Kind.DATE, Kind.RANKS)


def example_path(dotted: str) -> tuple[str | int, ...]:
    """A real key path for a reference path: ``values.<nom>.amount`` → values/acquisition/amount,
    a list element counted 0."""
    parts: list[str | int] = []
    table = CAMPAIGN
    for name in dotted.split("."):
        if name == "<nom>":
            parts.append("acquisition")
            continue
        key = table.by_name[name]
        parts.append(name)
        if key.kind is Kind.TABLES:
            parts.append(0)
        if key.table is not None:
            table = key.table
    if parts and parts[-1] == 0 and dotted.split(".")[-1] != "<nom>":
        parts.pop()  # the list key itself, not its first element
    return tuple(parts)


@pytest.mark.parametrize("key", KEYS, ids=[k.path for k in KEYS])
def test_every_key_of_the_format_has_a_name_and_a_guidance(key) -> None:
    path = example_path(key.path)
    assert pattern(path) == key.path
    assert NAMES[key.path].strip()
    assert guidance(path).strip()


def _from_the_text(key) -> bool:
    last = key.path.split(".")[-1]
    in_a_grid = key.path.split(".")[0] in (
        "values",
        "windows",
        "tranches",
        "size",
        "scope",
        "essms_lines",
        "project_lines",
        "og_lines",
        "ceilings",
    )
    return key.kind.split(" (")[0] in {k.value for k in FROM_THE_TEXT} or (
        in_a_grid and last not in ("status", "source", "label", "fallback")
    )


VALUE_KEYS = [k for k in KEYS if _from_the_text(k)]


@pytest.mark.parametrize("key", VALUE_KEYS, ids=[k.path for k in VALUE_KEYS])
def test_values_thresholds_windows_and_tranches_say_where_they_usually_are(key) -> None:
    sentence = guidance(example_path(key.path))
    assert sentence.startswith("Généralement")
    assert SECTION.search(sentence), sentence


def test_the_value_keys_cover_what_the_editor_asks_for() -> None:
    covered = {k.path for k in VALUE_KEYS}
    assert {
        "values.<nom>.amount",
        "size.min_essms",
        "size.several_regions.max_essms",
        "windows.start",
        "windows.end",
        "tranches.pct",
        "essms_lines.bands.from",
        "essms_lines.island.coefficient",
        "ceilings.per_essms",
    } <= covered


def test_a_path_with_indices_names_or_inner_keys_gets_its_keys_sentence() -> None:
    amount = guidance(("values", "accompagnement", "amount"))
    assert "Modalités de financement" in amount and "montants forfaitaires" in amount
    assert guidance(("tranches", 3, "pct")) == guidance(("tranches", 0, "pct"))
    assert "Modalités de versement" in guidance(("tranches", 0, "pct"))
    # a threshold written { value, status, source }: the value's sentence is the threshold's
    assert guidance(("size", "min_essms", "value")) == guidance(("size", "min_essms"))
    assert "15" in guidance(("size", "min_essms"))
    assert "Calendrier" in guidance(("windows", 1, "end"))


def test_outside_the_format_there_is_no_guidance() -> None:
    assert guidance(()) == ""
    assert guidance(("inconnue",)) == ""
    assert set(NAMES) <= {k.path for k in KEYS}, "a name for a key the format does not have"
