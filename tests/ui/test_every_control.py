"""Every menu action and every button of every step, triggered in the real window.

A menu item once did nothing at all: ``QAction.triggered(bool)`` landed ``False`` in a ``path``
parameter and the slot died on stderr, while the tests, calling functions directly, passed. Here
each control is used as a person uses it; a slot that raises or a Qt warning fails the test, and a
control that does nothing visible at all (no dialog, no file, no change, no new step) is reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QMenu, QStackedWidget

from esms_desktop.ui.main_window import MainWindow
from tests.ui.driving import (
    EXAMPLE_CSV,
    FileAnswers,
    ModalCloser,
    buttons_of,
    real_window,
    stub_desktop,
)


def _menu_actions(window: MainWindow) -> list[QAction]:
    """Every action reachable from the menu bar, sub-menus included, separators left out."""
    found: list[QAction] = []

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif not action.isSeparator():
                found.append(action)

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu())
    return found


class Observer:
    """What a person could see change after using a control."""

    def __init__(
        self,
        window: MainWindow,
        answers: FileAnswers,
        closer: ModalCloser,
        opened: list[str],
        out_dir: Path,
    ) -> None:
        self.window, self.answers, self.closer = window, answers, closer
        self.opened, self.out_dir = opened, out_dir

    def snapshot(self) -> tuple[object, ...]:
        w = self.window
        view = w.dossier_view
        return (
            len(self.closer.seen),
            len(self.answers.asked),
            len(self.opened),
            sorted(p.name for p in self.out_dir.iterdir()),
            w.session.dossier if w.session else None,
            w.undo_stack.index(),
            w.pages.currentWidget(),
            view.current_step() if view is not None else None,
            w.windowTitle(),
            QApplication.focusWidget(),
            w.statusBar().currentMessage(),
            tuple(s.currentIndex() for s in w.findChildren(QStackedWidget)),
        )


@pytest.fixture
def desk(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "exports"
    out.mkdir()
    attach = tmp_path / "statuts.pdf"
    attach.write_bytes(b"%PDF-1.4\n% statuts\n")
    answers = FileAnswers(out_dir=out, any_file=attach)
    answers.install(monkeypatch)
    opened = stub_desktop(monkeypatch)
    closer = ModalCloser()
    closer.start()
    with real_window(qtbot, tmp_path) as (window, workspace):
        yield window, workspace, Observer(window, answers, closer, opened, out)
    closer.stop()


def _use(
    qtbot, observer: Observer, control: QAction | QAbstractButton, name: str, inert: list[str]
) -> None:
    before = observer.snapshot()
    if isinstance(control, QAction):
        control.trigger()
    else:
        qtbot.mouseClick(control, Qt.MouseButton.LeftButton)
    qtbot.wait(80)  # let a dialog show and be closed, a background job report
    if observer.snapshot() == before:
        inert.append(name)


def test_the_finess_register_menu_loads_the_register(qtbot, desk) -> None:
    window, workspace, observer = desk
    assert workspace.register_status() is None
    window.register_action.trigger()
    qtbot.waitUntil(lambda: workspace.register_status() is not None, timeout=20_000)
    finess = "010001261"  # first row of the export: ESAT LES BROSSES
    assert workspace.lookup(finess) is not None
    assert workspace.lookup(finess).name == "ESAT LES BROSSES"
    kind, _title, filt = observer.answers.asked[0]
    assert kind == "open" and "*.json" in filt


def test_every_menu_action_and_step_button_works(qtbot, desk) -> None:
    window, workspace, observer = desk
    inert: list[str] = []
    used: list[str] = []

    def use(control: QAction | QAbstractButton, name: str) -> None:
        _use(qtbot, observer, control, name, inert)
        used.append(name)

    # On the home page, with no dossier yet: "Open", "Home" and "Find" lead where we are.
    already_there = {window.open_action, window.home_action, window.find_action}
    for action in _menu_actions(window):
        if action is window.quit_action or not action.isEnabled():
            continue
        if action in already_there:
            action.trigger()
            assert window.pages.currentWidget() is window.home
        else:
            use(action, f"menu (accueil) : {action.text()}")
    for button in buttons_of(window.home):
        use(button, f"accueil : {button.text()}")

    # A dossier of the worked example: every step, every button (including those a click
    # reveals, like the self-assessment's pages), then every menu action again.
    dossier_id = workspace.create("Exemple", "amorcage-2021-t2", EXAMPLE_CSV)
    window.refresh_home(dossier_id)

    def reopen(step: object = None) -> None:
        if window.dossier_view is None or window.session is None:
            window.open_dossier(dossier_id)
        assert window.dossier_view is not None
        if step is not None and window.dossier_view.current_step() is not step:
            window.dossier_view.show_step(step)

    reopen()
    steps = list(window.dossier_view.order)
    for row, step in enumerate(steps):
        view = window.dossier_view
        rect = view.steps.visualItemRect(view.steps.item(row))
        qtbot.mouseClick(view.steps.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert view.current_step() is step
        clicked: set[str] = set()
        while True:
            reopen(step)
            page = window.dossier_view.views[step]
            todo = [b for b in buttons_of(page) if b.text() not in clicked]
            if not todo:
                break
            clicked.add(todo[0].text())
            use(todo[0], f"{step.value} : {todo[0].text()}")
    for action in _menu_actions(window):
        if action is window.quit_action:
            continue
        reopen()
        if action.isEnabled():
            use(action, f"menu (dossier) : {action.text()}")

    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=20_000)
    assert not inert, "Sans effet visible : " + " ; ".join(inert)
    named = " | ".join(used)
    for expected in ("Charger le répertoire FINESS", "Importer un fichier", "PDF", "Suivant"):
        assert expected in named, expected
    assert {p.suffix for p in observer.out_dir.iterdir()} >= {".esms", ".csv"}

    window.quit_action.trigger()
    assert not window.isVisible()
