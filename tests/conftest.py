"""Shared test set-up: Qt offscreen (CI has no display), paths to fixtures and shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SHARED_FINESS = SHARED / "data" / "finess"


SLOW_FOLDERS = ("reliability",)
SLOW_FILES = ("test_long_session.py",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow families (kills, locks, big files, the long typing session) ``slow``, so the
    inner loop can run ``pytest -m "not slow"``; CI runs everything."""
    for item in items:
        path = Path(str(item.fspath))
        if path.name in SLOW_FILES or any(part in SLOW_FOLDERS for part in path.parts):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def shared_finess() -> Path:
    """The full public FINESS files beside the project; tests using them skip without them."""
    if not SHARED_FINESS.is_dir():
        pytest.skip("../shared/data/finess absent : données FINESS complètes non disponibles")
    return SHARED_FINESS


@pytest.fixture
def example_csv() -> Path:
    return ROOT / "resources" / "examples" / "grappe-exemple.csv"
