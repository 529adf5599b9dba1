"""Kill the writer (:mod:`tests.reliability.kill_worker`) and check what it leaves behind.

Shared by ``test_killed_mid_write.py`` (a few kills) and ``benchmarks/stress_kill.py`` (hundreds).

:func:`run_and_kill` starts the worker, waits for a moment of the chosen phase (``"hasard"``: any
moment; ``"commit"``, ``"pdf"``, ``"esms"``, ``"sauvegarde"``: shortly after the worker announced
it starts that step) and sends SIGKILL. :func:`check_after_kill` then verifies, without trusting
the program's own start-up repairs:

* the database passes ``PRAGMA integrity_check``;
* every commit the worker reported is in it, whole (6 ESSMS at creation, the added row, the
  attached file byte for byte), and no dossier is half-written;
* ``dossier.pdf`` starts with ``%PDF`` and ends with ``%%EOF``; ``dossier.esms`` reads with
  :func:`read_exchange_file` (checksum verified); each is one the worker reported, or the one it
  was writing when killed — never a half file;
* every backup passes ``integrity_check`` and holds dossiers; the last one reported exists and
  holds every dossier committed before it;
* any other file is a temporary file (``.name.….tmp``), never something under a final name.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from esms_desktop.services import dossiers
from esms_desktop.services.exchange import ExchangeFileError, read_exchange_file
from esms_desktop.storage.backups import check_backup, parse_backup_name
from esms_desktop.storage.db import inspect_file
from esms_desktop.storage.errors import StoreError
from esms_desktop.storage.store import open_store
from tests.reliability.kill_worker import ROWS_AT_CREATION, added_row_name, attachment_for
from tests.storage.helpers import sqlite_rows

ROOT = Path(__file__).resolve().parents[2]
PHASES = ("hasard", "commit", "pdf", "esms", "sauvegarde")
_AIM_S = {"commit": 0.06, "pdf": 0.03, "esms": 0.03, "sauvegarde": 0.05}
"""How long after the phase starts (after its first written bytes for exports) to kill, at most."""
_TEMP_NAME = re.compile(r"^\..+\.tmp$")
_TEMP_DB_SIDECARS = re.compile(r"^\..+\.tmp-(journal|wal|shm)$")
"""SQLite's files beside a backup being written (the copy is WAL until switched to DELETE)."""


class WorkerStartError(RuntimeError):
    pass


def run_and_kill(
    data_dir: Path,
    exports: Path,
    phase: str,
    rng: random.Random,
    *,
    slow: bool = True,
    startup_timeout_s: float = 60.0,
) -> list[str]:
    """Start the worker, SIGKILL it during ``phase``; returns the complete lines it printed."""
    if phase not in PHASES:
        raise ValueError(phase)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "tests.reliability.kill_worker", str(data_dir), str(exports)]
    if slow:
        command.append("--lent")
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT
    )
    assert child.stdout is not None and child.stderr is not None
    raw: list[bytes] = []
    ready, trigger = threading.Event(), threading.Event()
    skip = rng.randrange(3)  # not always the first occurrence of the phase
    wanted = f"debut {phase}".encode()
    # exports: aim at the moment the file is being written, not at the PDF layout before it
    aim_at_writing = slow and phase in ("pdf", "esms")
    armed = False

    def read() -> None:
        nonlocal skip, armed
        assert child.stdout is not None
        for line in child.stdout:
            raw.append(line)
            text = line.strip()
            if text == b"pret":
                ready.set()
            elif ready.is_set() and text == wanted:
                if skip == 0:
                    armed = True
                    if not aim_at_writing:
                        trigger.set()
                skip -= 1
            elif armed and text == b"ecriture":
                trigger.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not ready.wait(startup_timeout_s):
            raise WorkerStartError(child.stderr.read1().decode(errors="replace"))
        if phase == "hasard":
            time.sleep(rng.uniform(0.05, 1.5))
        else:
            if not trigger.wait(startup_timeout_s):
                raise WorkerStartError(f"la phase {phase!r} n'est jamais arrivée")
            time.sleep(rng.uniform(0.0, _AIM_S[phase]))
    finally:
        child.kill()  # SIGKILL on POSIX: no clean-up, no atexit, no flush
        child.wait()
        reader.join(10)
        errors = child.stderr.read()
        child.stdout.close()
        child.stderr.close()
    if b"Traceback" in errors:
        raise AssertionError(
            f"le processus d'écriture a échoué :\n{errors.decode(errors='replace')}"
        )
    # only complete lines count: a half-printed report was not a report
    return [
        text
        for line in raw
        if line.endswith(b"\n") and (text := line.decode().strip()) != "ecriture"
    ]


@dataclass(frozen=True, slots=True)
class Checked:
    commits: int
    """Reported commits found in the database, whole."""
    files: int
    """Exports and backups checked."""


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _last_index(lines: list[str], prefix: str) -> int:
    return max((i for i, line in enumerate(lines) if line.startswith(prefix)), default=-1)


def _check_export(path: Path, kind: str, lines: list[str], problems: list[str]) -> None:
    reported = {line.split()[1] for line in lines if line.startswith(f"{kind} ")}
    digest = _sha(path)
    if digest not in reported and _last_index(lines, f"debut {kind}") < _last_index(
        lines, f"{kind} "
    ):
        problems.append(f"{path.name} n'est aucun des fichiers écrits en entier ({digest[:12]})")
    data = path.read_bytes()
    if kind == "pdf":
        if not data.startswith(b"%PDF-") or not data.rstrip().endswith(b"%%EOF"):
            problems.append(f"{path.name} est un PDF incomplet ({len(data)} octets)")
        return
    try:
        content = read_exchange_file(path)
    except ExchangeFileError as exc:
        problems.append(f"{path.name} illisible : {exc.message}")
        return
    if content.dossier is None or not content.dossier.name.startswith("Tué "):
        problems.append(f"{path.name} ne contient pas un dossier écrit par le test")


def check_after_kill(
    data_dir: Path, exports: Path, lines: list[str], earlier: list[str] | None = None
) -> Checked:
    """Check everything described in the module docstring; AssertionError lists each problem.

    ``lines`` are what the last worker printed; ``earlier`` what the workers before it printed
    on the same data folder (their commits must still be there too).
    """
    problems: list[str] = []
    database = data_dir / "esms-desktop.sqlite3"
    state = inspect_file(database, full_check=True)
    if state.status != "ok":
        raise AssertionError(f"base abîmée après l'arrêt brutal : {state.status} {state.problem}")

    every = [*(earlier or []), *lines]
    created = [int(line.split()[2]) for line in every if line.startswith("commit cree ")]
    with_row = {int(line.split()[2]) for line in every if line.startswith("commit ligne ")}
    with_file = {int(line.split()[2]) for line in every if line.startswith("commit piece ")}
    with open_store(data_dir, backup_on_open=False) as store:
        summaries = {s.id: s for s in dossiers.list_dossiers(store.uow(read_only=True))}
        for dossier_id in created:
            if dossier_id not in summaries:
                problems.append(f"commit perdu : dossier {dossier_id}")
                continue
            dossier = dossiers.load_dossier(store.uow(read_only=True), dossier_id)
            rows = [e.name for _og, e in dossier.grappe.rows()]
            if dossier_id in with_row and added_row_name(dossier_id) not in rows:
                problems.append(f"commit perdu : ligne ajoutée au dossier {dossier_id}")
            if dossier_id in with_file:
                _info, data = dossiers.read_annex_file(store.uow(read_only=True), dossier_id, "rib")
                if data != attachment_for(dossier_id):
                    problems.append(f"pièce jointe du dossier {dossier_id} différente")
        for summary in summaries.values():
            if summary.establishment_count not in (ROWS_AT_CREATION, ROWS_AT_CREATION + 1):
                problems.append(
                    f"dossier {summary.id} à moitié écrit ({summary.establishment_count} ESSMS)"
                )
    files = 0

    for path in sorted(exports.iterdir()) if exports.exists() else []:
        if path.name in ("dossier.pdf", "dossier.esms"):
            _check_export(path, path.suffix[1:], lines, problems)
            files += 1
        elif not _TEMP_NAME.match(path.name):
            problems.append(f"fichier inattendu parmi les exports : {path.name}")

    backups = data_dir / "sauvegardes"
    for path in sorted(backups.iterdir()):
        if parse_backup_name(path) is None:
            if not (_TEMP_NAME.match(path.name) or _TEMP_DB_SIDECARS.match(path.name)):
                problems.append(f"fichier inattendu parmi les sauvegardes : {path.name}")
            continue
        files += 1
        try:
            check_backup(path)
        except StoreError as exc:
            problems.append(f"sauvegarde inutilisable {path.name} : {exc.message}")
            continue
        if not sqlite_rows(path, "SELECT count(*) FROM dossier")[0][0]:
            problems.append(f"sauvegarde sans dossier : {path.name}")
    last = _last_index(lines, "sauvegarde ")
    if last >= 0:
        name = lines[last].split()[1]
        path = backups / name
        if not path.exists():
            problems.append(f"dernière sauvegarde annoncée absente : {name}")
        else:
            inside = {int(r[0]) for r in sqlite_rows(path, "SELECT id FROM dossier")}
            before = {int(line.split()[2]) for line in lines[:last] if line.startswith("commit ")}
            if missing := sorted(before - inside):
                problems.append(f"la sauvegarde {name} n'a pas les dossiers {missing}")
    if problems:
        raise AssertionError("\n".join(problems))
    committed = sum(1 for line in every if line.startswith("commit "))
    return Checked(committed, files)
