"""Schéma initial : dossiers, porteur, grappe (OG, ESSMS), solution DUI, valeurs saisies,
autodiagnostic, cibles d'usage, jalons, annexes (avec fichiers joints) et attestations.

Revision ID: 0001
Revises:
Create Date: 2026-05-09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _pk(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*columns, name=f"pk_{table}")


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete="CASCADE"
    )


def _text(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "dossier",
        sa.Column("id", sa.Integer(), nullable=False),
        _text("name"),
        _text("campaign_id"),
        _text("governance"),
        sa.Column("convention_date", sa.Date(), nullable=True),
        _text("created"),
        _text("updated"),
        _pk("dossier", "id"),
    )
    op.create_table(
        "porteur",
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        *[
            _text(name)
            for name in (
                "name", "legal_status", "siren", "siret", "finess_ej", "address",
                "postal_code", "town", "legal_representative", "legal_representative_title",
                "project_lead", "contact_email", "contact_phone",
            )
        ],
        _fk("porteur", "dossier_id", "dossier"),
        _pk("porteur", "dossier_id"),
    )
    op.create_table(
        "dui_solution",
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        _text("editor"),
        _text("product"),
        sa.Column("segur_referenced", sa.Boolean(), nullable=True),
        _text("segur_reference"),
        _text("justification"),
        _fk("dui_solution", "dossier_id", "dossier"),
        _pk("dui_solution", "dossier_id"),
    )
    op.create_table(
        "campaign_override",
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        _text("name"),
        _text("amount"),
        _fk("campaign_override", "dossier_id", "dossier"),
        _pk("campaign_override", "dossier_id", "name"),
    )
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("name"),
        _text("role"),
        _text("siren"),
        _text("finess_ej"),
        sa.Column("declared_size", sa.Integer(), nullable=True),
        _text("contact_name"),
        _text("contact_email"),
        sa.Column("convention_date", sa.Date(), nullable=True),
        _fk("organisation", "dossier_id", "dossier"),
        _pk("organisation", "id"),
    )
    op.create_index("ix_organisation_dossier_id", "organisation", ["dossier_id"])
    op.create_table(
        "establishment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("finess"),
        _text("name"),
        _text("category"),
        sa.Column("capacity", sa.Integer(), nullable=True),
        _text("project"),
        sa.Column("equipment", sa.Boolean(), nullable=False),
        _text("eligible_hours_pct"),
        _text("dui_solution"),
        _text("current_dui"),
        sa.Column("already_funded", sa.Boolean(), nullable=False),
        _text("address"),
        _text("postal_code"),
        _text("town"),
        _fk("establishment", "organisation_id", "organisation"),
        _pk("establishment", "id"),
    )
    op.create_index("ix_establishment_organisation_id", "establishment", ["organisation_id"])
    op.create_index("ix_establishment_finess", "establishment", ["finess"])
    op.create_table(
        "autodiag_scope",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("scope"),
        _fk("autodiag_scope", "dossier_id", "dossier"),
        _pk("autodiag_scope", "id"),
    )
    op.create_index("ix_autodiag_scope_dossier_id", "autodiag_scope", ["dossier_id"])
    op.create_table(
        "autodiag_answer",
        sa.Column("scope_id", sa.Integer(), nullable=False),
        _text("question_id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        _fk("autodiag_answer", "scope_id", "autodiag_scope"),
        _pk("autodiag_answer", "scope_id", "question_id"),
    )
    op.create_table(
        "usage_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("indicator"),
        _text("sector"),
        _text("threshold_pct", nullable=True),
        _text("time_window"),
        _text("evidence"),
        _fk("usage_target", "dossier_id", "dossier"),
        _pk("usage_target", "id"),
    )
    op.create_index("ix_usage_target_dossier_id", "usage_target", ["dossier_id"])
    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("label"),
        sa.Column("due", sa.Date(), nullable=True),
        _text("description"),
        _fk("milestone", "dossier_id", "dossier"),
        _pk("milestone", "id"),
    )
    op.create_index("ix_milestone_dossier_id", "milestone", ["dossier_id"])
    op.create_table(
        "annex",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("annex_key"),
        _text("label"),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("provided", sa.Boolean(), nullable=False),
        _text("file_name"),
        _text("note"),
        _fk("annex", "dossier_id", "dossier"),
        _pk("annex", "id"),
    )
    op.create_index("ix_annex_dossier_id", "annex", ["dossier_id"])
    op.create_table(
        "annex_file",
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        _text("annex_key"),
        _text("name"),
        sa.Column("size", sa.Integer(), nullable=False),
        _text("sha256"),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        _text("added"),
        _fk("annex_file", "dossier_id", "dossier"),
        _pk("annex_file", "dossier_id", "annex_key"),
    )
    op.create_table(
        "attestation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("attestation_key"),
        _text("label"),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        _fk("attestation", "dossier_id", "dossier"),
        _pk("attestation", "id"),
    )
    op.create_index("ix_attestation_dossier_id", "attestation", ["dossier_id"])


def downgrade() -> None:
    for table in (
        "attestation", "annex_file", "annex", "milestone", "usage_target", "autodiag_answer",
        "autodiag_scope", "establishment", "organisation", "campaign_override", "dui_solution",
        "porteur", "dossier",
    ):
        op.drop_table(table)
