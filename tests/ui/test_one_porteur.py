"""One porteur, through the widgets: the Porteur page and the porteur OG are one organisation.

Type the porteur on its page and add the first establishment; import the worked example into a
dossier whose grappe holds a placeholder porteur or another porteur; create a dossier from the
spreadsheet; undo reverts both sides at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QWidget, QWizard

from esms_desktop.domain.dossier import Dossier, Porteur
from esms_desktop.domain.grappe import Establishment, Grappe, OgRole, Organisation, ProjectType
from esms_desktop.services.exchange import ExchangeContent
from esms_desktop.services.session import DossierSession
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.store import open_store
from esms_desktop.ui.import_wizard import ImportWizard
from esms_desktop.ui.merge_dialog import MergeDialog
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.views.grappe_view import GrappeView
from esms_desktop.ui.views.porteur_view import PorteurView

HIRONDELLES = ("Association Les Hirondelles", "314159260", "590088001")


def _editor(dossier: Dossier) -> Editor:
    return Editor(DossierSession(dossier, save=None), QUndoStack())


def _empty(**changes: object) -> Dossier:
    return replace(Dossier(name="Test", campaign_id="amorcage-2021-t2"), **changes)  # type: ignore[arg-type]


def _identity(p: Porteur | Organisation | None) -> tuple[str, str, str]:
    assert p is not None
    return (p.name, p.siren, p.finess_ej)


def _when_modal(qtbot, action: Callable[[QWidget], None]) -> None:
    """Run ``action(dialog)`` on the next modal dialog, as soon as it is shown."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, attempt)
            return
        action(dialog)

    QTimer.singleShot(0, attempt)


# --- the Porteur page first, then the grappe ------------------------------------------------------


def test_the_first_establishment_goes_into_the_porteur_typed_on_its_page(qtbot) -> None:
    editor = _editor(_empty())
    page = PorteurView(editor)
    grappe = GrappeView(editor)
    for w in (page, grappe):
        qtbot.addWidget(w)
    qtbot.keyClicks(page.fields["name"], "Les Tilleuls")
    qtbot.keyClicks(page.fields["siren"], "732 829 320")
    steps = editor.stack.count()

    qtbot.mouseClick(grappe.add_button, Qt.MouseButton.LeftButton)
    (og,) = editor.session.dossier.grappe.organisations
    assert (og.name, og.siren, og.role) == ("Les Tilleuls", "732829320", OgRole.PORTEUR)
    assert "Nouvel organisme" not in og.name and "New organisation" not in og.name
    assert len(og.establishments) == 1
    assert grappe.og_model.data(grappe.og_model.index(0, 0)) == "Les Tilleuls"
    assert editor.stack.count() == steps + 1  # the OG and its first ESSMS: one step

    # The grid and the page stay one organisation: rename it in the grid, the page follows.
    grappe.og_model.setData(grappe.og_model.index(0, 0), "Association Les Tilleuls")
    assert page.fields["name"].text() == "Association Les Tilleuls"
    editor.stack.undo()
    assert page.fields["name"].text() == "Les Tilleuls"
    editor.stack.undo()
    assert editor.session.dossier.grappe.organisations == ()
    assert editor.session.dossier.porteur.name == "Les Tilleuls"


def test_with_no_porteur_name_the_user_names_the_organisation_or_cancels(qtbot) -> None:
    editor = _editor(_empty())
    page = PorteurView(editor)
    grappe = GrappeView(editor)
    for w in (page, grappe):
        qtbot.addWidget(w)
    grappe.show()

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.reject()

    _when_modal(qtbot, cancel)
    qtbot.mouseClick(grappe.add_button, Qt.MouseButton.LeftButton)
    assert editor.session.dossier.grappe.organisations == ()
    assert editor.stack.count() == 0

    def name_it(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        line = dialog.findChild(QLineEdit)
        assert line is not None
        qtbot.keyClicks(line, "APEI du Littoral")
        dialog.accept()

    _when_modal(qtbot, name_it)
    qtbot.mouseClick(grappe.add_button, Qt.MouseButton.LeftButton)
    (og,) = editor.session.dossier.grappe.organisations
    assert (og.name, og.role, len(og.establishments)) == ("APEI du Littoral", OgRole.PORTEUR, 1)
    assert page.fields["name"].text() == "APEI du Littoral"  # the page follows the grid


def test_another_organisation_is_named_by_the_user_never_invented(qtbot, editor: Editor) -> None:
    grappe = GrappeView(editor)
    qtbot.addWidget(grappe)
    grappe.show()
    count = len(editor.session.dossier.grappe.organisations)

    def name_it(dialog: QWidget) -> None:
        line = dialog.findChild(QLineEdit)
        assert isinstance(dialog, QInputDialog) and line is not None
        qtbot.keyClicks(line, "Foyer Soleil")
        dialog.accept()

    assert not grappe.remove_og_button.isEnabled()  # nothing selected: nothing to remove
    _when_modal(qtbot, name_it)
    qtbot.mouseClick(grappe.add_og_button, Qt.MouseButton.LeftButton)
    organisations = editor.session.dossier.grappe.organisations
    assert len(organisations) == count + 1
    assert (organisations[-1].name, organisations[-1].role) == ("Foyer Soleil", OgRole.MEMBRE)
    assert grappe.remove_og_button.isEnabled()  # the new OG is selected
    qtbot.mouseClick(grappe.remove_og_button, Qt.MouseButton.LeftButton)
    assert len(editor.session.dossier.grappe.organisations) == count


def test_undo_reverts_the_page_and_the_porteur_og_together(qtbot, editor: Editor) -> None:
    page = PorteurView(editor)
    qtbot.addWidget(page)
    assert page.fields["name"].text() == ""  # an older dossier: the page was never linked
    qtbot.keyClicks(page.fields["name"], "Hirondelles")
    assert editor.session.dossier.grappe.porteur.name == "Hirondelles"
    assert editor.stack.count() == 1
    editor.stack.undo()
    assert page.fields["name"].text() == ""
    assert editor.session.dossier.grappe.porteur.name == HIRONDELLES[0]
    editor.stack.redo()
    assert editor.session.dossier.grappe.porteur.name == "Hirondelles"


def test_a_member_made_porteur_in_the_grid_fills_the_page(qtbot, editor: Editor) -> None:
    page = PorteurView(editor)
    grappe = GrappeView(editor)
    for w in (page, grappe):
        qtbot.addWidget(w)
    role = grappe.og_model.KEYS.index("role")
    assert grappe.og_model.setData(grappe.og_model.index(1, role), "porteur")
    assert (page.fields["name"].text(), page.fields["siren"].text()) == (
        "APEI du Littoral",
        "314170374",
    )
    assert page.fields["finess_ej"].text() == "620088013"


# --- the spreadsheet into a dossier that has a porteur already -----------------------------------


def _run_wizard(qtbot, editor: Editor, path: Path, before_finish=None) -> ImportWizard:
    wizard = ImportWizard(editor)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.waitUntil(finish.isEnabled, timeout=10_000)
    if before_finish is not None:
        before_finish(wizard)
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    return wizard


def test_the_sheets_porteur_takes_the_place_of_a_porteur_that_is_only_a_name(
    qtbot, example_csv: Path
) -> None:
    placeholder = Organisation("Nouvel organisme 1", OgRole.PORTEUR)
    editor = _editor(_empty(grappe=Grappe((placeholder,))))
    page = PorteurView(editor)
    qtbot.addWidget(page)

    def no_question(wizard: ImportWizard) -> None:
        assert not wizard.preview_page.porteur_box.isVisibleTo(wizard.preview_page)

    _run_wizard(qtbot, editor, example_csv, no_question)
    grappe = editor.session.dossier.grappe
    assert _identity(grappe.porteur) == HIRONDELLES
    assert [o.name for o in grappe.organisations if o.role is OgRole.MEMBRE] == [
        "APEI du Littoral",
        "Fondation Saint-Éloi",
    ]
    assert "Nouvel organisme 1" not in [o.name for o in grappe.organisations]
    shown = tuple(page.fields[k].text() for k in ("name", "siren", "finess_ej"))
    assert shown == HIRONDELLES
    editor.stack.undo()  # one step: the grappe and the page
    assert editor.session.dossier.grappe.organisations == (placeholder,)
    assert page.fields["name"].text() == ""  # the page as it was before the import


def test_the_same_porteur_typed_before_keeps_its_spelling_and_gets_the_numbers(
    qtbot, example_csv: Path
) -> None:
    editor = _editor(_empty())
    page = PorteurView(editor)
    grappe_view = GrappeView(editor)
    for w in (page, grappe_view):
        qtbot.addWidget(w)
    qtbot.keyClicks(page.fields["name"], "association les hirondelles")
    qtbot.mouseClick(grappe_view.add_button, Qt.MouseButton.LeftButton)
    _run_wizard(qtbot, editor, example_csv)
    grappe = editor.session.dossier.grappe
    assert grappe.porteur is not None and grappe.porteur.name == "association les hirondelles"
    assert (grappe.porteur.siren, grappe.porteur.finess_ej) == HIRONDELLES[1:]
    assert len(grappe.porteur.establishments) == 1 + 5
    assert (page.fields["siren"].text(), page.fields["finess_ej"].text()) == HIRONDELLES[1:]


def _dossier_with_other_porteur() -> Dossier:
    est = Establishment("590050290", "EHPAD du Moulin", "500", project=ProjectType.ACQUISITION)
    other = Organisation("Les Tilleuls", OgRole.PORTEUR, siren="732829320", establishments=(est,))
    return _empty(porteur=Porteur(name="Les Tilleuls", siren="732829320"), grappe=Grappe((other,)))


@pytest.mark.parametrize("keep_ours", [False, True])
def test_a_different_porteur_is_asked_about_and_never_silently_demoted(
    qtbot, example_csv: Path, keep_ours: bool
) -> None:
    editor = _editor(_dossier_with_other_porteur())
    page = PorteurView(editor)
    qtbot.addWidget(page)

    def choose(wizard: ImportWizard) -> None:
        preview = wizard.preview_page
        assert preview.porteur_box.isVisibleTo(preview)
        assert "Les Tilleuls" in preview.porteur_label.text()
        assert HIRONDELLES[0] in preview.porteur_label.text()
        assert preview.incoming_porteur_radio.isChecked()  # the default: the file's porteur
        if keep_ours:
            radio = preview.current_porteur_radio
            qtbot.waitUntil(lambda: radio.isVisible() and radio.width() > 0)
            # On the round indicator: a stretched radio button only reacts on its text.
            qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
            assert preview.current_porteur_radio.isChecked()

    _run_wizard(qtbot, editor, example_csv, choose)
    grappe = editor.session.dossier.grappe
    roles = {o.name: o.role for o in grappe.organisations}
    if keep_ours:
        assert roles["Les Tilleuls"] is OgRole.PORTEUR
        assert roles[HIRONDELLES[0]] is OgRole.MEMBRE
        assert page.fields["name"].text() == "Les Tilleuls"
    else:
        assert roles["Les Tilleuls"] is OgRole.MEMBRE
        assert roles[HIRONDELLES[0]] is OgRole.PORTEUR
        shown = tuple(page.fields[k].text() for k in ("name", "siren", "finess_ej"))
        assert shown == HIRONDELLES


def test_a_partners_part_file_naming_itself_porteur_cannot_take_the_role(
    qtbot, editor: Editor
) -> None:
    """A part file touches only its own OG: it never demotes the dossier's porteur, no question."""
    est = Establishment("590050290", "EHPAD du Moulin", "500", project=ProjectType.ACQUISITION)
    theirs = Organisation("Les Tilleuls", OgRole.PORTEUR, siren="732829320", establishments=(est,))
    content = ExchangeContent(
        kind="og",
        format_version=1,
        app_version="test",
        created=None,
        campaign_id="amorcage-2021-t2",
        organisation=theirs,
    )
    dialog = MergeDialog(editor, content, "tilleuls.esms")
    qtbot.addWidget(dialog)
    assert dialog.porteur_combo is None
    assert "Les Tilleuls" in dialog.summary.toPlainText()
    dialog.accept()
    roles = {o.name: o.role for o in editor.session.dossier.grappe.organisations}
    assert roles == {
        HIRONDELLES[0]: OgRole.PORTEUR,
        "APEI du Littoral": OgRole.MEMBRE,
        "Fondation Saint-Éloi": OgRole.MEMBRE,
        "Les Tilleuls": OgRole.MEMBRE,
    }


# --- a dossier created from the spreadsheet ------------------------------------------------------


def test_a_dossier_created_from_the_spreadsheet_shows_its_porteur(
    qtbot, tmp_path: Path, example_csv: Path
) -> None:
    workspace = Workspace(open_store(tmp_path / "donnees"))
    try:
        dossier_id = workspace.create("Exemple", "amorcage-2021-t2", example_csv)
        dossier = workspace.load(dossier_id)
    finally:
        workspace.close()
    editor = _editor(dossier)
    page = PorteurView(editor)
    qtbot.addWidget(page)
    assert tuple(page.fields[k].text() for k in ("name", "siren", "finess_ej")) == HIRONDELLES
    assert page.fields["legal_representative"].text() == ""  # what the sheet cannot say
