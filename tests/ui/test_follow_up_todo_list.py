"""Once filed, the side list and the status bar follow the project, in the real window.

The candidature's blanks can no longer be filled (its steps refuse an edit), so the list of
what is left to do becomes the project's: the ARS's decision, the thresholds to confirm, the
indicators, the milestones, the tranches. Activating an item with the keyboard opens the
follow-up step on its widget; doing the work removes the item.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from esms_desktop.domain.completeness import Step
from esms_desktop.domain.follow_up import Phase
from tests.ui.test_follow_up_view import click, desk, open_follow_up, phase

__all__ = ["desk"]  # the fixture, shared with the follow-up step's tests


def _todo(window) -> list[str]:  # type: ignore[no-untyped-def]
    todo = window.dossier_view.todo
    return [todo.item(i).text() for i in range(todo.count())]


def test_the_side_list_follows_the_project_once_filed(qtbot, desk) -> None:
    window, workspace, _files, _answers = desk
    view = open_follow_up(window, workspace)
    before = _todo(window)
    assert before and all("Décision" not in line for line in before)  # the candidature's blanks

    click(qtbot, view.file_button)
    assert phase(window) is Phase.DEPOSE
    after = _todo(window)
    assert len(after) == 1 and "Décision de l'ARS" in after[0]
    assert window.verdict_label.text().startswith(Phase.DEPOSE.label)
    assert "Phase" in window.dossier_view.summary.text()

    click(qtbot, view.retained_button)
    qtbot.waitUntil(lambda: phase(window) is Phase.RETENU)
    click(qtbot, view.deploy_button)
    assert phase(window) is Phase.DEPLOIEMENT
    assert window.session is not None
    indicator = window.session.dossier.usage_targets[0].indicator
    lines = _todo(window)
    threshold_line = next(
        i for i, line in enumerate(lines) if "seuil à confirmer" in line and indicator in line
    )
    assert any("Tranche" in line for line in lines)
    assert any("Jalons" in line for line in lines)
    assert str(len(lines)) in window.verdict_label.text()

    # The item activated by keyboard, from another step: the threshold button is focused.
    window.dossier_view.show_step(Step.GRAPPE)
    todo = window.dossier_view.todo
    todo.setFocus()
    todo.setCurrentRow(threshold_line)
    qtbot.keyClick(todo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier_view.current_step() is Step.SUIVI)
    assert view.indicator_combo.currentText() == indicator
    qtbot.waitUntil(lambda: window.focusWidget() is view.confirm_button)

    # The threshold typed from the convention: its line now asks for values only.
    qtbot.keyClick(view.confirm_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: indicator in window.session.dossier.follow_up.confirmed_thresholds)
    now = _todo(window)
    assert not any("seuil à confirmer" in line and indicator in line for line in now)
    assert f"{indicator} : aucune valeur saisie" in now  # what it still lacks
    assert len(now) == len(lines)


def test_cells_below_the_threshold_stand_out_and_each_og_has_its_share(qtbot, desk) -> None:
    from esms_desktop.services.follow_up import member_shares
    from tests.ui.test_follow_up_view import type_in_cell

    window, workspace, _files, _answers = desk
    view = open_follow_up(window, workspace)
    click(qtbot, view.file_button)
    click(qtbot, view.retained_button)
    qtbot.waitUntil(lambda: phase(window) is Phase.RETENU)
    assert window.session is not None
    indicator = window.session.dossier.usage_targets[0].indicator
    view.indicator_combo.setCurrentText(indicator)
    click(qtbot, view.add_period_button)
    type_in_cell(qtbot, view.grid_table, 0, 0, "40")
    type_in_cell(qtbot, view.grid_table, 1, 0, "90")
    model = view.grid_model

    def cell_holding(value: int):  # type: ignore[no-untyped-def]
        return next(
            model.index(i, 0)
            for i in range(model.rowCount())
            if model.value_at(i, 0) is not None and model.value_at(i, 0).value == value
        )

    low, high = cell_holding(40), cell_holding(90)
    click(qtbot, view.confirm_button)  # the convention's 60 %
    qtbot.waitUntil(lambda: indicator in window.session.dossier.follow_up.confirmed_thresholds)
    assert model.data(low, Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(low, Qt.ItemDataRole.ToolTipRole) == "Sous le seuil"
    assert model.data(high, Qt.ItemDataRole.ForegroundRole) is None

    # The shares table says, per OG, what the statement says.
    statements, reason = member_shares(window.session.dossier)
    shares = view.shares_model
    assert shares.rowCount() == len(window.session.dossier.grappe.organisations)
    assert [
        shares.item(r, 0).text().removesuffix(" (porteur)") for r in range(shares.rowCount())
    ] == [s.og for s in statements]
    blanks = [shares.item(r, 1).text() == "à compléter" for r in range(shares.rowCount())]
    assert blanks == [s.share is None for s in statements]
    assert view.shares_reason.isVisibleTo(view) is bool(reason)
