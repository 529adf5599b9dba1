"""Services socles visés par ESSMS, équipe projet structurée, valeur actuelle des cibles d'usage.

Revision ID: 0007
Revises: 0006
Create Date: 2027-01-21

Chaque ESSMS retient les services socles que son projet vise (DMP / Mon espace santé, MSSanté,
INS, e-prescription : leurs codes séparés par des virgules, chaîne vide pour aucun) ; chaque cible
d'usage, sa valeur actuelle (texte libre, vide tant que rien n'est dit) ; l'équipe projet devient
une liste (table ``team_member`` : nom, rôle, fonction, OG, disponibilité). Les données existantes
ne sont pas modifiées : les ESSMS n'ont aucun service, les cibles aucune valeur actuelle, et la
gouvernance rédigée reste le texte qu'elle était.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("establishment") as batch:
        batch.add_column(sa.Column("core_services", sa.String(), nullable=False, server_default=""))
    with op.batch_alter_table("usage_target") as batch:
        batch.add_column(sa.Column("baseline", sa.String(), nullable=False, server_default=""))
    op.create_table(
        "team_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("function", sa.String(), nullable=False),
        sa.Column("organisation", sa.String(), nullable=False),
        sa.Column("availability", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name="fk_team_member_dossier_id_dossier",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_team_member"),
    )
    op.create_index("ix_team_member_dossier_id", "team_member", ["dossier_id"])


def downgrade() -> None:
    # The team, the baselines and the services are lost in 0006, which has no place for them;
    # the dossiers, their ESSMS and their targets are kept.
    op.drop_index("ix_team_member_dossier_id", table_name="team_member")
    op.drop_table("team_member")
    with op.batch_alter_table("usage_target") as batch:
        batch.drop_column("baseline")
    with op.batch_alter_table("establishment") as batch:
        batch.drop_column("core_services")
