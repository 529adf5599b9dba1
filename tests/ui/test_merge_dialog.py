"""Merging a partner's file from the grappe step: report, conflicts, one undo step."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QMessageBox

from esms_desktop.domain.grappe import Establishment, ProjectType
from esms_desktop.services.exchange import ExchangeContent
from esms_desktop.ui.merge_dialog import MergeDialog
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.views.grappe_view import GrappeView


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
