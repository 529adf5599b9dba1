"""The offline FINESS register from the grappe step: auto-fill a typed number, search and add."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.grappe import Grappe, OgRole, Organisation
from esms_desktop.services.session import DossierSession
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.store import open_store
from esms_desktop.ui.finess_dialog import FinessDialog
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.views.grappe_view import GrappeView


@pytest.fixture
def workspace(tmp_path: Path, fixtures_dir: Path):
    ws = Workspace(open_store(tmp_path / "donnees"))
    ws.load_register(fixtures_dir / "finess_files" / "finess-web-export-esat-30.csv")
    yield ws
    ws.close()


@pytest.fixture
def empty_editor(qtbot) -> Editor:
    grappe = Grappe((Organisation("Association A", OgRole.PORTEUR),))
    session = DossierSession(Dossier(name="x", campaign_id="amorcage-2021-t2", grappe=grappe))
    return Editor(session, QUndoStack())


def test_typing_a_known_finess_fills_the_row(
    qtbot, workspace: Workspace, empty_editor: Editor
) -> None:
    view = GrappeView(empty_editor, workspace)
    qtbot.addWidget(view)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    model = view.essms_model
    assert model.setData(model.index(0, model.column_of("finess")), "010 001 261")
    est = empty_editor.session.dossier.grappe.organisations[0].establishments[0]
    assert (est.finess, est.name, est.category, est.capacity) == (
        "010001261",
        "ESAT LES BROSSES",
        "246",
        50,
    )
    assert est.town  # address filled from the register
    empty_editor.stack.undo()  # one step: the number and what it filled
    est = empty_editor.session.dossier.grappe.organisations[0].establishments[0]
    assert est.finess == "" and est.capacity is None


def test_typed_name_is_never_overwritten(qtbot, workspace: Workspace, empty_editor: Editor) -> None:
    view = GrappeView(empty_editor, workspace)
    qtbot.addWidget(view)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    model = view.essms_model
    model.setData(model.index(0, model.column_of("name")), "Mon ESAT")
    model.setData(model.index(0, model.column_of("finess")), "010001261")
    est = empty_editor.session.dossier.grappe.organisations[0].establishments[0]
    assert est.name == "Mon ESAT" and est.category == "246"


def test_search_and_add_from_the_dialog(
    qtbot, workspace: Workspace, empty_editor: Editor, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def get_text(_parent, _title, label, *a, **k):
        asked.append(label)
        return "ADAPEI de l'Ain", True

    # The register does not name the legal entity: the user does (never « OG 010785897 »).
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", get_text)
    dialog = FinessDialog(empty_editor, workspace)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search_edit, "brosses")
    dialog.run_search()
    assert dialog.table.rowCount() >= 1
    assert dialog.table.item(0, 0).text() == "010001261"
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    grappe = empty_editor.session.dossier.grappe
    assert [e.finess for _, e in grappe.rows()] == ["010001261"]
    if len(grappe.organisations) > 1:  # added per legal entity: named by the user
        assert grappe.organisations[1].name == "ADAPEI de l'Ain" and len(asked) == 1
    assert not any(og.name.startswith("OG 0") for og in grappe.organisations)
    assert "1" in dialog.message.text()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)  # again: nothing to add
    assert empty_editor.session.dossier.grappe.establishment_count == 1
    empty_editor.stack.undo()
    assert empty_editor.session.dossier.grappe.establishment_count == 0


def test_the_first_legal_entity_is_offered_the_porteur_name_never_given_it(
    qtbot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first entity picked is often the porteur, not always: the user confirms or renames."""
    dossier = Dossier(name="x", campaign_id="amorcage-2021-t2")
    dossier = replace(dossier, porteur=replace(dossier.porteur, name="Les Papillons Blancs"))
    editor = Editor(DossierSession(dossier), QUndoStack())
    asked: list[tuple[str, str]] = []

    def get_text(_parent, _title, label, *a, **k):
        asked.append((label, k.get("text", "")))
        return "ADAPEI de l'Ain", True  # it was another association

    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", get_text)
    dialog = FinessDialog(editor, workspace)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search_edit, "brosses")
    dialog.run_search()
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    [(label, offered)] = asked
    assert offered == "Les Papillons Blancs" and "Les Papillons Blancs" in label
    [og] = editor.session.dossier.grappe.organisations
    assert og.name == "ADAPEI de l'Ain"
