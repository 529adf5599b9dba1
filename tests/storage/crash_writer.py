"""Child process for the crash test: writes dossiers forever, printing each committed id.

Run as ``python crash_writer.py DATA_DIR``; the parent kills it at a random moment.
"""

from __future__ import annotations

import sys
from pathlib import Path

from esms_desktop.domain.edits import add_establishment, with_grappe
from esms_desktop.services import dossiers
from esms_desktop.storage.store import open_store
from tests.storage.factories import CAMPAIGN, grappe


def main() -> None:
    store = open_store(Path(sys.argv[1]))
    print("pret", flush=True)
    n = 0
    while True:
        new_id = dossiers.create_dossier(store.uow(), f"Écrit {n}", CAMPAIGN, grappe(3, 5))
        created = dossiers.load_dossier(store.uow(read_only=True), new_id)
        row = grappe(1, 1).organisations[0].establishments[0]
        edited = with_grappe(created, add_establishment(created.grappe, 0, row))
        dossiers.save_dossier(store.uow(), edited, before=created)  # as the GUI saves an edit
        print(new_id, flush=True)  # printed only once both transactions are committed
        n += 1


if __name__ == "__main__":
    main()
