"""Fixtures for storage tests: a data folder per test and an open store that is always closed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from esms_desktop.storage.store import Store, open_store


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "donnees"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = open_store(data_dir)
    try:
        yield opened
    finally:
        opened.close()
