"""The type checker is part of the suite: ``.ci/run`` fails on a type error like on a test.

Configuration in ``pyproject.toml`` (``[tool.mypy]``): strict for ``domain`` and ``services``,
the default elsewhere, unused ``# type: ignore`` comments reported.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_mypy_finds_no_error(tmp_path: Path) -> None:
    from mypy import api

    cwd = Path.cwd()
    os.chdir(ROOT)  # mypy reads pyproject.toml and the ``files`` list from the project root
    try:
        out, err, status = api.run(["--cache-dir", str(tmp_path / "mypy-cache")])
    finally:
        os.chdir(cwd)
    assert status == 0, out + err
    assert "Success" in out
