"""Niveaux saisis depuis MaturiN-SMS, par périmètre d'autodiagnostic, et date de l'évaluation.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

Un directeur qui a déjà répondu à MaturiN-SMS (ANS, 2024) saisit le niveau (1 à 5) lu par
dimension au lieu de répondre deux fois : une ligne par dimension saisie (table
``autodiag_maturin_level``, rattachée au périmètre comme les réponses) et la date de
l'évaluation MaturiN-SMS sur le périmètre (``autodiag_scope.maturin_date``, vide si non donnée).
Les autodiagnostics existants n'ont aucun niveau saisi.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("autodiag_scope") as batch:
        batch.add_column(sa.Column("maturin_date", sa.Date(), nullable=True))
    op.create_table(
        "autodiag_maturin_level",
        sa.Column("scope_id", sa.Integer(), nullable=False),
        sa.Column("dimension_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["scope_id"],
            ["autodiag_scope.id"],
            name="fk_autodiag_maturin_level_scope_id_autodiag_scope",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("scope_id", "dimension_id", name="pk_autodiag_maturin_level"),
    )


def downgrade() -> None:
    # The typed levels and their date are lost in 0009, which has no place for them; the
    # questionnaire's answers are kept.
    op.drop_table("autodiag_maturin_level")
    with op.batch_alter_table("autodiag_scope") as batch:
        batch.drop_column("maturin_date")
