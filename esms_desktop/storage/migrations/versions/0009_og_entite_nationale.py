"""Un organisme gestionnaire peut être déclaré rattaché à une entité nationale.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

L'ARS demande alors l'accord de cette entité en annexe. Les organismes déjà enregistrés ne sont
rattachés à aucune (faux), ce que l'utilisateur corrige dans le tableau des OG.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.add_column(
            sa.Column("national_entity", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.drop_column("national_entity")
