"""What the home list shows of a dossier, as plain values the store keeps beside the dossier.

Assessing every dossier at each start (budget, verdicts, problems) cost 30 ms a dossier of 49
ESSMS and more for a national grappe; the list instead reads these values from the dossier's
row, with the key of what produced them, and computes again only a dossier whose key is absent
or differs (see services/dossiers.py, ``listed_dossiers``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class HomeSummary:
    """A dossier's line figures, and ``key``: what they were computed with (the campaign's
    fingerprint, the program's version, the questionnaire's size)."""

    key: str
    establishment_count: int
    problem_count: int
    total: Decimal | None = None
    """None: not computed (problems, or a campaign this folder does not have)."""
    eligible: bool | None = None
    complete: bool | None = None
    missing_count: int = 0


@dataclass(frozen=True, slots=True)
class DossierHead:
    """A dossier's own columns the list needs, and its stored summary (None: absent)."""

    id: int
    name: str
    campaign_id: str
    updated: datetime | None
    summary: HomeSummary | None
