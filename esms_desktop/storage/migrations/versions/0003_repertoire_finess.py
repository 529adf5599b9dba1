"""Répertoire FINESS hors ligne : table de recherche et description du fichier chargé.

Revision ID: 0003
Revises: 0002
Create Date: 2026-05-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TEXT_COLUMNS = (
    "finess_ej", "siret", "name", "long_name", "category", "category_label",
    "legal_status_code", "legal_status_label", "address", "postal_code", "town", "department",
)


def upgrade() -> None:
    op.create_table(
        "repertoire_finess",
        sa.Column("finess", sa.String(), nullable=False),
        *[sa.Column(name, sa.String(), nullable=False) for name in _TEXT_COLUMNS],
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("opened", sa.Date(), nullable=True),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("nom_cle", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("finess", name="pk_repertoire_finess"),
    )
    with op.batch_alter_table("repertoire_finess") as batch:
        batch.create_index("ix_repertoire_finess_finess_ej", ["finess_ej"])
        batch.create_index("ix_repertoire_finess_nom_cle", ["nom_cle"])
    op.create_table(
        "repertoire_finess_info",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("loaded_at", sa.String(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_repertoire_finess_info"),
    )


def downgrade() -> None:
    op.drop_table("repertoire_finess_info")
    with op.batch_alter_table("repertoire_finess") as batch:
        batch.drop_index("ix_repertoire_finess_nom_cle")
        batch.drop_index("ix_repertoire_finess_finess_ej")
    op.drop_table("repertoire_finess")
