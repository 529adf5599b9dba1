"""Fixtures for interface tests: a dossier session over the worked example, an undo stack."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from esms_desktop.domain.dossier import Dossier
from esms_desktop.importers.grappe_sheet import import_grappe
from esms_desktop.services.session import DossierSession
from esms_desktop.ui.undo import Editor


@pytest.fixture
def example_dossier(example_csv: Path) -> Dossier:
    grappe = import_grappe(example_csv).grappe
    assert grappe is not None
    return Dossier(name="Exemple", campaign_id="amorcage-2021-t2", grappe=grappe, id=1)


@pytest.fixture
def editor(qtbot, example_dossier: Dossier) -> Editor:
    saved: list[Dossier] = []
    session = DossierSession(example_dossier, saved.append)
    stack = QUndoStack()
    ed = Editor(session, stack)
    ed.saved = saved  # type: ignore[attr-defined]
    return ed
