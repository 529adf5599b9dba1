"""Le résumé de chaque dossier pour la liste d'accueil, gardé dans sa ligne ``dossier``.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

La liste d'accueil montrait le total, les verdicts et le nombre de pièces manquantes en évaluant
chaque dossier à chaque démarrage (614 ms pour 20 dossiers). Ces valeurs sont désormais gardées
dans la ligne du dossier (colonnes ``summary_*``), avec la clé de ce qui les a produites
(``summary_key`` : empreinte de la campagne, version du programme, taille du questionnaire).

Une clé vide (``NULL``) veut dire « à recalculer » : c'est l'état des dossiers existants après
cette migration, et des déclencheurs la remettent à ``NULL`` dès qu'une ligne du dossier change
(ses colonnes propres, son porteur, ses OG et ESSMS, ses réponses…), que l'écriture vienne du
programme ou d'ailleurs (un fichier corrigé à la main) : la liste ne montre jamais un résumé
d'un autre état du dossier. Elle recalcule puis enregistre le résumé d'un dossier à la clé vide
ou différente, une fois.

Une migration future qui reconstruit une de ces tables (``batch_alter_table`` en mode
« recreate ») perd ses déclencheurs : elle doit les supprimer avant et les recréer après
(``drop_triggers`` / ``create_triggers`` ci-dessous, copiés tels quels) ; un test vérifie qu'ils
existent tous au dernier schéma.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

SUMMARY_COLUMNS = (
    ("summary_key", sa.String),
    ("summary_essms", sa.Integer),
    ("summary_problems", sa.Integer),
    ("summary_total", sa.String),
    ("summary_eligible", sa.Boolean),
    ("summary_complete", sa.Boolean),
    ("summary_missing", sa.Integer),
)

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
"""The dossier's own columns: a change to any of them makes the summary stale."""

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

_CLEAR = "UPDATE dossier SET summary_key = NULL WHERE id = {target} AND summary_key IS NOT NULL;"


def trigger_statements() -> list[tuple[str, str]]:
    """(name, ``CREATE TRIGGER``) of every trigger that clears a stale summary."""
    out = [
        (
            "summary_stale_dossier",
            f"CREATE TRIGGER summary_stale_dossier AFTER UPDATE OF {', '.join(HEAD_COLUMNS)} "
            f"ON dossier BEGIN {_CLEAR.format(target='NEW.id')} END",
        )
    ]
    targets = {t: "{row}.dossier_id" for t in DIRECT_TABLES} | INDIRECT_TABLES
    for table, target in targets.items():
        rows = {"insert": ("NEW",), "update": ("OLD", "NEW"), "delete": ("OLD",)}
        for event, which in rows.items():
            name = f"summary_stale_{table}_{event}"
            body = " ".join(_CLEAR.format(target=target.format(row=row)) for row in which)
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
    with op.batch_alter_table("dossier") as batch:
        for name, kind in SUMMARY_COLUMNS:
            batch.add_column(sa.Column(name, kind(), nullable=True))
    create_triggers()


def downgrade() -> None:
    # The summaries are only a cache of what the dossiers hold: 0011 computes them every time.
    drop_triggers()
    with op.batch_alter_table("dossier") as batch:
        for name, _kind in reversed(SUMMARY_COLUMNS):
            batch.drop_column(name)
