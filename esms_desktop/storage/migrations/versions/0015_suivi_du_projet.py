"""Le suivi du projet après la candidature : phase, convention, versements, jalons, usage.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

Un dossier ne s'arrête pas au dépôt : la convention signée, l'argent arrive par tranches, et la
dernière n'est versée qu'une fois les cibles d'usage atteintes et prouvées (programme.md §5 et
§8). Tables nouvelles, une ligne par dossier (``follow_up`` : phase, candidature déposée
figée ; ``follow_up_convention``) ou une table par partie répétée, dans l'ordre de
l'utilisateur (``tranche_payment``, ``member_transfer``, ``essms_milestone``,
``indicator_value``), et les indicateurs dont le seuil a été confirmé (``confirmed_threshold``).
Les dossiers existants n'ont aucune ligne : ils sont en candidature, rien n'est suivi.

Ces lignes sont des lignes du dossier : les mêmes déclencheurs que ceux des migrations 0012
(résumé de la liste d'accueil) et 0013 (instantané du démarrage) les surveillent, écrits ici
tels quels (une migration ne dépend pas d'une autre).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

DIRECT_TABLES = (
    "follow_up",
    "follow_up_convention",
    "tranche_payment",
    "member_transfer",
    "essms_milestone",
    "indicator_value",
    "confirmed_threshold",
)
"""The new tables, each naming its dossier (``dossier_id``)."""

POSITIONED = ("tranche_payment", "member_transfer", "essms_milestone", "indicator_value")
"""The repeated parts: an id, an index on ``dossier_id``, a ``position``."""

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


def _dossier_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["dossier_id"], ["dossier.id"], name=f"fk_{table}_dossier_id_dossier", ondelete="CASCADE"
    )


def _part(table: str, *columns: sa.Column[object]) -> None:
    """A repeated part: id, dossier, position, then its own columns."""
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *columns,
        _dossier_key(table),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
    )
    op.create_index(f"ix_{table}_dossier_id", table, ["dossier_id"])


def _text(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.String(), nullable=nullable)


def _day(name: str, nullable: bool = True) -> sa.Column[object]:
    return sa.Column(name, sa.Date(), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "follow_up",
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        _text("phase"),
        _day("filed_on"),
        _text("filed_snapshot"),
        _text("filed_pdf_fingerprint"),
        _text("filed_amount_asked", nullable=True),
        _dossier_key("follow_up"),
        sa.PrimaryKeyConstraint("dossier_id", name="pk_follow_up"),
    )
    op.create_table(
        "follow_up_convention",
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        _day("signed_on", nullable=False),
        _text("amount_granted"),
        _text("reference"),
        _text("note"),
        _dossier_key("follow_up_convention"),
        sa.PrimaryKeyConstraint("dossier_id", name="pk_follow_up_convention"),
    )
    _part(
        "tranche_payment",
        _text("label"),
        _text("expected"),
        _text("condition"),
        sa.Column("usage_targets", sa.Boolean(), nullable=False),
        _day("expected_on"),
        _text("received", nullable=True),
        _day("received_on"),
    )
    _part(
        "member_transfer",
        _text("finess_ej"),
        _text("og_name"),
        _text("amount"),
        _day("paid_on"),
        _text("note"),
    )
    _part(
        "essms_milestone",
        _text("finess"),
        _text("kind"),
        _day("planned_on"),
        _day("done_on"),
    )
    _part(
        "indicator_value",
        _text("finess"),
        _text("indicator"),
        sa.Column("period_year", sa.Integer(), nullable=False),
        sa.Column("period_index", sa.Integer(), nullable=False),
        _text("period_kind"),
        _text("value"),
        _text("denominator", nullable=True),
        _text("source"),
    )
    op.create_table(
        "confirmed_threshold",
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        _text("indicator"),
        _dossier_key("confirmed_threshold"),
        sa.PrimaryKeyConstraint("dossier_id", "indicator", name="pk_confirmed_threshold"),
    )
    for _name, statement in trigger_statements():
        op.execute(statement)


def downgrade() -> None:
    # What was recorded after the candidature is lost in 0014, which has no place for it; the
    # dossiers themselves are kept, as candidatures.
    for name, _statement in trigger_statements():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in reversed(DIRECT_TABLES):
        if table in POSITIONED:
            op.drop_index(f"ix_{table}_dossier_id", table_name=table)
        op.drop_table(table)
