"""Les avenants à la candidature déposée.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07

Une fois déposée, la candidature est ce que l'ARS a jugé : un changement de ce qui a été
déposé (la grappe, les montants, les engagements) est un avenant convenu avec elle. Le
dossier en garde la liste (``amendment``), dans l'ordre : la date, ce qui a changé (une ligne
de texte par changement), les empreintes des parties déposées avant et après, la référence
ou le motif saisi. Les dossiers existants n'ont aucun avenant.

Ces lignes sont des lignes du dossier : les mêmes déclencheurs que ceux des migrations 0012
(résumé de la liste d'accueil) et 0013 (instantané du démarrage) les surveillent, écrits ici
tels quels (une migration ne dépend pas d'une autre).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

DIRECT_TABLES = ("amendment",)
"""The new table, naming its dossier (``dossier_id``)."""

_CLEAR_SUMMARY = (
    "UPDATE dossier SET summary_key = NULL WHERE id = {target} AND summary_key IS NOT NULL;"
)
_DROP_SNAPSHOT = "DELETE FROM dossier_snapshot WHERE dossier_id = {target};"


def trigger_statements() -> list[tuple[str, str]]:
    """(name, ``CREATE TRIGGER``) of every trigger marking the summary and snapshot stale."""
    out = []
    for prefix, action in (("summary_stale", _CLEAR_SUMMARY), ("snapshot_stale", _DROP_SNAPSHOT)):
        for table in DIRECT_TABLES:
            rows = {"insert": ("NEW",), "update": ("OLD", "NEW"), "delete": ("OLD",)}
            for event, which in rows.items():
                name = f"{prefix}_{table}_{event}"
                body = " ".join(action.format(target=f"{row}.dossier_id") for row in which)
                out.append(
                    (
                        name,
                        f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} BEGIN {body} END",
                    )
                )
    return out


def _text(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.String(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "amendment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        _text("changes"),
        _text("fingerprint_before"),
        _text("fingerprint_after"),
        _text("note"),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name="fk_amendment_dossier_id_dossier",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_amendment"),
    )
    op.create_index("ix_amendment_dossier_id", "amendment", ["dossier_id"])
    for _name, statement in trigger_statements():
        op.execute(statement)


def downgrade() -> None:
    # The amendments are lost in 0015, which has no place for them; the dossiers and their
    # follow-up are kept.
    for name, _statement in trigger_statements():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_amendment_dossier_id", table_name="amendment")
    op.drop_table("amendment")
