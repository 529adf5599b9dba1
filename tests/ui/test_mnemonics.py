"""Alt+letter opens the menu bar's menus: no control of the dossier's pages may take the same
letter (Alt+F once focused « Ajouter depuis FINESS… » instead of opening Fichier). Within a
page, each letter leads to one place, and every label of a form names its field with a letter
that jumps to it (Porteur had 17 labels and no letter)."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtWidgets import QAbstractButton, QFormLayout, QLabel, QWidget

from esms_desktop.domain.completeness import Step
from tests.ui.driving import EXAMPLE_CSV, real_window

# Not « && » (an ampersand shown), not « &nbsp; » or « &#x27; » (entities in rich text).
_MNEMONIC = re.compile(r"&(?!&|[a-z]+;|#x?[0-9a-f]+;)(.)")


def mnemonic(text: str) -> str:
    found = _MNEMONIC.search(text)
    return found.group(1).casefold() if found else ""


def letters_of(widget: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every button and label under ``widget`` that has a mnemonic."""
    found = []
    for w in widget.findChildren(QAbstractButton) + widget.findChildren(QLabel):
        letter = mnemonic(w.text())
        if letter:
            found.append((letter, w.text()))
    return found


def form_labels(widget: QWidget) -> list[QLabel]:
    """The labels that name a field in the forms under ``widget``."""
    labels = []
    for form in widget.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel) and label.text().strip():
                labels.append(label)
    return labels


def test_each_menu_gives_each_letter_once(qtbot, tmp_path) -> None:
    """Within an open menu a letter runs one action (« &Importer » and « &Imprimer » both took
    I in Fichier; « &Rétablir » and « &Rechercher » both R in Édition)."""
    with real_window(qtbot, tmp_path) as (win, _workspace):
        clashes = {}
        for entry in win.menuBar().actions():
            menu = entry.menu()
            texts = [a.text() for a in menu.actions() if not a.isSeparator()]
            counts = Counter(mnemonic(t) for t in texts)
            twice = {letter for letter, n in counts.items() if letter and n > 1}
            if twice:
                clashes[entry.text()] = [t for t in texts if mnemonic(t) in twice]
            assert all(mnemonic(t) for t in texts), texts
        assert not clashes, clashes


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


def test_each_page_gives_each_letter_once_and_every_form_label_a_letter(qtbot, tmp_path) -> None:
    with real_window(qtbot, tmp_path) as (win, workspace):
        menus = [(mnemonic(a.text()), a.text()) for a in win.menuBar().actions()]
        win.open_dossier(workspace.create("Grappe", "generalisation-2025", EXAMPLE_CSV))
        view = win.dossier_view
        assert view is not None
        # Beside every page: the side bar's button and the banner's (the menu bar's too).
        around = [(mnemonic(b.text()), b.text()) for b in (view.switch_button, view.banner.button)]
        assert all(letter for letter, _text in around), around
        clashes, unnamed, no_letter = {}, [], []
        checked_labels = 0
        for step in view.order:
            page = view.views[step]
            on_screen = [*menus, *around, *letters_of(page)]
            counts = Counter(letter for letter, _text in on_screen if letter)
            twice = [text for letter, text in on_screen if counts[letter] > 1]
            if twice:
                clashes[step.value] = twice
            for label in form_labels(page):
                checked_labels += 1
                if label.buddy() is None:
                    unnamed.append((step.value, label.text()))
                if not mnemonic(label.text()):
                    no_letter.append((step.value, label.text()))
        assert checked_labels >= 20  # Porteur's and the DUI solution's forms at least
        assert not clashes, clashes
        assert not unnamed, unnamed
        assert not no_letter, no_letter


def test_a_label_letter_takes_the_focus_to_its_field(qtbot, tmp_path) -> None:
    """Alt+SIREN's letter on the Porteur page puts the cursor in the SIREN field."""
    from PySide6.QtCore import Qt

    with real_window(qtbot, tmp_path) as (win, workspace):
        win.open_dossier(workspace.create("Grappe", "generalisation-2025", EXAMPLE_CSV))
        view = win.dossier_view
        assert view is not None
        view.show_step(Step.PORTEUR)
        page = view.views[Step.PORTEUR]
        siren = page.fields["siren"]  # type: ignore[attr-defined]
        label = next(lb for lb in form_labels(page) if lb.buddy() is siren)
        letter = mnemonic(label.text())
        page.fields["name"].setFocus()  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: page.fields["name"].hasFocus())  # type: ignore[attr-defined]
        qtbot.keyClick(
            win, getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier
        )
        qtbot.waitUntil(siren.hasFocus)
