"""Usage-target thresholds: a percentage or a count per period, never a guess between them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from esms_desktop.domain.edits import parse_threshold
from esms_desktop.domain.formatting import format_threshold
from esms_desktop.domain.usage_threshold import PERIODS, UsageThreshold, percentage


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("80 %", percentage(80)),
        ("80%", percentage(80)),
        ("12,5 %", percentage(Decimal("12.5"))),
        ("0 %", percentage(0)),
        ("100 messages / mois", UsageThreshold(Decimal(100), "messages", "mois")),
        ("100 messages par mois", UsageThreshold(Decimal(100), "messages", "mois")),
        ("100 Messages MSSanté/Mois", UsageThreshold(Decimal(100), "Messages MSSanté", "mois")),
        (
            "12 consultations DMP par semaine",
            UsageThreshold(Decimal(12), "consultations DMP", "semaine"),
        ),
        ("4 comités / an", UsageThreshold(Decimal(4), "comités", "an")),
        ("4 comités par année", UsageThreshold(Decimal(4), "comités", "an")),
        ("300 DUI actifs", UsageThreshold(Decimal(300), "DUI actifs")),
        (
            "50 messages envoyés par ESSMS",
            UsageThreshold(Decimal(50), "messages envoyés par ESSMS"),
        ),
        ("1 000 DUI actifs", UsageThreshold(Decimal(1000), "DUI actifs")),
        ("1\u202f000 DUI actifs", UsageThreshold(Decimal(1000), "DUI actifs")),
    ],
)
def test_what_a_director_types_is_read_with_its_unit(typed: str, expected: UsageThreshold) -> None:
    parsed = parse_threshold(typed)
    assert parsed.problem == ""
    assert parsed.value == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("100", "précisez l'unité"),  # once silently « 100 % »
        ("101 %", "ne dépasse pas 100"),
        ("80 % des usagers", "rien après « % »"),
        ("beaucoup", "seuil attendu"),
        ("100 / mois", "ce qui est compté"),
        ("5 messages / siècle", "période « siècle » inconnue"),
    ],
)
def test_a_refused_threshold_says_why(typed: str, reason: str) -> None:
    parsed = parse_threshold(typed)
    assert parsed.value is None
    assert reason in parsed.problem


def test_empty_means_not_set_yet() -> None:
    assert parse_threshold("").value is None and parse_threshold("  ").ok


def test_a_percentage_has_no_period() -> None:
    with pytest.raises(ValueError, match="pourcentage"):
        UsageThreshold(Decimal(80), "%", "mois")
    with pytest.raises(ValueError, match="période"):
        UsageThreshold(Decimal(80), "messages", "décennie")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (percentage(80), "80\u00a0%"),
        (UsageThreshold(Decimal(100), "messages", "mois"), "100 messages / mois"),
        (UsageThreshold(Decimal("2.50"), "visites", "jour"), "2,5 visites / jour"),
        (UsageThreshold(Decimal(1200), "DUI actifs"), "1\u202f200 DUI actifs"),
        (None, ""),
    ],
)
def test_format(value: UsageThreshold | None, shown: str) -> None:
    assert format_threshold(value) == shown


# Letters that cannot spell « par », « / » or a period word: what such a unit may hold is
# covered by the examples above.
units = st.text(alphabet="bcdéèDMSI ", min_size=1, max_size=20)


@given(
    amount=st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
    unit=units,
    period=st.sampled_from(("", *PERIODS)),
)
def test_what_is_shown_reads_back_as_the_same_threshold(
    amount: Decimal, unit: str, period: str
) -> None:
    """Editing a cell and pressing Enter must never change a threshold the user did not touch."""
    unit = " ".join(unit.split())
    if not any(c.isalpha() for c in unit):
        return
    value = UsageThreshold(amount, unit, period)
    assert parse_threshold(format_threshold(value)).value == value


@given(amount=st.decimals(min_value=0, max_value=100, places=1, allow_nan=False))
def test_percentages_read_back(amount: Decimal) -> None:
    assert parse_threshold(format_threshold(percentage(amount))).value == percentage(amount)
