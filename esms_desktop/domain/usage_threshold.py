"""What a usage target must reach: a percentage, or a count per period.

No source fixes the programme's thresholds (programme.md §8): each ARS call words them its own
way, « 80 % des ESSMS », « 100 messages par mois », « 300 DUI actifs ». A bare number would have
to be read as one or the other by guess (« 100 » once became « 100 % »), so the unit is part of
the value and a threshold without one is refused with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

PERCENT = "%"

PERIODS: tuple[str, ...] = ("jour", "semaine", "mois", "trimestre", "an")
"""The periods a count can be measured over, as printed (« 100 messages / mois »)."""

PERIOD_WORDS: dict[str, str] = {
    "jour": "jour",
    "jours": "jour",
    "j": "jour",
    "semaine": "semaine",
    "semaines": "semaine",
    "sem": "semaine",
    "mois": "mois",
    "trimestre": "trimestre",
    "trimestres": "trimestre",
    "an": "an",
    "ans": "an",
    "année": "an",
    "années": "an",
    "annee": "an",
    "annees": "an",
}
"""What a director may type for each period; the value is the form kept and printed."""


@dataclass(frozen=True, slots=True)
class UsageThreshold:
    """``amount`` of ``unit`` (``%`` or what is counted), over ``period`` for a count.

    A count may have no period: « 300 DUI actifs » is a level to reach at the end of the
    project, not a flow.
    """

    amount: Decimal
    unit: str = PERCENT
    period: str = ""

    def __post_init__(self) -> None:
        if not self.unit.strip():
            raise ValueError("seuil sans unité : un pourcentage ou ce qui est compté")
        if self.unit == PERCENT and self.period:
            raise ValueError("un pourcentage n'a pas de période")
        if self.period and self.period not in PERIODS:
            raise ValueError(f"période inconnue : {self.period!r}")

    @property
    def is_percentage(self) -> bool:
        return self.unit == PERCENT


def percentage(amount: Decimal | int) -> UsageThreshold:
    return UsageThreshold(Decimal(amount))
