"""Titre du projet sur le dossier et journal des modifications.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossier") as batch:
        batch.add_column(
            sa.Column("project_title", sa.String(), nullable=False, server_default="")
        )
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("summary", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_change_log"),
    )
    op.create_index("ix_change_log_dossier_id", "change_log", ["dossier_id"])


def downgrade() -> None:
    op.drop_index("ix_change_log_dossier_id", table_name="change_log")
    op.drop_table("change_log")
    with op.batch_alter_table("dossier") as batch:
        batch.drop_column("project_title")
