"""The schema revisions this program ships, as plain data (no Alembic, no SQLAlchemy).

Read by :mod:`esms_desktop.storage.migrate` to judge a file, and by the start-up's quick read
(:mod:`esms_desktop.storage.quick_read`), which must know the head revision without importing
either library. A test checks that the table names the revisions of ``migrations/versions``.
"""

from __future__ import annotations

REVISION_SCHEMA_VERSION: dict[str, int] = {
    "0001": 1,
    "0002": 2,
    "0003": 3,
    "0004": 4,
    "0005": 5,
    "0006": 6,
    "0007": 7,
    "0008": 8,
    "0009": 9,
    "0010": 10,
    "0011": 11,
    "0012": 12,
    "0013": 13,
    "0014": 14,
    "0015": 15,
    "0016": 16,
}
"""``PRAGMA user_version`` written after each revision (a quick, SQL-free schema number)."""
HEAD_REVISION = "0016"
SCHEMA_VERSION = REVISION_SCHEMA_VERSION[HEAD_REVISION]
