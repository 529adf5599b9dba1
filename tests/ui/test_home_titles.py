"""The home list names each dossier's campaign as people read it (issue 17)."""

from __future__ import annotations

from tests.ui.driving import EXAMPLE_CSV, real_window


def test_the_home_list_shows_the_campaign_s_title_not_its_identifier(qtbot, tmp_path) -> None:
    from PySide6.QtCore import Qt

    from esms_desktop.services import catalog

    with real_window(qtbot, tmp_path) as (win, workspace):
        workspace.create("Grappe", "generalisation-2025", EXAMPLE_CSV)
        win.show_home()
        model = win.home.table.model()
        index = model.index(0, 1)
        assert index.data() == catalog.campaign("generalisation-2025").title
        assert index.data(Qt.ItemDataRole.ToolTipRole) == "generalisation-2025"
