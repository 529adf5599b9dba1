"""Figure 5 — the store: a database of 20 dossiers of 1,000 ESSMS, opened, read and edited.

The database is built once in a temporary folder on the same disk as the user's data would be
(``synchronous=FULL``: a commit is on disk when it returns). Then:

* **open**: :func:`open_store` as the program calls it (lock, checks, start-up backup);
* **load**: :func:`services.dossiers.load_dossier` of one 1,000-ESSMS dossier in a freshly
  opened store (loading it again is in the JSON: the same work, the store remembers nothing);
* **home list**: :meth:`Workspace.list_dossiers`, what the home screen shows (every dossier with
  its budget), read from the summaries kept with the dossiers (migration 0012), beside the same
  list assessing every dossier (the summaries cleared: what each start did before);
* **save one edit**: one ESSMS capacity changed, saved as the GUI's session saves after every
  edit: :func:`services.dossiers.save_dossier` handed the value last saved (``before``), which
  checks that the store still holds it, writes the changed row and one change-log line, commits.
  Goal: under 10 ms. The yardstick is the least a saved edit can cost: a transaction writing one
  row (a change-log line) and committing, fsync included. In the JSON too: the empty transaction
  (begin, commit, nothing written: no fsync) and the same save without ``before`` (the stored
  dossier read and compared, as a caller that keeps no value pays);
* the same save on a 200-ESSMS dossier, the size of the first report (33 ms then).
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.common import Figure, Settings, interleaved, median, thousands, timings
from benchmarks.fixtures import NATIONAL, grappe_of
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.edits import set_establishment, with_grappe
from esms_desktop.paths import data_paths
from esms_desktop.services import dossiers
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.store import Store, open_store

DOSSIERS = 20
SAVE_GOAL_MS = 10.0


class _Editing:
    """Saves one capacity change after another on a stored dossier, as the GUI does."""

    def __init__(self, store: Store, dossier_id: int) -> None:
        self.store = store
        self.current = dossiers.load_dossier(store.uow(read_only=True), dossier_id)
        self.turn = 0
        og = len(self.current.grappe.organisations) // 2
        self.where = (og, len(self.current.grappe.organisations[og].establishments) // 2)

    def next_dossier(self) -> Dossier:
        self.turn += 1
        grappe = set_establishment(self.current.grappe, *self.where, capacity=100 + self.turn % 50)
        return with_grappe(self.current, grappe)

    def save(self) -> None:
        """What the session does: hand the last saved value, keep what is now stored."""
        self.current = dossiers.save_dossier(
            self.store.uow(), self.next_dossier(), before=self.current
        )

    def save_reading(self) -> None:
        """The same edit saved without ``before``: the stored dossier is read to compare with."""
        self.current = dossiers.save_dossier(self.store.uow(), self.next_dossier())

    def one_row(self) -> None:
        """The least a saved edit costs: one row written (a change-log line) and the commit."""
        assert self.current.id is not None
        with self.store.uow() as uow:
            uow.dossiers.log(self.current.id, "mesure", "Ligne de mesure.", datetime.now(UTC))
            uow.commit()

    def empty(self) -> None:
        with self.store.uow() as uow:
            uow.commit()


def _ms(samples: list[float]) -> list[float]:
    return [s * 1000 for s in samples]


def _save_figures(store: Store, dossier_id: int, count: int, settings: Settings) -> list[Figure]:
    editing = _Editing(store, dossier_id)
    runs = settings.runs(41, 11)
    samples = interleaved(
        {
            "save": editing.save,
            "save_reading": editing.save_reading,
            "one_row": editing.one_row,
            "empty": editing.empty,
        },
        runs,
        warmup=3,
    )
    # What was saved is what is stored, and the change log has one line per save.
    stored = dossiers.load_dossier(store.uow(read_only=True), dossier_id)
    assert stored.grappe == editing.current.grappe
    history = dossiers.history(store.uow(read_only=True), dossier_id)
    saves = [h for h in history if h.action == "enregistrement"]
    assert len(saves) == 2 * (runs + 3), len(saves)  # two saves per turn, warm-up included
    save, touch = _ms(samples["save"]), _ms(samples["one_row"])
    figure = Figure(
        key=f"store.save_one_edit_{count}",
        label=f"Enregistrer une saisie, dossier de {thousands(count)} ESSMS",
        value=median(save),
        unit="ms",
        goal=f"< {SAVE_GOAL_MS:.0f} ms",
        yardstick=median(touch),
        yardstick_label="transaction d'une ligne (fsync)",
        samples=save,
        yardstick_samples=touch,
        details={
            "empty_transaction_ms": median(_ms(samples["empty"])),
            "save_without_before_ms": median(_ms(samples["save_reading"])),
            "save_without_before_samples": _ms(samples["save_reading"]),
            "save_minus_one_row_transaction_ms": median(save) - median(touch),
            "change_log_line": saves[0].summary,
        },
    )
    figure.ok = figure.value < SAVE_GOAL_MS
    return [figure]


def _forget_summaries(store: Store) -> None:
    """Every dossier's stored summary cleared, as in a database older than migration 0012."""
    with closing(sqlite3.connect(store.paths.database)) as db:
        db.execute("UPDATE dossier SET summary_key = NULL")
        db.commit()


def _home_list_figure(store: Store, settings: Settings) -> Figure:
    """The home list read from the stored summaries, beside the same list computing every
    dossier's budget and verdicts (the summaries cleared first: what every start did before
    issue 18, and what the first start after migration 0012 does once)."""
    workspace = Workspace(store)
    runs = settings.runs(7, 3)
    computed = _ms(timings(workspace.list_dossiers, runs, setup=lambda: _forget_summaries(store)))
    stored = _ms(timings(workspace.list_dossiers, runs))
    assert workspace.list_dossiers()[0].total is not None
    return Figure(
        key="store.home_list_20x1000",
        label="Liste d'accueil (20 dossiers + budgets), résumés gardés",
        value=median(stored),
        unit="ms",
        goal="(information)",
        yardstick=median(computed),
        yardstick_label="chaque dossier évalué (avant)",
        samples=stored,
        yardstick_samples=computed,
    )


def run(settings: Settings) -> list[Figure]:
    count, ogs, campaign_id = NATIONAL
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="esms-bench-store-") as folder:
        data = Path(folder) / "donnees"
        grappe = grappe_of(count, ogs)
        start = time.perf_counter()
        with open_store(data, backup_on_open=False) as store:
            ids = [
                dossiers.create_dossier(store.uow(), f"Dossier {n + 1}", campaign_id, grappe)
                for n in range(DOSSIERS)
            ]
        build_s = time.perf_counter() - start
        size_mib = data_paths(data).database.stat().st_size / (1024 * 1024)

        opens = _ms(timings(lambda: open_store(data).close(), settings.runs(7, 3)))
        figures.append(
            Figure(
                key="store.open_20x1000",
                label="Ouvrir la base (20 × 1 000 ESSMS, sauvegarde incluse)",
                value=median(opens),
                unit="ms",
                goal="(information)",
                samples=opens,
                details={"build_s": build_s, "database_mib": size_mib, "dossiers": DOSSIERS},
            )
        )
        target = ids[DOSSIERS // 2]
        cold: list[float] = []
        for _ in range(settings.runs(9, 3)):  # a freshly opened store knows no dossier yet
            with open_store(data, backup_on_open=False) as store:
                start = time.perf_counter()
                dossiers.load_dossier(store.uow(read_only=True), target)
                cold.append((time.perf_counter() - start) * 1000)
        with open_store(data, backup_on_open=False) as store:
            again = _ms(
                timings(
                    lambda: dossiers.load_dossier(store.uow(read_only=True), target),
                    settings.runs(21, 7),
                )
            )
            figures.append(
                Figure(
                    key="store.load_1000",
                    label="Charger un dossier de 1 000 ESSMS (1re fois)",
                    value=median(cold),
                    unit="ms",
                    goal="(information)",
                    samples=cold,
                    details={"loaded_again_ms": median(again), "loaded_again_samples": again},
                )
            )
            figures.append(_home_list_figure(store, settings))
            figures += _save_figures(store, target, count, settings)

        small = Path(folder) / "petite"
        with open_store(small, backup_on_open=False) as store:
            small_id = dossiers.create_dossier(store.uow(), "200", campaign_id, grappe_of(200, 4))
            figures += _save_figures(store, small_id, 200, settings)
    return figures
