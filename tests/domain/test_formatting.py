"""French formatting of numbers, money, percentages and dates, now a pure module of the domain.

The outputs are those of the former ``services/formatting.py``, pinned here; ``format_decimal``
is the plain notation a cell shows for editing (never an exponent), which the parsers read back.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esms_desktop.domain.formatting import (
    format_date,
    format_decimal,
    format_eur,
    format_number,
    format_pct,
    format_threshold,
)
from esms_desktop.domain.parsing import MAX_AMOUNT, parse_money, parse_pct
from esms_desktop.domain.usage_threshold import UsageThreshold, percentage

NNBSP, NBSP = "\u202f", "\u00a0"


def test_the_services_module_is_gone() -> None:
    assert importlib.util.find_spec("esms_desktop.services.formatting") is None


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (Decimal("445000"), 0, f"445{NNBSP}000"),
        (1234567, 0, f"1{NNBSP}234{NNBSP}567"),
        (Decimal("1234.5"), 2, f"1{NNBSP}234,50"),
        (Decimal("0.125"), 2, "0,12"),  # Python's format rounds half to even, as before
    ],
)
def test_format_number(value: Decimal | int, decimals: int, text: str) -> None:
    assert format_number(value, decimals) == text


@pytest.mark.parametrize(
    ("value", "cents", "text"),
    [
        (Decimal("445000"), None, f"445{NNBSP}000{NBSP}€"),
        (Decimal("445000.00"), None, f"445{NNBSP}000{NBSP}€"),
        (Decimal("12.5"), None, f"12,50{NBSP}€"),
        (Decimal("100"), True, f"100,00{NBSP}€"),
        (Decimal("12.35"), False, f"12{NBSP}€"),
    ],
)
def test_format_eur(value: Decimal, cents: bool | None, text: str) -> None:
    assert format_eur(value, cents=cents) == text


def test_format_eur_of_nothing() -> None:
    assert format_eur(None) == "à renseigner"
    assert format_eur(None, missing="—") == "—"


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal(70), f"70{NBSP}%"), (Decimal("12.5"), f"12,5{NBSP}%"), (30, f"30{NBSP}%")],
)
def test_format_pct(value: Decimal | int, text: str) -> None:
    assert format_pct(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (percentage(80), f"80{NBSP}%"),
        (UsageThreshold(Decimal(100), "messages", "mois"), "100 messages / mois"),
        (UsageThreshold(Decimal("1500"), "DUI actifs", ""), f"1{NNBSP}500 DUI actifs"),
    ],
)
def test_format_threshold(value: UsageThreshold | None, text: str) -> None:
    assert format_threshold(value) == text


def test_format_date() -> None:
    assert format_date(None) == ""
    assert format_date(date(2025, 3, 1)) == "01/03/2025"
    assert format_date(date(2025, 3, 1), long=True) == "1ᵉʳ mars 2025"
    assert format_date(date(2025, 8, 15), long=True) == "15 août 2025"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal(70), "70"),
        (Decimal("7E+1"), "70"),
        (Decimal(100), "100"),
        (Decimal("70.50"), "70,5"),
        (Decimal("0.25"), "0,25"),
        (Decimal("-0"), "0"),
        (Decimal("25000.00"), "25000"),
        (3, "3"),
    ],
)
def test_format_decimal_is_plain(value: Decimal | int, text: str) -> None:
    assert format_decimal(value) == text


@settings(max_examples=200, deadline=None)
@given(value=st.decimals(min_value=0, max_value=100, places=3))
def test_a_percentage_shown_for_editing_reads_back_the_same(value: Decimal) -> None:
    assert parse_pct(format_decimal(value)).value == value


@settings(max_examples=200, deadline=None)
@given(value=st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2))
def test_an_amount_shown_reads_back_the_same(value: Decimal) -> None:
    assert parse_money(format_eur(value)).value == value
    assert parse_money(format_decimal(value)).value == value


def test_the_prorata_line_says_70_percent_not_7e1(example_csv: Path) -> None:
    from esms_desktop.importers.grappe_sheet import import_grappe
    from esms_desktop.services.assessment import assess

    grappe = import_grappe(example_csv).grappe
    assert grappe is not None
    budget = assess(grappe, "generalisation-2023")
    labels = [ln.label for e in budget.establishments for ln in e.lines if "Prorata" in ln.label]
    assert labels == ["Prorata des heures éligibles (70 %)"]
