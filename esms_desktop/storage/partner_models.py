"""The FINESS the user declared already in a funded project, and their repository.

The partner search must not propose an ESSMS (or a whole OG) that another funded ESMS numérique
project already carries: the programme funds an ESSMS once. The register cannot know it; the
user says so (« déjà dans un projet financé »), once per data folder, and the search leaves
those FINESS out of every later search. The declarations are a table of the data folder's own
database (migration 0014), so they travel with its backups; a FINESS juridique stands for the
whole OG, a FINESS géographique for that ESSMS only.

Kept apart from :mod:`esms_desktop.storage.models` (the dossier tables): a row names no dossier.
Imported by the migrations' environment, so that the store's metadata knows the table.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Mapped, Session, mapped_column

from esms_desktop.storage.models import Base
from esms_desktop.storage.records import FundedDeclaration


class FundedPartnerRow(Base):
    """One FINESS (juridique or géographique) declared already in a funded project."""

    __tablename__ = "funded_partner"

    finess: Mapped[str] = mapped_column(primary_key=True)
    note: Mapped[str] = mapped_column(default="")
    declared_at: Mapped[datetime]


class SqlAlchemyFundedPartnerRepository:
    """The declarations through one session (the unit of work's transaction)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def all(self) -> list[FundedDeclaration]:
        """Every declaration, by FINESS."""
        rows = self._session.scalars(select(FundedPartnerRow).order_by(FundedPartnerRow.finess))
        return [FundedDeclaration(r.finess, r.note, r.declared_at) for r in rows]

    def declare(self, finess: str, note: str, at: datetime) -> None:
        """Declare ``finess`` funded (a second declaration replaces the note and the date)."""
        row = self._session.get(FundedPartnerRow, finess)
        if row is None:
            self._session.add(FundedPartnerRow(finess=finess, note=note, declared_at=at))
        else:
            row.note, row.declared_at = note, at

    def withdraw(self, finess: str) -> bool:
        """Forget the declaration of ``finess``; False when there was none."""
        row = self._session.get(FundedPartnerRow, finess)
        if row is None:
            return False
        self._session.delete(row)
        return True


__all__ = ["FundedDeclaration", "FundedPartnerRow", "SqlAlchemyFundedPartnerRepository"]
