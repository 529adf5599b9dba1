"""A register rebuilt behind a look-up is said in the status bar: the user learns that her
register file was lost and brought back, without a dialog breaking her typing."""

from __future__ import annotations

import shutil
from pathlib import Path

from esms_desktop.services import finess_lookup
from esms_desktop.storage import register_file
from esms_desktop.storage.store import open_store
from tests.ui.driving import real_window

WEB30 = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "finess_files"
    / ("finess-web-export-esat-30.csv")
)
KNOWN = "010001261"  # « ESAT LES BROSSES », in WEB30


def test_the_rebuilt_register_is_told_in_the_status_bar(qtbot, tmp_path: Path) -> None:
    source = tmp_path / "sources" / WEB30.name
    source.parent.mkdir()
    shutil.copy(WEB30, source)
    data_dir = tmp_path / "donnees"  # the folder real_window opens
    with open_store(data_dir) as store:
        finess_lookup.load_register(store.uow(), source)
    (data_dir / register_file.REGISTER_FILE_NAME).unlink()
    with real_window(qtbot, tmp_path) as (window, workspace):
        assert window.statusBar().currentMessage() == ""
        assert workspace.lookup(KNOWN) is not None  # as the Grappe step does on a FINESS typed
        message = window.statusBar().currentMessage()
        assert message.startswith("Répertoire FINESS reconstruit : 30 "), message
