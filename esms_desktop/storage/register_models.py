"""The tables of the FINESS register file (``repertoire-finess.sqlite3``), attached as ``finess``.

Their own metadata, apart from the dossier database's :class:`~esms_desktop.storage.models.Base`:
the register is not migrated by Alembic (it is rebuilt whole at each load, see
:mod:`esms_desktop.storage.register_file`, which creates these tables) and is not in the backups.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from esms_desktop.storage.models import NAMING_CONVENTION, Base
from esms_desktop.storage.register_file import SCHEMA


class RegisterBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION, schema=SCHEMA)
    type_annotation_map = Base.type_annotation_map


class RegisterEntryRow(RegisterBase):
    """One establishment of the FINESS register the user loaded, for offline look-ups.

    A copy of a public file, not the user's work: it is replaced as a whole on each load and never
    edited. ``nom_cle`` is the search key (name, long name and town, upper-case, without accents
    or punctuation, words separated by single spaces and framed by spaces) so that a search can
    match word starts with a plain ``LIKE '% MOT%'`` instead of normalising 100,000 rows per query.
    """

    __tablename__ = "repertoire_finess"

    finess: Mapped[str] = mapped_column(primary_key=True)
    finess_ej: Mapped[str] = mapped_column(index=True, default="")
    siret: Mapped[str] = mapped_column(default="")
    name: Mapped[str] = mapped_column(default="")
    long_name: Mapped[str] = mapped_column(default="")
    category: Mapped[str] = mapped_column(default="")
    category_label: Mapped[str] = mapped_column(default="")
    legal_status_code: Mapped[str] = mapped_column(default="")
    legal_status_label: Mapped[str] = mapped_column(default="")
    address: Mapped[str] = mapped_column(default="")
    postal_code: Mapped[str] = mapped_column(default="")
    town: Mapped[str] = mapped_column(default="")
    department: Mapped[str] = mapped_column(index=True, default="")
    capacity: Mapped[int | None]
    opened: Mapped[date | None]
    closed: Mapped[bool] = mapped_column(default=False)
    closed_on: Mapped[date | None]
    source: Mapped[str] = mapped_column(default="")
    phone: Mapped[str] = mapped_column(default="")
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    nom_cle: Mapped[str] = mapped_column(default="")  # no index: see register_file._index_sql


class RegisterLegalEntityRow(RegisterBase):
    """One legal entity (organisme gestionnaire) of the loaded register, by its FINESS EJ.

    Written once with the establishments (the same load, the same file); what a source does not
    give stays empty (the website export knows only the number and the legal status).
    """

    __tablename__ = "repertoire_finess_ej"

    finess_ej: Mapped[str] = mapped_column(primary_key=True)
    siren: Mapped[str] = mapped_column(default="")
    name: Mapped[str] = mapped_column(default="")
    long_name: Mapped[str] = mapped_column(default="")
    legal_status_code: Mapped[str] = mapped_column(default="")
    legal_status_label: Mapped[str] = mapped_column(default="")
    address: Mapped[str] = mapped_column(default="")
    postal_code: Mapped[str] = mapped_column(default="")
    town: Mapped[str] = mapped_column(default="")
    department: Mapped[str] = mapped_column(default="")
    phone: Mapped[str] = mapped_column(default="")
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    closed: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(default="")


class RegisterInfoRow(RegisterBase):
    """What the look-up table holds: which file, read when, in which format, how many rows.

    A single row (``id`` 1), rewritten with the table in the same transaction, so the two always
    describe the same load.
    """

    __tablename__ = "repertoire_finess_info"

    id: Mapped[int] = mapped_column(primary_key=True)
    file: Mapped[str]
    source: Mapped[str]
    loaded_at: Mapped[datetime]
    count: Mapped[int]
    rejected: Mapped[int] = mapped_column(default=0)


__all__ = ["RegisterBase", "RegisterEntryRow", "RegisterInfoRow", "RegisterLegalEntityRow"]
