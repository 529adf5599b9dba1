"""Plain records the repositories return besides domain objects (change log, attached files).

They are storage facts rather than candidature content, so they are not in ``domain``; they stay
free of SQLAlchemy so services and the GUI can use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ChangeLogEntry:
    """One line of a dossier's history: when, what kind of change, and a French summary."""

    dossier_id: int
    at: datetime
    action: str
    summary: str
    id: int | None = None


@dataclass(frozen=True, slots=True)
class AnnexFileInfo:
    """A file attached to an annex of the checklist, stored in the database (content apart)."""

    dossier_id: int
    annex_key: str
    name: str
    size: int
    sha256: str
    added: datetime


@dataclass(frozen=True, slots=True)
class FundedDeclaration:
    """What the user declared already in a funded project: the FINESS, why (free text), when."""

    finess: str
    note: str
    declared_at: datetime
