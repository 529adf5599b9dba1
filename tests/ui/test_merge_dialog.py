"""Merging a partner's file from the grappe step: report, conflicts, one undo step."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from esms_desktop.domain.grappe import Establishment, Organisation, ProjectType
from esms_desktop.domain.merge import TooManyEstablishmentsError
from esms_desktop.services.exchange import (
    ExchangeContent,
    organisation_to_dict,
    write_exchange_file,
)
from esms_desktop.ui.merge_dialog import MergeDialog
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.views.grappe_view import GrappeView
from tests.domain.builders import establishments


def _partner_version(editor: Editor) -> ExchangeContent:
    apei = editor.session.dossier.grappe.organisations[1]
    first = replace(apei.establishments[0], capacity=999)  # conflict: both filled
    new = Establishment("620050857", "Foyer nouveau", "252", project=ProjectType.ACQUISITION)
    og = replace(apei, establishments=(first, *apei.establishments[1:], new))
    return ExchangeContent(
        kind="og",
        format_version=1,
        app_version="test",
        created=None,
        campaign_id="amorcage-2021-t2",
        organisation=og,
    )


def test_merge_keeps_ours_by_default_and_theirs_when_chosen(qtbot, editor: Editor) -> None:
    content = _partner_version(editor)
    dialog = MergeDialog(editor, content, "apei.esms")
    qtbot.addWidget(dialog)
    assert len(dialog.report.added) == 1 and len(dialog.report.conflicts) == 1
    dialog.accept()
    apei = editor.session.dossier.grappe.organisations[1]
    assert apei.establishments[0].capacity == 60  # ours kept
    assert apei.establishments[-1].finess == "620050857"
    editor.stack.undo()
    assert len(editor.session.dossier.grappe.organisations[1].establishments) == 6

    dialog = MergeDialog(editor, content, "apei.esms")
    qtbot.addWidget(dialog)
    (combo,) = dialog.choices.values()
    combo.setCurrentIndex(combo.findData("theirs"))
    dialog.accept()
    assert editor.session.dossier.grappe.organisations[1].establishments[0].capacity == 999


def test_tampered_file_gives_a_french_message(qtbot, editor: Editor, tmp_path, monkeypatch) -> None:
    view = GrappeView(editor)
    qtbot.addWidget(view)
    bad = tmp_path / "partenaire.esms"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    before = editor.session.dossier
    view.merge_partner_file(bad)
    assert shown and "partenaire.esms" in shown[0]
    assert editor.session.dossier == before


# --- a partner's part: refusals, fills, the keyboard, the bound -------------------------------


def _part(og: Organisation) -> ExchangeContent:
    return ExchangeContent(
        kind="og",
        format_version=1,
        app_version="test",
        created=None,
        campaign_id="amorcage-2021-t2",
        organisation=og,
    )


def test_the_dialog_lists_fills_and_refusals_and_applies_only_the_partners_own(
    qtbot, editor: Editor
) -> None:
    porteur, apei = editor.session.dossier.grappe.organisations[:2]
    own = replace(apei.establishments[0], town="Calais")  # our blank: filled
    foreign = replace(porteur.establishments[0], town="Lille")  # the porteur's blank: refused
    new = Establishment("620050857", "Foyer nouveau", "252", project=ProjectType.ACQUISITION)
    sent = replace(apei, establishments=(own, foreign, *apei.establishments[1:], new))
    dialog = MergeDialog(editor, _part(sent), "apei.esms")
    qtbot.addWidget(dialog)
    assert dialog.headline.text() == "1 ESSMS ajouté, 1 modifié (dont 0 conflit), 1 refusé."
    assert dialog.refused_list is not None and dialog.refused_list.count() == 1
    assert dialog.refused_list.item(0).text() == (
        "L'ESSMS 590050076 (EHPAD Les Hirondelles) appartient à l'OG « Association Les "
        "Hirondelles » : le fichier de « APEI du Littoral » ne peut pas le modifier."
    )
    fills = dialog.fills_table
    assert fills is not None and fills.rowCount() == 1
    assert fills.item(0, 0).text() == "IME Les Dunes (620050427)"
    assert fills.item(0, 1).text() == "commune : « Calais »"
    assert dialog.conflicts_table is None and not dialog.choices
    dialog.accept()
    after = editor.session.dossier.grappe.organisations
    assert after[0] == porteur  # the porteur's ESSMS as it was
    assert after[1].establishments[0].town == "Calais"
    assert after[1].establishments[-1].finess == "620050857"


def test_the_choices_are_reached_and_set_with_the_keyboard(qtbot, editor: Editor) -> None:
    dialog = MergeDialog(editor, _partner_version(editor), "apei.esms")
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # focus and keys need an active window
        dialog.show()
        dialog.activateWindow()
    assert dialog.conflicts_table is not None
    dialog.conflicts_table.setFocus()
    qtbot.keyClick(dialog.conflicts_table, Qt.Key.Key_Tab)
    (combo,) = dialog.choices.values()
    assert combo.hasFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == "theirs"
    qtbot.keyClick(combo, Qt.Key.Key_Return)  # the default button: OK
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert editor.session.dossier.grappe.organisations[1].establishments[0].capacity == 999


def test_a_file_adding_more_than_500_essms_is_refused_in_french(
    qtbot, editor: Editor, tmp_path, monkeypatch
) -> None:
    view = GrappeView(editor)
    qtbot.addWidget(view)
    many = Organisation("Nouvel OG", establishments=establishments(501, dept="62", start=900))
    path = write_exchange_file(
        tmp_path / "nouvel-og.esms",
        "og",
        {
            "organisation": organisation_to_dict(many),
            "campaign_id": "amorcage-2021-t2",
            "dossier_name": "Nouvel OG",
            "files": [],
        },
    )
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    opened: list[MergeDialog] = []  # a dialog shown would wait for a person: recorded instead
    monkeypatch.setattr(MergeDialog, "exec", lambda self: opened.append(self) or 0)
    before = editor.session.dossier
    view.merge_partner_file(path)
    assert opened == []
    assert shown == [TooManyEstablishmentsError(501, 500, "nouvel-og.esms").message]
    assert shown[0].startswith("Le fichier « nouvel-og.esms » ajouterait 501 ESSMS")
    assert editor.session.dossier == before
