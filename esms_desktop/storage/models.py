"""The relational schema, as SQLAlchemy 2 ``Mapped`` classes (rows, not domain objects).

Rows mirror the domain dataclasses one table per repeated part, with a ``position`` column wherever
the user's order matters (OGs, ESSMS, targets, milestones…) so a load gives back exactly what was
saved. Money and percentages are stored as decimal *text*: a float would turn 12 345,67 € into
12 345,669999… and a figure in the printed dossier would no longer match the budget.

This module describes the *current* schema; ``migrations/versions`` holds how each older schema
becomes this one, and a test checks that the two agree.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import (
    Boolean,
    Dialect,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    TypeDecorator,
)
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Named constraints: Alembic's batch mode on SQLite recreates tables and needs the names."""


class DecimalText(TypeDecorator[Decimal]):
    """A :class:`~decimal.Decimal` stored as its exact text (``"12345.67"``), never as a float."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            # A float here would already be inexact: refuse rather than store a rounded amount.
            raise TypeError(f"montant attendu en Decimal, reçu {type(value).__name__}")
        return str(value)

    def compare_values(self, x: object, y: object) -> bool:
        # 87.5 == 87.50 for Decimal, but the stored text must follow the user's writing.
        return type(x) is type(y) and str(x) == str(y)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        try:
            return Decimal(value)
        except InvalidOperation as exc:
            raise ValueError(f"montant illisible dans la base : {value!r}") from exc


class IsoDateTime(TypeDecorator[datetime]):
    """A datetime stored as ISO 8601 text, keeping microseconds and the UTC offset as given."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else value.isoformat()

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy's declared class attribute
        str: String(),
        int: Integer(),
        bool: Boolean(),
        Decimal: DecimalText(),
        datetime: IsoDateTime(),
    }


def _owned(order_by: str) -> dict[str, object]:
    """Relationship options for rows owned by their parent, kept in the user's order."""
    return {
        "cascade": "all, delete-orphan",
        "passive_deletes": True,
        "order_by": order_by,
        "collection_class": ordering_list("position"),
    }


class DossierRow(Base):
    __tablename__ = "dossier"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    campaign_id: Mapped[str]
    project_title: Mapped[str] = mapped_column(default="", server_default="")
    governance: Mapped[str] = mapped_column(default="")
    convention_date: Mapped[date | None]
    created: Mapped[datetime]
    updated: Mapped[datetime]
    campaign_fingerprint: Mapped[str] = mapped_column(default="", server_default="")
    """The campaign fingerprint the dossier was last computed with ('' : not recorded)."""
    editor_registered: Mapped[bool | None]
    """Declared: the DUI's editor is registered at the Ségur referencing office (NULL: not
    declared)."""
    # What the home list shows, computed from the stored dossier (migration 0012): NULL
    # ``summary_key`` means absent or stale (triggers of 0012 clear it on any write to the
    # dossier's rows, the program's or not); see services/dossiers.py, ``listed_dossiers``.
    summary_key: Mapped[str | None]
    """Campaign fingerprint, program version and questionnaire size the summary was made with."""
    summary_essms: Mapped[int | None]
    summary_problems: Mapped[int | None]
    summary_total: Mapped[Decimal | None]
    summary_eligible: Mapped[bool | None]
    summary_complete: Mapped[bool | None]
    summary_missing: Mapped[int | None]

    porteur: Mapped[PorteurRow | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    solution: Mapped[DuiSolutionRow | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    overrides: Mapped[list[OverrideRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="OverrideRow.name"
    )
    organisations: Mapped[list[OrganisationRow]] = relationship(
        **_owned("OrganisationRow.position")  # type: ignore[arg-type]
    )
    autodiagnostics: Mapped[list[AutodiagScopeRow]] = relationship(
        **_owned("AutodiagScopeRow.position")  # type: ignore[arg-type]
    )
    usage_targets: Mapped[list[UsageTargetRow]] = relationship(
        **_owned("UsageTargetRow.position")  # type: ignore[arg-type]
    )
    milestones: Mapped[list[MilestoneRow]] = relationship(
        **_owned("MilestoneRow.position")  # type: ignore[arg-type]
    )
    team: Mapped[list[TeamMemberRow]] = relationship(
        **_owned("TeamMemberRow.position")  # type: ignore[arg-type]
    )
    annexes: Mapped[list[AnnexRow]] = relationship(
        **_owned("AnnexRow.position")  # type: ignore[arg-type]
    )
    attestations: Mapped[list[AttestationRow]] = relationship(
        **_owned("AttestationRow.position")  # type: ignore[arg-type]
    )


class PorteurRow(Base):
    __tablename__ = "porteur"

    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(default="")
    legal_status: Mapped[str] = mapped_column(default="")
    siren: Mapped[str] = mapped_column(default="")
    siret: Mapped[str] = mapped_column(default="")
    finess_ej: Mapped[str] = mapped_column(default="")
    address: Mapped[str] = mapped_column(default="")
    postal_code: Mapped[str] = mapped_column(default="")
    town: Mapped[str] = mapped_column(default="")
    legal_representative: Mapped[str] = mapped_column(default="")
    legal_representative_title: Mapped[str] = mapped_column(default="")
    project_lead: Mapped[str] = mapped_column(default="")
    contact_email: Mapped[str] = mapped_column(default="")
    contact_phone: Mapped[str] = mapped_column(default="")


class DuiSolutionRow(Base):
    __tablename__ = "dui_solution"

    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), primary_key=True
    )
    editor: Mapped[str] = mapped_column(default="")
    product: Mapped[str] = mapped_column(default="")
    segur_referenced: Mapped[bool | None]
    segur_reference: Mapped[str] = mapped_column(default="")
    justification: Mapped[str] = mapped_column(default="")


class OverrideRow(Base):
    """A campaign value the user entered for this dossier (amount in euros, exact)."""

    __tablename__ = "campaign_override"

    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(primary_key=True)
    amount: Mapped[Decimal]


class GhtDeclarationRow(Base):
    """An ESSMS declared attached to a GHT whose DUI it keeps, by FINESS (one row each).

    Keyed by FINESS, as the declaration is, not by ESSMS row: it survives the rows being
    reordered, moved to another OG or replaced by an import, as the rules that read it do.
    """

    __tablename__ = "ght_declaration"

    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), primary_key=True
    )
    finess: Mapped[str] = mapped_column(primary_key=True)


class OrganisationRow(Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[str]
    role: Mapped[str]
    siren: Mapped[str] = mapped_column(default="")
    finess_ej: Mapped[str] = mapped_column(default="")
    declared_size: Mapped[int | None]
    contact_name: Mapped[str] = mapped_column(default="")
    contact_email: Mapped[str] = mapped_column(default="")
    convention_date: Mapped[date | None]
    national_entity: Mapped[bool] = mapped_column(default=False)

    establishments: Mapped[list[EstablishmentRow]] = relationship(
        **_owned("EstablishmentRow.position")  # type: ignore[arg-type]
    )


class EstablishmentRow(Base):
    __tablename__ = "establishment"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    finess: Mapped[str] = mapped_column(index=True)
    name: Mapped[str]
    category: Mapped[str]
    capacity: Mapped[int | None]
    project: Mapped[str]
    equipment: Mapped[bool]
    eligible_hours_pct: Mapped[Decimal]
    dui_solution: Mapped[str] = mapped_column(default="")
    current_dui: Mapped[str]
    core_services: Mapped[str] = mapped_column(default="", server_default="")
    """The core services targeted: their values joined by commas (« dmp,ins »), "" for none."""
    already_funded: Mapped[bool]
    address: Mapped[str] = mapped_column(default="")
    postal_code: Mapped[str] = mapped_column(default="")
    town: Mapped[str] = mapped_column(default="")


class AutodiagScopeRow(Base):
    """The autodiagnostic answered for one scope (the grappe, an OG, an ESSMS)."""

    __tablename__ = "autodiag_scope"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    scope: Mapped[str]
    maturin_date: Mapped[date | None]
    """The date of the MaturiN-SMS assessment the typed levels come from (migration 0010)."""

    answers: Mapped[list[AutodiagAnswerRow]] = relationship(
        **_owned("AutodiagAnswerRow.position")  # type: ignore[arg-type]
    )
    maturin_levels: Mapped[list[AutodiagMaturinLevelRow]] = relationship(
        **_owned("AutodiagMaturinLevelRow.position")  # type: ignore[arg-type]
    )


class AutodiagAnswerRow(Base):
    __tablename__ = "autodiag_answer"

    scope_id: Mapped[int] = mapped_column(
        ForeignKey("autodiag_scope.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(primary_key=True)
    position: Mapped[int]
    level: Mapped[int]


class AutodiagMaturinLevelRow(Base):
    """A level (1–5) typed from a MaturiN-SMS result for one dimension of a scope (0010)."""

    __tablename__ = "autodiag_maturin_level"

    scope_id: Mapped[int] = mapped_column(
        ForeignKey("autodiag_scope.id", ondelete="CASCADE"), primary_key=True
    )
    dimension_id: Mapped[str] = mapped_column(primary_key=True)
    position: Mapped[int]
    level: Mapped[int]


class UsageTargetRow(Base):
    __tablename__ = "usage_target"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    indicator: Mapped[str]
    sector: Mapped[str] = mapped_column(default="")
    threshold_amount: Mapped[Decimal | None]
    threshold_unit: Mapped[str] = mapped_column(default="")
    threshold_period: Mapped[str] = mapped_column(default="")
    time_window: Mapped[str] = mapped_column(default="")
    evidence: Mapped[str] = mapped_column(default="")
    baseline: Mapped[str] = mapped_column(default="", server_default="")


class TeamMemberRow(Base):
    """One person of the project team (migration 0007)."""

    __tablename__ = "team_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[str]
    role: Mapped[str]
    function: Mapped[str] = mapped_column(default="")
    organisation: Mapped[str] = mapped_column(default="")
    availability: Mapped[str] = mapped_column(default="")


class MilestoneRow(Base):
    __tablename__ = "milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    label: Mapped[str]
    due: Mapped[date | None]
    description: Mapped[str] = mapped_column(default="")


class AnnexRow(Base):
    __tablename__ = "annex"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    annex_key: Mapped[str]
    label: Mapped[str]
    required: Mapped[bool]
    provided: Mapped[bool]
    file_name: Mapped[str] = mapped_column(default="")
    note: Mapped[str] = mapped_column(default="")


class AnnexFileRow(Base):
    """The content of a file attached to an annex, kept in the database so backups carry it.

    Keyed by annex *key*, not by annex row: replacing the checklist rows (a whole-dossier save)
    must not drop files the user attached.
    """

    __tablename__ = "annex_file"

    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), primary_key=True
    )
    annex_key: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    size: Mapped[int]
    sha256: Mapped[str]
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added: Mapped[datetime]


class DossierSnapshotRow(Base):
    """A dossier's whole value in the ``.esms`` encoding, read at start-up without the ORM.

    Written with each save, in its transaction; triggers (migration 0013) delete it as soon as
    any row of its dossier changes, so one that exists is the dossier as its rows hold it.
    """

    __tablename__ = "dossier_snapshot"

    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), primary_key=True
    )
    payload: Mapped[bytes] = mapped_column(LargeBinary)


class AttestationRow(Base):
    __tablename__ = "attestation"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    attestation_key: Mapped[str]
    label: Mapped[str]
    accepted: Mapped[bool]


class ChangeLogRow(Base):
    """History of a dossier. No foreign key: the entry saying a dossier was deleted must stay."""

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(index=True)
    at: Mapped[datetime]
    action: Mapped[str]
    summary: Mapped[str]
