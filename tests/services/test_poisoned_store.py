"""A stored dossier that fails validation is read as found, listed « à réparer », opened
read-only with its problems, and never stops the program (issue 14, items 2 and 3).

The store is poisoned the way an import of an older version did it: values written straight into
the database with SQL, beyond what any door of the program lets in. The helpers here are shared
with the interface and command-line tests of the same issue.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import pytest

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.validation import Problem
from esms_desktop.importers.grappe_sheet import import_grappe
from esms_desktop.services import dossiers
from esms_desktop.services.dossiers import DossierToRepairError, LoadedDossier
from esms_desktop.services.session import DossierSession
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.store import open_store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_CSV = ROOT / "resources" / "examples" / "grappe-exemple.csv"
CAMPAIGN = "amorcage-2021-t1"
_FIRST_ESSMS = "WHERE id = (SELECT min(id) FROM establishment)"


@dataclass(frozen=True)
class Poison:
    """SQL run on the database (``{id}``: the dossier), and the problem it must give."""

    sql: str
    field: str
    value: str


POISONS: dict[str, Poison] = {
    "heures NaN": Poison(
        f"UPDATE establishment SET eligible_hours_pct = 'NaN' {_FIRST_ESSMS}",
        "Heures éligibles (%)",
        "NaN",
    ),
    "heures Infinity": Poison(
        f"UPDATE establishment SET eligible_hours_pct = 'Infinity' {_FIRST_ESSMS}",
        "Heures éligibles (%)",
        "Infinity",
    ),
    "heures illisibles": Poison(
        f"UPDATE establishment SET eligible_hours_pct = 'douze' {_FIRST_ESSMS}",
        "Heures éligibles (%)",
        "douze",
    ),
    "montant -1e30": Poison(
        "INSERT INTO campaign_override (dossier_id, name, amount) "
        "VALUES ({id}, 'acquisition', '-1E+30')",
        "montant",
        "-1E+30",
    ),
    "montant NaN": Poison(
        "INSERT INTO campaign_override (dossier_id, name, amount) "
        "VALUES ({id}, 'acquisition', 'NaN')",
        "montant",
        "NaN",
    ),
    "capacité -5": Poison(
        f"UPDATE establishment SET capacity = -5 {_FIRST_ESSMS}", "Capacité", "-5"
    ),
    "capacité au-delà de 64 bits": Poison(
        f"UPDATE establishment SET capacity = 99999999999999999999 {_FIRST_ESSMS}",
        "Capacité",
        "1e+20",  # SQLite keeps it as a real
    ),
    "niveau 99 999 999": Poison(
        "INSERT INTO autodiag_scope (dossier_id, position, scope) VALUES ({id}, 0, 'grappe'); "
        "INSERT INTO autodiag_answer (scope_id, question_id, position, level) "
        "VALUES (last_insert_rowid(), 'gouvernance_1', 0, 99999999)",
        "question « gouvernance_1 »",
        "99999999",
    ),
    "projet inconnu": Poison(
        f"UPDATE establishment SET project = 'tout' {_FIRST_ESSMS}", "Projet", "tout"
    ),
    "date illisible": Poison(
        "UPDATE dossier SET convention_date = 'bientôt' WHERE id = {id}",
        "date de convention",
        "bientôt",
    ),
}
"""Every kind of value the store may hold that no door lets in; the first five crashed the home
list (hence every start), ``dossier list`` or ``dossier pdf`` on main."""


def poisoned_store(data_dir: Path, sql: str, *, backup_first: bool = False) -> int:
    """A data folder holding the worked example as one dossier, then ``sql`` run straight on its
    database; returns the dossier's id. ``backup_first``: a backup is taken before the poison."""
    grappe = import_grappe(EXAMPLE_CSV).grappe
    assert grappe is not None
    with open_store(data_dir) as store:
        dossier_id = dossiers.create_dossier(store.uow(), "Grappe empoisonnée", CAMPAIGN, grappe)
        if backup_first:
            store.backup("manuelle", force=True)
        database = store.paths.database
    with closing(sqlite3.connect(database)) as db:
        db.executescript(sql.format(id=dossier_id))
        db.commit()
    return dossier_id


@pytest.fixture(params=sorted(POISONS))
def poison(request: pytest.FixtureRequest) -> Poison:
    return POISONS[request.param]


@pytest.fixture
def workspace(tmp_path: Path, poison: Poison) -> Iterator[Workspace]:
    poisoned_store(tmp_path / "donnees", poison.sql)
    opened = Workspace(open_store(tmp_path / "donnees"))
    try:
        yield opened
    finally:
        opened.close()


def named(problems: tuple[Problem, ...], poison: Poison) -> bool:
    """The poison's problem is among ``problems``: its field, and the value as stored."""
    return any(p.field == poison.field and poison.value in p.value for p in problems)


def test_the_worked_example_itself_is_sound(tmp_path: Path) -> None:
    """The poisons alone make the problems: the dossier they are put into has none."""
    poisoned_store(tmp_path / "d", "SELECT 1")
    with open_store(tmp_path / "d") as store:
        (line,) = Workspace(store).list_dossiers()
        loaded = dossiers.open_dossier(store.uow(), line.id)
    assert loaded.problems == () and not loaded.read_only
    assert line.problem_count == 0 and line.total == Decimal(445_000) and line.eligible


def test_the_home_list_survives_and_says_to_repair(workspace: Workspace, poison: Poison) -> None:
    (line,) = workspace.list_dossiers()
    assert line.name == "Grappe empoisonnée" and line.establishment_count == 16
    assert line.problem_count >= 1
    # judged on nothing: no total, no verdict computed over the bad value
    assert (line.total, line.eligible, line.complete) == (None, None, None)


def test_the_list_of_summaries_carries_the_problems(workspace: Workspace, poison: Poison) -> None:
    (summary,) = dossiers.list_dossiers(workspace.store.uow(read_only=True))
    assert named(summary.problems, poison), summary.problems


def test_opening_gives_the_dossier_and_its_problems(workspace: Workspace, poison: Poison) -> None:
    loaded = workspace.open(workspace.list_dossiers()[0].id)
    assert isinstance(loaded, LoadedDossier) and loaded.read_only
    assert loaded.dossier.name == "Grappe empoisonnée"
    assert named(loaded.problems, poison), [str(p) for p in loaded.problems]
    for problem in loaded.problems:  # where, field, value, expected: all said
        assert problem.where and problem.field and problem.value and problem.expected


def test_the_store_reads_each_bad_value_as_found(tmp_path: Path) -> None:
    """Read what can be read: the bad value itself reaches the check, the rest is intact."""
    sql = ";".join(
        POISONS[name].sql
        for name in ("heures illisibles", "montant NaN", "capacité -5", "date illisible")
    )
    dossier_id = poisoned_store(tmp_path / "d", sql)
    with open_store(tmp_path / "d") as store:
        dossier = dossiers.load_dossier(store.uow(), dossier_id)
    first = dossier.grappe.organisations[0].establishments[0]
    assert (first.eligible_hours_pct, first.capacity) == ("douze", -5)
    assert dossier.overrides["acquisition"].is_nan()
    assert dossier.convention_date == "bientôt"
    second = dossier.grappe.organisations[0].establishments[1]
    assert second.eligible_hours_pct == Decimal(100) and second.capacity == 62


def test_the_session_refuses_every_edit(workspace: Workspace) -> None:
    loaded = workspace.open(workspace.list_dossiers()[0].id)
    saved: list[Dossier] = []
    session = DossierSession(loaded.dossier, saved.append, problems=loaded.problems)
    assert session.read_only
    with pytest.raises(DossierToRepairError) as refused:
        session.replace(replace(loaded.dossier, project_title="Réparé ?"))
    assert session.dossier is loaded.dossier and saved == []
    message = refused.value.message
    assert "lecture seule" in message and "impossible de le modifier" in message
    assert str(loaded.problems[0]) in message and "sauvegarde" in message


def test_a_sound_session_still_edits(tmp_path: Path) -> None:
    saved: list[Dossier] = []
    session = DossierSession(Dossier("Sain", CAMPAIGN), saved.append)
    session.replace(Dossier("Sain", CAMPAIGN, project_title="x"))
    assert not session.read_only and len(saved) == 1


def test_deleting_it_works(workspace: Workspace) -> None:
    """The user may still get rid of it (a backup is taken first)."""
    workspace.delete(workspace.list_dossiers()[0].id)
    assert workspace.list_dossiers() == []


def test_the_refusal_lists_twenty_problems_and_counts_the_others(tmp_path: Path) -> None:
    """Every ESSMS poisoned twice: the message stays readable and says how many more."""
    sql = "UPDATE establishment SET capacity = -5, eligible_hours_pct = 'NaN'"
    dossier_id = poisoned_store(tmp_path / "d", sql)
    with open_store(tmp_path / "d") as store:
        loaded = dossiers.open_dossier(store.uow(), dossier_id)
    assert len(loaded.problems) == 32
    with pytest.raises(DossierToRepairError) as refused:
        loaded.usable("impossible de l'imprimer")
    lines = refused.value.message.splitlines()
    assert lines[0] == (
        "Le dossier « Grappe empoisonnée » (n° 1) contient 32 valeurs hors des limites admises ; "
        "il est en lecture seule jusqu'à sa réparation : impossible de l'imprimer."
    )
    bullets = [line for line in lines if line.startswith("• ")]
    assert bullets[:20] == [f"• {p}" for p in loaded.problems[:20]]
    assert bullets[20:] == ["• … et 12 autre(s) problème(s)"]
    assert lines[-1].startswith("Pour le réparer, restaurez une sauvegarde")
