"""Le répertoire FINESS quitte la base des dossiers pour son propre fichier.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

Le répertoire (jusqu'à 35 Mio pour l'extraction nationale) est une copie d'un fichier public, pas
le travail de l'utilisateur : dans la base des dossiers, chaque sauvegarde le recopiait. Il vit
désormais dans ``repertoire-finess.sqlite3``, à côté de la base (voir
:mod:`esms_desktop.storage.register_file`). Les lignes d'une base existante y sont déplacées, sauf
si ce fichier contient déjà un répertoire chargé (une ancienne sauvegarde restaurée ne remplace
pas le répertoire en place) ; puis les deux tables sont supprimées de la base, que
:func:`esms_desktop.storage.migrate.upgrade` compacte ensuite (``VACUUM``, hors transaction).

Le retour arrière recrée les tables vides : le répertoire reste dans son fichier.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from esms_desktop.storage import register_file

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_TEXT_COLUMNS = (
    "finess_ej", "siret", "name", "long_name", "category", "category_label",
    "legal_status_code", "legal_status_label", "address", "postal_code", "town", "department",
)


def _main_file(conn: sqlite3.Connection) -> Path | None:
    for _, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None  # pragma: no cover - SQLite always lists "main"


def _already_loaded(path: Path) -> bool:
    if register_file.problem(path) is not None:
        return False
    with closing(sqlite3.connect(path)) as conn:
        row = conn.execute(f"SELECT count(*) FROM {register_file.INFO_TABLE}").fetchone()
    return bool(row[0])


def _move_rows(conn: sqlite3.Connection) -> None:
    """Copy a loaded register into its own file, unless one is already there."""
    database = _main_file(conn)
    info = conn.execute(
        "SELECT file, source, loaded_at, rejected FROM repertoire_finess_info WHERE id = 1"
    ).fetchone()
    if database is None or info is None:
        return  # nothing was ever loaded (or a database in memory: tests)
    if _already_loaded(register_file.register_path(database)):
        return
    file, source, loaded_at, rejected = info
    built, _ = register_file.build(
        register_file.register_path(database),
        register_file.rows_of(conn),
        register_file.Info(file, source, datetime.fromisoformat(loaded_at), rejected),
    )
    register_file.install(built, database)


def upgrade() -> None:
    raw = op.get_bind().connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    _move_rows(raw)
    op.drop_table("repertoire_finess_info")
    with op.batch_alter_table("repertoire_finess") as batch:
        batch.drop_index("ix_repertoire_finess_nom_cle")
        batch.drop_index("ix_repertoire_finess_finess_ej")
    op.drop_table("repertoire_finess")


def downgrade() -> None:
    op.create_table(
        "repertoire_finess",
        sa.Column("finess", sa.String(), nullable=False),
        *[sa.Column(name, sa.String(), nullable=False) for name in _TEXT_COLUMNS],
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("opened", sa.Date(), nullable=True),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("nom_cle", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("finess", name="pk_repertoire_finess"),
    )
    with op.batch_alter_table("repertoire_finess") as batch:
        batch.create_index("ix_repertoire_finess_finess_ej", ["finess_ej"])
        batch.create_index("ix_repertoire_finess_nom_cle", ["nom_cle"])
    op.create_table(
        "repertoire_finess_info",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("loaded_at", sa.String(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_repertoire_finess_info"),
    )
