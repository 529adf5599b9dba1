"""Findings: what the eligibility check says about a grappe, one explained sentence each."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """``bloquant`` makes the project ineligible to the call; the others only inform."""

    BLOQUANT = "bloquant"
    AVERTISSEMENT = "avertissement"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"bloquant": "Bloquant", "avertissement": "Avertissement", "info": "Information"}[
            self.value
        ]


@dataclass(frozen=True, slots=True)
class Finding:
    """One explained finding.

    ``code`` is stable (tests, the GUI and the JSON output key on it); ``message`` is French and
    names the OG or ESSMS concerned; ``rule`` cites the campaign rule it comes from, so the user can
    check it against the call's text. ``finess`` / ``og`` let the GUI show it next to its row.
    """

    code: str
    severity: Severity
    message: str
    rule: str = ""
    finess: str = ""
    og: str = ""

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "rule": self.rule,
            "finess": self.finess,
            "og": self.og,
        }


def is_blocking(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.BLOQUANT for f in findings)
