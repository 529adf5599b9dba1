"""One file per schema revision (``0001``, ``0002``…); Alembic skips this ``__init__``."""
