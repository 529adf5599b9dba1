"""Alembic environment: migrate the connection that :mod:`esms_desktop.storage.migrate` passes.

Run only programmatically: the caller has already opened the transaction (``BEGIN IMMEDIATE``) and
switched foreign keys off, so a migration either fully applies or leaves the file as it was.
``render_as_batch`` lets Alembic rebuild tables on SQLite, which cannot alter most columns in place.
"""

from __future__ import annotations

from alembic import context

from esms_desktop.storage import (
    follow_up_models,  # noqa: F401 - its tables are in the metadata
    partner_models,  # noqa: F401 - its table is in the metadata
)
from esms_desktop.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "Les migrations d'esms-desktop se lancent depuis le programme "
        "(esms_desktop.storage.migrate), pas depuis la ligne de commande alembic."
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
)

with context.begin_transaction():
    context.run_migrations()
