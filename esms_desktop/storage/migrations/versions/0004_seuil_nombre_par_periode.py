"""Seuils des cibles d'usage : un pourcentage ou un nombre par période.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

Les seuils enregistrés jusqu'ici étaient tous des pourcentages : ils gardent leur valeur et
reçoivent l'unité « % ».
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("usage_target") as batch:
        batch.alter_column("threshold_pct", new_column_name="threshold_amount")
        batch.add_column(
            sa.Column("threshold_unit", sa.String(), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("threshold_period", sa.String(), nullable=False, server_default="")
        )
    op.execute("UPDATE usage_target SET threshold_unit = '%' WHERE threshold_amount IS NOT NULL")


def downgrade() -> None:
    # A count cannot be kept as a percentage: it is dropped rather than misread as one.
    op.execute("UPDATE usage_target SET threshold_amount = NULL WHERE threshold_unit NOT IN ('%', '')")
    with op.batch_alter_table("usage_target") as batch:
        batch.drop_column("threshold_period")
        batch.drop_column("threshold_unit")
        batch.alter_column("threshold_amount", new_column_name="threshold_pct")
