"""A partner's part with its usage indicators, merged from the Grappe step of the real window.

In candidature phase the grappe and the indicators are merged together. Once filed, by default
only the indicators are (the summary says the grappe changes are left out and would need an
amendment); with « Fusionner aussi la grappe » the grappe is merged too, recorded as one
amendment without a second question. One undo step each time, and every save accepted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QWidget

from esms_desktop.domain.follow_up import IndicatorValue, Period, Phase
from esms_desktop.domain.grappe import Establishment, ProjectType
from esms_desktop.services.exchange import (
    indicators_to_list,
    organisation_to_dict,
    write_exchange_file,
)
from esms_desktop.ui.filed_guard import AmendmentDialog
from esms_desktop.ui.main_window import MainWindow
from esms_desktop.ui.merge_dialog import MergeDialog
from tests.ui.driving import ModalCloser, real_window, stub_desktop
from tests.ui.test_amendments_window import grappe, stored
from tests.ui.test_follow_up_view import click, open_follow_up, phase

NEW_FINESS = "620050857"
MEASURED = "620050427"  # an ESSMS of the APEI, the partner
INDICATOR = "Messages échangés par MSSanté"


@dataclass
class Answers:
    """Answers the merge dialog (OK, the check box ticked if told); records what was seen."""

    grappe_too: bool = False
    summaries: list[str] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)
    had_box: list[bool] = field(default_factory=list)
    asked_amendment: int = 0
    messages: list[str] = field(default_factory=list)

    def __call__(self, dialog: QWidget) -> bool:
        if isinstance(dialog, MergeDialog):
            self.had_box.append(dialog.grappe_box is not None)
            if self.grappe_too and dialog.grappe_box is not None:
                dialog.grappe_box.setChecked(True)
            self.summaries.append(dialog.summary.toPlainText())
            self.headlines.append(dialog.headline.text())
            box = dialog.findChild(QDialogButtonBox)
            assert box is not None
            box.button(QDialogButtonBox.StandardButton.Ok).click()
            return True
        if isinstance(dialog, AmendmentDialog):
            self.asked_amendment += 1
            dialog.reject()
            return True
        if isinstance(dialog, QMessageBox):
            self.messages.append(dialog.text())
            dialog.done(0)
            return True
        return False


@pytest.fixture
def desk(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple]:
    stub_desktop(monkeypatch)
    answers = Answers()
    closer = ModalCloser(answers)
    closer.start()
    with real_window(qtbot, tmp_path) as (window, workspace):
        follow_up = open_follow_up(window, workspace)
        yield window, workspace, answers, follow_up
    closer.stop()


def partner_file(window: MainWindow, path: Path) -> Path:
    """The APEI's part as it sends it back: one ESSMS more, and an indicator value."""
    assert window.session is not None
    dossier = window.session.dossier
    apei = dossier.grappe.organisations[1]
    new = Establishment(NEW_FINESS, "Foyer nouveau", "252", project=ProjectType.ACQUISITION)
    og = replace(apei, establishments=(*apei.establishments, new))
    value = IndicatorValue(MEASURED, INDICATOR, Period(2026, 3), Decimal(12))
    payload = {
        "organisation": organisation_to_dict(og),
        "campaign_id": dossier.campaign_id,
        "dossier_name": dossier.name,
        "files": [],
        "indicators": indicators_to_list([value]),
    }
    return write_exchange_file(path, "og", payload)


def merge(qtbot, window: MainWindow, path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    click(qtbot, grappe(window).merge_button)


def finesses(window: MainWindow) -> set[str]:
    assert window.session is not None
    return {e.finess for _og, e in window.session.dossier.grappe.rows()}


def measured(window: MainWindow) -> list[IndicatorValue]:
    assert window.session is not None
    return [v for v in window.session.dossier.follow_up.indicators if v.finess == MEASURED]


def test_in_candidature_the_grappe_and_the_indicators_are_merged(
    qtbot, desk, tmp_path, monkeypatch
) -> None:
    window, workspace, answers, _follow_up = desk
    path = partner_file(window, tmp_path / "apei.esms")
    depth = window.undo_stack.count()
    merge(qtbot, window, path, monkeypatch)
    assert answers.had_box == [False] and not answers.messages, answers.messages
    assert "Indicateurs d'usage : 1 valeur(s) fusionnée(s)" in answers.summaries[0]
    assert NEW_FINESS in finesses(window)
    assert [v.value for v in measured(window)] == [Decimal(12)]
    assert window.undo_stack.count() == depth + 1
    assert window.session is not None and not window.session.unsaved
    assert len(stored(window, workspace).follow_up.indicators) == 1
    window.undo_stack.undo()
    assert NEW_FINESS not in finesses(window) and measured(window) == []


def test_in_a_filed_dossier_only_the_indicators_by_default(
    qtbot, desk, tmp_path, monkeypatch
) -> None:
    window, workspace, answers, follow_up = desk
    click(qtbot, follow_up.file_button)
    assert phase(window) is Phase.DEPOSE
    path = partner_file(window, tmp_path / "apei.esms")
    depth = window.undo_stack.count()
    merge(qtbot, window, path, monkeypatch)
    assert answers.had_box == [True]
    summary = answers.summaries[0]
    assert "1 valeur(s) fusionnée(s)" in summary
    assert "1" in summary and ("avenant" in summary.lower() or "amendment" in summary.lower())
    assert "Usage indicators only" in answers.headlines[0] or "indicateurs" in (
        answers.headlines[0].lower()
    )
    assert answers.asked_amendment == 0 and not answers.messages, answers.messages
    assert NEW_FINESS not in finesses(window)  # the grappe is left out
    assert [v.value for v in measured(window)] == [Decimal(12)]
    assert window.session is not None and window.session.dossier.follow_up.amendments == ()
    assert window.undo_stack.count() == depth + 1
    assert not window.session.unsaved
    assert len(stored(window, workspace).follow_up.indicators) == 1
    window.undo_stack.undo()
    assert measured(window) == [] and not window.session.unsaved


def test_in_a_filed_dossier_the_check_box_merges_the_grappe_as_an_amendment(
    qtbot, desk, tmp_path, monkeypatch
) -> None:
    window, workspace, answers, follow_up = desk
    click(qtbot, follow_up.file_button)
    assert phase(window) is Phase.DEPOSE
    answers.grappe_too = True
    path = partner_file(window, tmp_path / "apei.esms")
    depth = window.undo_stack.count()
    merge(qtbot, window, path, monkeypatch)
    assert answers.asked_amendment == 0, "the check box was the question: not asked twice"
    assert not answers.messages, answers.messages
    assert NEW_FINESS in finesses(window)
    assert [v.value for v in measured(window)] == [Decimal(12)]
    assert window.session is not None
    (amendment,) = window.session.dossier.follow_up.amendments
    assert any(NEW_FINESS in line for line in amendment.changes), amendment.changes
    assert "apei.esms" in amendment.note
    assert window.undo_stack.count() == depth + 1
    assert not window.session.unsaved
    again = stored(window, workspace)
    assert NEW_FINESS in {e.finess for _og, e in again.grappe.rows()}
    assert len(again.follow_up.amendments) == 1
    window.undo_stack.undo()
    assert NEW_FINESS not in finesses(window) and measured(window) == []
    assert window.session.dossier.follow_up.amendments == () and not window.session.unsaved
