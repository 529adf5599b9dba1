"""The offline manual: F1 opens the page of the step shown, every link leads somewhere, the
template link saves a template the importer reads, and the generated parts follow the program
(template columns, campaign guidance, the window's shortcuts)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from esms_desktop.domain import campaign_guidance
from esms_desktop.domain.completeness import Step
from esms_desktop.importers.grappe_sheet import COLUMNS, REQUIRED, SHEET_FIELDS, import_grappe
from esms_desktop.services import catalog
from esms_desktop.ui.dossier_view import step_title
from esms_desktop.ui.help_browser import (
    HOME,
    PAGES,
    SHORTCUTS,
    TEMPLATE_ACTION,
    HelpWindow,
    help_dir,
    internal_links,
    plain_text,
    render,
    window_shortcuts,
)
from tests.ui.driving import EXAMPLE_CSV, real_window


def _activate(qtbot, widget) -> None:
    """Give the keyboard to ``widget``'s window, as a click into it would."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()


def _help(win) -> HelpWindow:
    assert isinstance(win.help_window, HelpWindow)
    return win.help_window


def test_f1_opens_the_page_of_each_step_in_one_help_window(qtbot, tmp_path) -> None:
    with real_window(qtbot, tmp_path) as (win, workspace):
        _activate(qtbot, win.home)
        qtbot.keyClick(win.home, Qt.Key.Key_F1)
        assert _help(win).isVisible()
        assert _help(win).page_name() == HOME
        assert _help(win).browser.documentTitle() == "Manuel d’esms-desktop"

        win.open_dossier(workspace.create("Grappe", "amorcage-2021-t2", EXAMPLE_CSV))
        view = win.dossier_view
        assert view is not None
        assert set(view.order) == set(Step)
        for step in view.order:
            view.show_step(step)
            _activate(qtbot, view.steps)
            qtbot.keyClick(view.steps, Qt.Key.Key_F1)
            help_window = _help(win)
            assert help_window.isVisible()
            title = help_window.browser.documentTitle().replace("’", "'")
            assert title == step_title(step), step  # the side bar's name of the step
            assert help_window.page_name() == step.value
            assert (
                help_window.contents.currentItem()
                .text()
                .endswith(help_window.browser.documentTitle())
            )
        assert len(win.findChildren(HelpWindow)) == 1  # raised again, never a second one


def test_history_keys_links_and_escape(qtbot, tmp_path) -> None:
    with real_window(qtbot, tmp_path) as (win, _workspace):
        win.help_action.trigger()
        help_window = _help(win)
        assert help_window.page_name() == HOME
        assert not help_window.back_action.isEnabled()
        help_window.browser.anchorClicked.emit(QUrl("grappe.html"))
        assert help_window.page_name() == "grappe"
        assert help_window.contents.currentRow() == PAGES.index("grappe")
        help_window.browser.anchorClicked.emit(QUrl("faq.html#taille"))
        assert help_window.page_name() == "faq"
        _activate(qtbot, help_window.browser)
        qtbot.keyClick(help_window.browser, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
        assert help_window.page_name() == "grappe"
        qtbot.keyClick(help_window.browser, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
        assert help_window.page_name() == HOME
        qtbot.keyClick(help_window.browser, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        assert help_window.page_name() == "grappe"
        # The contents list opens a page too, and follows the page shown.
        row = PAGES.index("sauvegardes")
        help_window.contents.itemClicked.emit(help_window.contents.item(row))
        assert help_window.page_name() == "sauvegardes"
        help_window.browser.backward()
        assert help_window.contents.currentRow() == PAGES.index("grappe")

        qtbot.keyClick(help_window.browser, Qt.Key.Key_Escape)
        assert not help_window.isVisible()
        win.help_action.trigger()
        assert win.help_window is help_window and help_window.isVisible()


def test_every_page_is_listed_and_every_link_leads_to_a_page_or_an_anchor() -> None:
    on_disk = {p.stem for p in help_dir().glob("*.html")}
    assert on_disk == set(PAGES)
    assert (help_dir() / "aide.css").is_file()
    pages = {name: render(name, {}) for name in PAGES}
    linked: set[str] = set()
    for name, page in pages.items():
        assert re.search(r"<title>[^<]+</title>", page), name
        # Qt reads a style sheet only when its link says its type.
        assert '<link rel="stylesheet" type="text/css" href="aide.css"/>' in page, name
        for href in internal_links(page):
            if href == "aide.css" or href == TEMPLATE_ACTION:
                continue
            assert not re.match(r"[a-z]+:", href), f"{name}: lien externe {href}"
            target, _, anchor = href.partition("#")
            target = Path(target).stem or name
            assert target in pages, f"{name}: {href}"
            linked.add(target)
            if anchor:
                assert f'name="{anchor}"' in pages[target], f"{name}: {href}"
    assert linked >= set(PAGES) - {HOME}  # no page is reachable from the contents list only
    assert TEMPLATE_ACTION in "".join(internal_links(pages["tableur"]))


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_template_link_saves_a_template_the_importer_reads(
    qtbot, tmp_path, monkeypatch, suffix
) -> None:
    target = tmp_path / f"modele{suffix}"
    asked: list[str] = []

    def save(_parent, title, _suggested, filt, *_a, **_k):
        asked.append(title)
        return str(target), filt

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    with real_window(qtbot, tmp_path) as (win, _workspace):
        win.help_action.trigger()
        help_window = _help(win)
        help_window.browser.anchorClicked.emit(QUrl("tableur.html"))
        help_window.browser.anchorClicked.emit(QUrl(TEMPLATE_ACTION))
        assert asked and help_window.page_name() == "tableur"
        assert help_window.saved_template == target
        assert str(target) in help_window.message.text()
    result = import_grappe(target)
    assert result.errors == ()
    assert result.grappe is not None
    assert len(list(result.grappe.rows())) == 2  # the two example rows


def test_pages_are_shown_with_the_manuals_style_sheet(qtbot) -> None:
    help_window = HelpWindow()
    qtbot.addWidget(help_window)
    help_window.open_page("faq")
    block = help_window.browser.document().begin()
    sources = []
    while block.isValid():
        if block.text().startswith("Source"):
            sources.append(block.blockFormat().leftMargin())
        block = block.next()
    assert sources and all(margin > 0 for margin in sources)  # p.source of aide.css


def test_the_spreadsheet_page_lists_every_template_column(qtbot) -> None:
    help_window = HelpWindow()
    qtbot.addWidget(help_window)
    text = help_window.page_text("tableur")
    lines = text.splitlines()
    for column in COLUMNS:
        assert column in lines, column
        row = lines.index(column)
        assert lines[row + 1] == ("oui" if column in REQUIRED else "non"), column
        assert SHEET_FIELDS[column].help in text, column


def test_the_ars_values_page_uses_the_campaign_editors_guidance(qtbot) -> None:
    help_window = HelpWindow()
    qtbot.addWidget(help_window)
    text = help_window.page_text("valeurs-ars")
    for key in (("size", "min_essms"), ("tranches",), ("values", "x", "amount")):
        sentence = campaign_guidance.guidance(key)
        assert sentence and sentence in text, key
    assert "à confirmer" in text and "cahier des charges" in text


def test_the_self_assessment_page_says_whose_questionnaire_it_is(qtbot) -> None:
    questionnaire = catalog.questionnaire()
    help_window = HelpWindow()
    qtbot.addWidget(help_window)
    text = " ".join(help_window.page_text("autodiagnostic").split())
    assert f"{questionnaire.question_count} questions" in text
    assert "64 questions" in text and "MaturiN-SMS" in text
    for domain in questionnaire.domains:
        assert domain.title in text, domain.title
    assert "Qualité de service" in text
    assert "Si vous avez déjà répondu à MaturiN-SMS" in text


def test_the_shortcuts_page_lists_the_shortcuts_of_the_window_as_they_are(qtbot, tmp_path) -> None:
    with real_window(qtbot, tmp_path) as (win, _workspace):
        win.shortcuts_action.trigger()
        help_window = _help(win)
        assert help_window.page_name() == SHORTCUTS
        text = help_window.browser.toPlainText()
        listed = window_shortcuts(win)
        menu_actions = [
            a
            for top in win.menuBar().actions()
            if isinstance(top.menu(), QMenu)
            for a in top.menu().actions()
            if not a.shortcut().isEmpty()
        ]
        assert win.help_action in menu_actions and win.undo_action in menu_actions
        for action in menu_actions:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            assert keys in text, (action.text(), keys)
            assert plain_text(action.text()) in text, action.text()
            assert any(row[1] == plain_text(action.text()) for row in listed)

        # The manual's own keys are listed apart, from its own actions.
        for action in (help_window.back_action, help_window.forward_action):
            assert any(row[1] == plain_text(action.text()) for row in help_window.own_shortcuts())
            assert not any(row[1] == plain_text(action.text()) for row in listed)
            keys = action.shortcuts()[0].toString(QKeySequence.SequenceFormat.NativeText)
            assert keys in text

        # Read when shown: a shortcut changed since is listed as it is now.
        win.find_action.setShortcut(QKeySequence("Ctrl+Alt+J"))
        win.shortcuts_action.trigger()
        assert "Ctrl+Alt+J" in help_window.browser.toPlainText()


def test_search_keeps_the_pages_that_hold_the_words_and_finds_them(qtbot, tmp_path) -> None:
    with real_window(qtbot, tmp_path) as (win, _workspace):
        win.help_action.trigger()
        help_window = _help(win)
        _activate(qtbot, help_window.search)
        qtbot.keyClicks(help_window.search, "usld")  # case and accents ignored
        shown = [
            help_window.contents.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(help_window.contents.count())
            if not help_window.contents.item(r).isHidden()
        ]
        assert "faq" in shown and "grappe" in shown
        assert HOME not in shown and "budget" not in shown
        qtbot.keyClick(help_window.search, Qt.Key.Key_Return)
        assert help_window.page_name() in shown
        assert help_window.browser.textCursor().selectedText().casefold() == "usld"

        help_window.search.clear()
        qtbot.keyClicks(help_window.search, "referencement segur")  # found with its accents
        qtbot.keyClick(help_window.search, Qt.Key.Key_Return)
        assert help_window.browser.textCursor().selectedText().casefold() == ("référencement ségur")

        help_window.search.clear()
        qtbot.keyClicks(help_window.search, "mot introuvable")
        assert all(
            help_window.contents.item(r).isHidden() for r in range(help_window.contents.count())
        )
        assert "introuvable" in help_window.message.text()


def test_a_page_missing_from_the_installation_says_so(qtbot, tmp_path, monkeypatch) -> None:
    import esms_desktop.ui.help_browser as help_browser

    monkeypatch.setattr(help_browser, "page_file", lambda name: tmp_path / f"{name}.html")
    help_window = HelpWindow()
    qtbot.addWidget(help_window)
    help_window.open_page("grappe")
    assert "réinstallez le programme" in help_window.browser.toPlainText()
    assert help_window.contents.count() == len(PAGES)
