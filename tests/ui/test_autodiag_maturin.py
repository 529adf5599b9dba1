"""Typing one's MaturiN-SMS levels in the real window, by keyboard, instead of answering twice.

The choice at the top of the step switches to the 7 dimensions; each level chosen in its list is
one undo step, the summary says where each figure comes from, Ctrl+Z takes the last level back,
and the dossier counts the self-assessment as done once the 7 levels are typed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from esms_desktop.domain.autodiag_routing import scope_typed
from esms_desktop.domain.autodiagnostic import FigureSource
from esms_desktop.domain.completeness import Step
from esms_desktop.ui.views.autodiag_view import AutodiagView
from tests.ui.driving import EXAMPLE_CSV, real_window

DIMENSIONS = (
    "management",
    "fonctionnel",
    "infrastructure",
    "qualite_service",
    "securite",
    "ethique",
    "performance",
)


def _key(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def _choose(qtbot, box: QComboBox, level: int) -> None:
    """Pick « Niveau ``level`` » with the arrow keys, from « non renseigné » (index 0)."""
    assert QApplication.focusWidget() is box
    for _ in range(level - box.currentIndex()):
        _key(qtbot, Qt.Key.Key_Down)
    assert box.currentData() == level


def test_typing_levels_by_keyboard_fills_the_summary_and_undoes(qtbot, tmp_path) -> None:
    with real_window(qtbot, tmp_path) as (win, workspace):
        win.open_dossier(workspace.create("Grappe", "generalisation-2025", EXAMPLE_CSV))
        dossier_view = win.dossier_view
        assert dossier_view is not None
        dossier_view.show_step(Step.AUTODIAG)
        view = dossier_view.views[Step.AUTODIAG]
        assert isinstance(view, AutodiagView)
        assert "MaturiN-SMS" in view.own_statement.text()
        assert "45" in view.own_statement.text()
        win.activateWindow()  # keys go to the focused widget of the active window
        qtbot.waitUntil(win.isActiveWindow)

        # The choice: from « Répondre au questionnaire », the arrow key reaches the other way.
        view.answer_mode.setFocus(Qt.FocusReason.TabFocusReason)
        _key(qtbot, Qt.Key.Key_Right)
        assert view.typed_mode.isChecked()
        assert view.domains.currentRow() == view.typed_row
        assert view.domains.isRowHidden(0) and not view.domains.isRowHidden(view.typed_row)
        assert list(view.level_boxes) == list(DIMENSIONS)

        # Tab goes from one dimension to the next; each level is one undo step.
        first = view.level_boxes["management"]
        first.setFocus(Qt.FocusReason.TabFocusReason)
        steps = win.undo_stack.count()
        levels = (3, 2, 1, 4, 4, 5, 2)
        for dimension, level in zip(DIMENSIONS, levels, strict=True):
            box = view.level_boxes[dimension]
            _choose(qtbot, box, level)
            _key(qtbot, Qt.Key.Key_Tab)
        assert win.undo_stack.count() == steps + len(DIMENSIONS)
        assert QApplication.focusWidget() is view.date_set
        assert win.session is not None
        typed = scope_typed(win.session.dossier)
        assert dict(typed.levels) == dict(zip(DIMENSIONS, levels, strict=True))

        # The date: tick « connue » with the space bar, then it is the dossier's.
        _key(qtbot, Qt.Key.Key_Space)
        assert scope_typed(win.session.dossier).assessed_on == date.today()

        # The summary: the figures come from MaturiN-SMS, and say so.
        assert view.result is not None
        fonc = view.result.domain("fonc")
        assert (fonc.source, fonc.score, fonc.typed_level) == (FigureSource.MATURIN, 30, 2)
        assert view.result.domain("interop").score is None  # « Qualité de service » maps to none
        assert "MaturiN-SMS" in view.overall_label.text()
        assert view.result.score == 47  # (50 + 30 + 10 + 70 + 90 + 30) / 6, interop not assessed
        summary = view.typed_summary.text()
        assert "2. Adéquation fonctionnelle" in summary and "MaturiN-SMS" in summary
        assert "Qualité de service" in summary
        assert "MaturiN-SMS" in view.chart.accessibleDescription()
        assert "7 / 7" in view.domains.item(view.typed_row).text()
        # All 7 typed: the self-assessment is no longer missing from the dossier.
        assert not any(i.step is Step.AUTODIAG for i in dossier_view.missing)

        # Ctrl+Z: the date first, then the last level typed, shown again in its list.
        _key(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert scope_typed(win.session.dossier).assessed_on is None
        assert not view.date_set.isChecked()
        _key(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert "performance" not in scope_typed(win.session.dossier).levels
        assert view.level_boxes["performance"].currentData() is None
        assert view.result.domain("usages").score is None
        assert any(i.step is Step.AUTODIAG for i in dossier_view.missing)

        # Back to the questionnaire: the domains are shown again, the typed levels kept.
        view.answer_mode.click()
        assert not view.domains.isRowHidden(0) and view.domains.isRowHidden(view.typed_row)
        assert view.domains.currentRow() == 0
        assert len(scope_typed(win.session.dossier).levels) == 6


def test_a_dossier_with_typed_levels_only_opens_on_them(qtbot, tmp_path) -> None:
    with real_window(qtbot, tmp_path) as (win, workspace):
        dossier_id = workspace.create("Grappe", "generalisation-2025", EXAMPLE_CSV)
        win.open_dossier(dossier_id)
        assert win.dossier_view is not None
        win.dossier_view.show_step(Step.AUTODIAG)
        view = win.dossier_view.views[Step.AUTODIAG]
        assert isinstance(view, AutodiagView)
        view.typed_mode.click()
        view.type_level("securite", 2)
        win.home_action.trigger()
        win.open_dossier(dossier_id)
        assert win.dossier_view is not None
        win.dossier_view.show_step(Step.AUTODIAG)
        again = win.dossier_view.views[Step.AUTODIAG]
        assert isinstance(again, AutodiagView) and again is not view
        assert again.typed_mode.isChecked()
        assert again.level_boxes["securite"].currentData() == 2


def test_each_dimension_label_has_its_own_letter_that_reaches_its_list(qtbot, tmp_path) -> None:
    with real_window(qtbot, tmp_path) as (win, workspace):
        win.open_dossier(workspace.create("Grappe", "generalisation-2025", EXAMPLE_CSV))
        assert win.dossier_view is not None
        win.dossier_view.show_step(Step.AUTODIAG)
        view = win.dossier_view.views[Step.AUTODIAG]
        assert isinstance(view, AutodiagView)
        view.typed_mode.click()
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
        letters = {}
        for dimension_id, label in view.dimension_labels.items():
            text = label.text()
            letter = text[text.index("&") + 1].casefold()
            assert letter not in "feahcv"  # the menu bar's, the side bar's and the banner's
            letters[dimension_id] = letter
        assert len(set(letters.values())) == len(letters)
        key = Qt.Key(ord(letters["securite"].upper()))
        qtbot.keyClick(view.typed_mode, key, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is view.level_boxes["securite"]
