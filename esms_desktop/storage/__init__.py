"""Where dossiers are kept: SQLite through SQLAlchemy, with migrations, backups and a lock.

Open everything with one call::

    from esms_desktop.storage.store import open_store

    store = open_store(data_dir)  # None: portable folder or the user's local data folder
    dossier_id = services.dossiers.create_dossier(store.uow(), "Grappe Nord", "amorcage-2021-t1")
    ...
    store.close()

Failures are :mod:`esms_desktop.storage.errors` types with a French ``message``. This package
``__init__`` imports nothing, so ``storage.errors`` and ``storage.records`` stay importable
without SQLAlchemy.
"""
