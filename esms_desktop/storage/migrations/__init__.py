"""Alembic migrations of the esms-desktop database, run programmatically at start-up.

There is no ``alembic.ini``: :mod:`esms_desktop.storage.migrate` builds the configuration and hands
``env.py`` an open connection, so migrations ship inside the package and run the same way from the
source tree, an installed wheel or a frozen build.
"""
