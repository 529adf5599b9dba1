"""Les FINESS déclarés déjà dans un projet financé, pour la recherche de partenaires.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08

La recherche « Trouver des partenaires » ne doit pas proposer un ESSMS (ou tout un OG) qu'un
autre projet ESMS numérique financé porte déjà : le programme ne finance un ESSMS qu'une fois.
Le répertoire FINESS ne le sait pas ; l'utilisateur le déclare, une fois pour son dossier de
données. La table ``funded_partner`` garde ces déclarations (numéro FINESS juridique ou
géographique, note libre, date) dans la base du dossier de données : elles sont dans ses
sauvegardes. Elle ne nomme aucun dossier : aucun déclencheur des migrations 0012 et 0013 ne la
concerne.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "funded_partner",
        sa.Column("finess", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("declared_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("finess", name="pk_funded_partner"),
    )


def downgrade() -> None:
    # Only what the user declared for the partner search: the dossiers do not depend on it.
    op.drop_table("funded_partner")
