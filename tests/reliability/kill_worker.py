"""Child process of the kill tests: writes, exports and backs up forever, reporting each step.

Run as ``python -m tests.reliability.kill_worker DATA_DIR EXPORT_DIR [--lent]`` from the project
folder. Each loop:

1. creates a dossier (2 OGs, 6 ESSMS), adds one ESSMS row, attaches an annex file — three
   commits, each printed (``commit cree|ligne|piece ID``) only once ``commit`` has returned;
2. exports the candidature PDF over ``EXPORT_DIR/dossier.pdf`` and the ``.esms`` file over
   ``EXPORT_DIR/dossier.esms`` — each announced (``debut pdf``) then reported with the SHA-256 of
   what was written (``pdf …``);
3. takes a backup (``debut sauvegarde`` … ``sauvegarde NAME``).

The parent kills it with SIGKILL at random moments (see :mod:`tests.reliability.killing`).

``--lent`` simulates a slow disk (a USB key): file writes go out in small flushed chunks with a
pause between them (the first one announced by ``ecriture``), and the backup copies a few pages
at a time. Nothing the program does is changed, but the moments where a half-written file exists
on disk last long enough for a kill to land in them — which is what the parent checks can never
be seen under the final name.
"""

from __future__ import annotations

import hashlib
import io
import random
import sys
import time
from pathlib import Path
from typing import Any

from esms_desktop.domain.edits import add_establishment, with_grappe
from esms_desktop.services import dossiers, exchange
from esms_desktop.services.export import export_candidature_pdf
from esms_desktop.storage import backups
from esms_desktop.storage.store import open_store
from tests.storage.factories import CAMPAIGN, establishment, grappe

CHUNK = 2048
PAUSE_S = 0.0005
BACKUP_PAGES = 2
BACKUP_PAUSE_S = 0.003
ATTACHMENT_BYTES = 12_000
ROWS_AT_CREATION = 6


def attachment_for(dossier_id: int) -> bytes:
    """The annex file attached to a dossier: incompressible, and known to the parent."""
    return random.Random(dossier_id).randbytes(ATTACHMENT_BYTES)


def added_row_name(dossier_id: int) -> str:
    return f"Ligne ajoutée au dossier {dossier_id}"


class _SlowFile:
    """A binary file whose writes reach the OS in small chunks, slowly (a slow disk)."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw
        self._started = False

    def write(self, data: Any) -> int:
        if not self._started:  # lets the parent aim its kill at the writing itself
            self._started = True
            _say("ecriture")
        view = memoryview(data).cast("B")
        for start in range(0, len(view), CHUNK):
            self._raw.write(view[start : start + CHUNK])
            self._raw.flush()
            time.sleep(PAUSE_S)
        return len(view)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)

    def __enter__(self) -> _SlowFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._raw.close()


class _SlowBackupSource:
    """A source connection whose backup copies a few pages at a time, pausing between steps."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def backup(self, target: Any, **_options: Any) -> None:
        self._conn.backup(
            target, pages=BACKUP_PAGES, progress=lambda *_args: time.sleep(BACKUP_PAUSE_S)
        )

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def install_slow_disk() -> None:
    real_open = io.open
    real_connect = backups.connect_raw

    def slow_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        opened = real_open(file, mode, *args, **kwargs)
        if "b" in mode and any(c in mode for c in "wax+"):
            return _SlowFile(opened)
        return opened

    def slow_connect(database: Path, *, read_only: bool = False) -> Any:
        return _SlowBackupSource(real_connect(database, read_only=read_only))

    io.open = slow_open  # pathlib's Path.open and os.fdopen both go through io.open
    backups.connect_raw = slow_connect  # type: ignore[assignment]


def _say(line: str) -> None:
    print(line, flush=True)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str]) -> None:
    data_dir, exports = Path(argv[0]), Path(argv[1])
    if "--lent" in argv:
        install_slow_disk()
    exports.mkdir(parents=True, exist_ok=True)
    store = open_store(data_dir)
    _say("pret")
    pdf, esms = exports / "dossier.pdf", exports / "dossier.esms"
    n = 0
    while True:
        _say("debut commit")
        new_id = dossiers.create_dossier(store.uow(), f"Tué {n}", CAMPAIGN, grappe(2, 3))
        _say(f"commit cree {new_id}")
        row = establishment(50_000 + new_id, name=added_row_name(new_id))
        created = dossiers.load_dossier(store.uow(read_only=True), new_id)
        edited = with_grappe(created, add_establishment(created.grappe, 0, row))
        dossiers.save_dossier(store.uow(), edited, before=created)  # as the GUI saves an edit
        _say(f"commit ligne {new_id}")
        dossiers.attach_annex_file(store.uow(), new_id, "rib", "rib.pdf", attachment_for(new_id))
        _say(f"commit piece {new_id}")

        dossier = dossiers.load_dossier(store.uow(read_only=True), new_id)
        _say("debut pdf")
        export_candidature_pdf(dossier, pdf)
        _say(f"pdf {_sha(pdf)}")
        _say("debut esms")
        exchange.export_dossier(store.uow(read_only=True), new_id, esms)
        _say(f"esms {_sha(esms)}")
        _say("debut sauvegarde")
        saved = store.backup("auto")
        _say(f"sauvegarde {saved.name if saved else '-'}")
        n += 1


if __name__ == "__main__":
    main(sys.argv[1:])
