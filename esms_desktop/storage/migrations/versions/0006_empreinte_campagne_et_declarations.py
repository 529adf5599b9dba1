"""Empreinte de la campagne d'un dossier et ses déclarations (exception GHT, éditeur inscrit).

Revision ID: 0006
Revises: 0005
Create Date: 2027-01-14

Un dossier retient l'empreinte du fichier de campagne avec lequel il a été calculé, pour signaler
un changement de ce fichier ; les dossiers existants n'en ont pas (chaîne vide) : rien ne leur est
signalé. Les déclarations de l'utilisateur : l'éditeur du DUI inscrit au guichet de référencement
Ségur (colonne du dossier, NULL tant que rien n'est déclaré) et les ESSMS rattachés à un GHT, une
ligne par FINESS géographique (table ``ght_declaration``). Aucune donnée existante n'est modifiée.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossier") as batch:
        batch.add_column(
            sa.Column("campaign_fingerprint", sa.String(), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("editor_registered", sa.Boolean(), nullable=True))
    op.create_table(
        "ght_declaration",
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("finess", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name="fk_ght_declaration_dossier_id_dossier",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("dossier_id", "finess", name="pk_ght_declaration"),
    )


def downgrade() -> None:
    # What was declared is lost in 0005, which has no place for it (the rules then say « à
    # vérifier » again); the dossiers themselves are kept.
    op.drop_table("ght_declaration")
    with op.batch_alter_table("dossier") as batch:
        batch.drop_column("editor_registered")
        batch.drop_column("campaign_fingerprint")
