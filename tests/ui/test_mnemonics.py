"""Alt+letter opens the menu bar's menus: no control of the dossier's pages may take the same
letter (Alt+F once focused « Ajouter depuis FINESS… » instead of opening Fichier)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QLabel

from esms_desktop.domain.completeness import Step
from tests.ui.driving import EXAMPLE_CSV, real_window

_MNEMONIC = re.compile(r"&(?!&)(.)")


def mnemonic(text: str) -> str:
    found = _MNEMONIC.search(text)
    return found.group(1).casefold() if found else ""


def test_no_step_control_takes_a_letter_of_the_menu_bar(qtbot, tmp_path) -> None:
    with real_window(qtbot, tmp_path) as (win, workspace):
        menus = {mnemonic(a.text()) for a in win.menuBar().actions()} - {""}
        assert menus >= {"f", "a"}  # Fichier, Aide (in French)
        win.open_dossier(workspace.create("Grappe", "generalisation-2025", EXAMPLE_CSV))
        view = win.dossier_view
        assert view is not None
        clashes = []
        for step in Step:
            if step in view.order:
                view.show_step(step)
        for widget in view.findChildren(QAbstractButton) + view.findChildren(QLabel):
            letter = mnemonic(widget.text())
            if letter in menus:
                clashes.append(widget.text())
        assert not clashes, clashes
