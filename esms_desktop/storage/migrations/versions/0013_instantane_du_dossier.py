"""L'instantané de chaque dossier, lu au démarrage sans SQLAlchemy.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

La fenêtre s'ouvre sur le dernier dossier. Le lire par l'ORM demande d'importer SQLAlchemy
(0,3 s) avant de le montrer ; la table ``dossier_snapshot`` garde, pour chaque dossier, sa valeur
complète dans l'encodage des fichiers ``.esms`` (JSON canonique), écrite par le programme dans la
même transaction que chaque enregistrement. Le démarrage la lit avec le module ``sqlite3`` seul.

Un instantané n'existe que s'il décrit exactement les lignes du dossier : des déclencheurs le
suppriment dès qu'une ligne du dossier change (ses colonnes propres, son porteur, ses OG et ESSMS,
ses réponses…), que l'écriture vienne du programme ou d'ailleurs ; le démarrage passe alors par
le chemin ordinaire, et le prochain enregistrement (ou la prochaine ouverture) le réécrit. Mêmes
tables, même approche que les résumés de la migration 0012 (copiées ici telles qu'elles sont à
cette révision : une migration ne dépend pas d'une autre).

Une migration future qui reconstruit une de ces tables perd ses déclencheurs : elle doit les
supprimer avant et les recréer après (``drop_triggers`` / ``create_triggers``) ; un test vérifie
qu'ils existent tous au dernier schéma.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

HEAD_COLUMNS = (
    "name",
    "campaign_id",
    "project_title",
    "governance",
    "convention_date",
    "created",
    "updated",
    "campaign_fingerprint",
    "editor_registered",
)
"""The dossier's own columns: a change to any of them makes the snapshot stale."""

DIRECT_TABLES = (
    "porteur",
    "dui_solution",
    "campaign_override",
    "ght_declaration",
    "organisation",
    "autodiag_scope",
    "usage_target",
    "team_member",
    "milestone",
    "annex",
    "attestation",
)
"""Tables whose rows name their dossier (``dossier_id``)."""

INDIRECT_TABLES = {
    "establishment": "(SELECT dossier_id FROM organisation WHERE id = {row}.organisation_id)",
    "autodiag_answer": "(SELECT dossier_id FROM autodiag_scope WHERE id = {row}.scope_id)",
    "autodiag_maturin_level": "(SELECT dossier_id FROM autodiag_scope WHERE id = {row}.scope_id)",
}
"""Tables whose rows reach their dossier through a parent row."""

_DROP = "DELETE FROM dossier_snapshot WHERE dossier_id = {target};"


def trigger_statements() -> list[tuple[str, str]]:
    """(name, ``CREATE TRIGGER``) of every trigger that deletes a stale snapshot."""
    out = [
        (
            "snapshot_stale_dossier",
            f"CREATE TRIGGER snapshot_stale_dossier AFTER UPDATE OF {', '.join(HEAD_COLUMNS)} "
            f"ON dossier BEGIN {_DROP.format(target='NEW.id')} END",
        ),
        (
            "snapshot_stale_dossier_delete",
            "CREATE TRIGGER snapshot_stale_dossier_delete AFTER DELETE ON dossier "
            f"BEGIN {_DROP.format(target='OLD.id')} END",
        ),
    ]
    targets = {t: "{row}.dossier_id" for t in DIRECT_TABLES} | INDIRECT_TABLES
    for table, target in targets.items():
        rows = {"insert": ("NEW",), "update": ("OLD", "NEW"), "delete": ("OLD",)}
        for event, which in rows.items():
            name = f"snapshot_stale_{table}_{event}"
            body = " ".join(_DROP.format(target=target.format(row=row)) for row in which)
            out.append(
                (name, f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} BEGIN {body} END")
            )
    return out


def create_triggers() -> None:
    for _name, statement in trigger_statements():
        op.execute(statement)


def drop_triggers() -> None:
    for name, _statement in trigger_statements():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


def upgrade() -> None:
    op.create_table(
        "dossier_snapshot",
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name="fk_dossier_snapshot_dossier_id_dossier",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("dossier_id", name="pk_dossier_snapshot"),
    )
    create_triggers()


def downgrade() -> None:
    # Only a copy of what the dossier rows hold: 0012 reads the rows every time.
    drop_triggers()
    op.drop_table("dossier_snapshot")
