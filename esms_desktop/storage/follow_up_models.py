"""The tables of a dossier's follow-up after its candidature (migration 0015), as ORM classes.

One row per dossier for the phase, the filed candidature and the convention; one table per
repeated part (tranches, transfers to member OGs, ESSMS milestones, indicator values) with a
``position`` column so a load gives back the user's order; one row per indicator whose
threshold the user confirmed from her convention; one row per amendment to the filed
candidature (migration 0016). Money, shares and counts are decimal text,
as everywhere in the store (:class:`~esms_desktop.storage.models.DecimalText`).

Kept apart from :mod:`esms_desktop.storage.models` so that the candidature's tables stay
readable; imported by the migrations' environment and by the repository, so that the
metadata knows them. A dossier still in ``CANDIDATURE`` with nothing recorded has no row here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from esms_desktop.storage.models import Base


class FollowUpRow(Base):
    """The phase and the filed candidature (``filed_on`` NULL: not filed)."""

    __tablename__ = "follow_up"

    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), primary_key=True
    )
    phase: Mapped[str]
    filed_on: Mapped[date | None]
    filed_snapshot: Mapped[str] = mapped_column(default="")
    """The dossier as filed, in the ``.esms`` exchange encoding (canonical JSON text)."""
    filed_pdf_fingerprint: Mapped[str] = mapped_column(default="")
    filed_amount_asked: Mapped[Decimal | None]


class ConventionRow(Base):
    """The ARS's decision, once the convention is signed."""

    __tablename__ = "follow_up_convention"

    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), primary_key=True
    )
    signed_on: Mapped[date]
    amount_granted: Mapped[Decimal]
    reference: Mapped[str] = mapped_column(default="")
    note: Mapped[str] = mapped_column(default="")


class TranchePaymentRow(Base):
    __tablename__ = "tranche_payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    label: Mapped[str]
    expected: Mapped[Decimal]
    condition: Mapped[str] = mapped_column(default="")
    usage_targets: Mapped[bool] = mapped_column(default=False)
    expected_on: Mapped[date | None]
    received: Mapped[Decimal | None]
    received_on: Mapped[date | None]


class MemberTransferRow(Base):
    __tablename__ = "member_transfer"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    finess_ej: Mapped[str]
    og_name: Mapped[str]
    amount: Mapped[Decimal]
    paid_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(default="")


class EssmsMilestoneRow(Base):
    __tablename__ = "essms_milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    finess: Mapped[str]
    kind: Mapped[str]
    planned_on: Mapped[date | None]
    done_on: Mapped[date | None]


class IndicatorValueRow(Base):
    """One indicator's value for one ESSMS over one month or quarter."""

    __tablename__ = "indicator_value"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    finess: Mapped[str]
    indicator: Mapped[str]
    period_year: Mapped[int]
    period_index: Mapped[int]
    period_kind: Mapped[str]
    value: Mapped[Decimal]
    denominator: Mapped[Decimal | None]
    source: Mapped[str] = mapped_column(default="")


class ConfirmedThresholdRow(Base):
    """An indicator whose threshold the user typed from her signed convention."""

    __tablename__ = "confirmed_threshold"

    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), primary_key=True
    )
    indicator: Mapped[str] = mapped_column(primary_key=True)


class AmendmentRow(Base):
    """An amendment (avenant) to the filed candidature (migration 0016), in the user's order.

    ``changes`` holds the French lines of what changed, one a line; the two fingerprints are
    those of the filed parts before and after the amendment."""

    __tablename__ = "amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    made_on: Mapped[date]
    changes: Mapped[str] = mapped_column(default="")
    fingerprint_before: Mapped[str]
    fingerprint_after: Mapped[str]
    note: Mapped[str] = mapped_column(default="")
