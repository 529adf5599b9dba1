"""Schema migrations: populated 0001 and 0002 databases upgrade with their data, after a backup."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from esms_desktop.domain.dossier import Porteur
from esms_desktop.domain.grappe import DuiSituation, DuiSolution, ProjectType
from esms_desktop.domain.usage_threshold import PERCENT, UsageThreshold
from esms_desktop.services import dossiers
from esms_desktop.storage import migrate
from esms_desktop.storage.db import APPLICATION_ID, create_store_engine, inspect_file
from esms_desktop.storage.errors import StoreError
from esms_desktop.storage.models import Base
from esms_desktop.storage.store import open_store
from tests.storage.helpers import sqlite_rows

CREATED = datetime(2021, 3, 1, 10, 0, tzinfo=UTC).isoformat()


def _populate_0001(db: Path) -> None:
    """Rows as version 0.1 of the program wrote them (schema 0001: no title, no change log)."""
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(
            "INSERT INTO dossier (id, name, campaign_id, governance, convention_date, created, "
            "updated) VALUES "
            "(7, 'Ancien dossier', 'amorcage-2021-t1', 'COPIL', '2021-06-30', ?, ?)",
            (CREATED, CREATED),
        )
        conn.execute(
            "INSERT INTO porteur VALUES (7, 'Asso', 'Association', '775672272', '', '', "
            "'1 rue', '59000', 'Lille', 'M. Dupont', 'Président', 'Mme Martin', 'a@b.fr', '03')"
        )
        conn.execute("INSERT INTO dui_solution VALUES (7, 'Éditeur', 'Produit', 1, 'R-1', '')")
        conn.execute("INSERT INTO campaign_override VALUES (7, 'acquisition', '25000.00')")
        conn.execute(
            "INSERT INTO organisation (id, dossier_id, position, name, role, siren, finess_ej, "
            "declared_size, contact_name, contact_email, convention_date) "
            "VALUES (3, 7, 0, 'Asso', 'porteur', '775672272', '', 12, '', '', NULL)"
        )
        for pos, finess in enumerate(("590000012", "590000020")):
            conn.execute(
                "INSERT INTO establishment (organisation_id, position, finess, name, category, "
                "capacity, project, equipment, eligible_hours_pct, dui_solution, current_dui, "
                "already_funded, address, postal_code, town) "
                "VALUES "
                "(3, ?, ?, ?, '500', 80, 'acquisition', 1, '87.5', '', 'aucun', 0, '', '', '')",
                (pos, finess, f"EHPAD {pos}"),
            )
        conn.execute(
            "INSERT INTO annex_file VALUES (7, 'rib', 'rib.pdf', 3, 'x', X'010203', ?)", (CREATED,)
        )
        conn.execute(
            "INSERT INTO annex (dossier_id, position, annex_key, label, required, provided, "
            "file_name, note) VALUES (7, 0, 'rib', 'RIB', 1, 1, 'rib.pdf', '')"
        )
        conn.commit()


def test_populated_0001_database_upgrades_with_its_data(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    db = data_dir / "esms-desktop.sqlite3"
    assert migrate.upgrade(db, target="0001") == "0001"
    _populate_0001(db)
    assert inspect_file(db).user_version == 1

    with open_store(data_dir) as store:
        loaded = dossiers.load_dossier(store.uow(), 7)
        assert loaded.name == "Ancien dossier"
        assert loaded.project_title == ""  # the column added by 0002, with its default
        assert loaded.governance == "COPIL"
        assert loaded.porteur.legal_representative == "M. Dupont"
        assert loaded.grappe.solution.segur_referenced is True
        assert dict(loaded.overrides) == {"acquisition": Decimal("25000.00")}
        ests = loaded.grappe.organisations[0].establishments
        assert [e.finess for e in ests] == ["590000012", "590000020"]
        assert ests[0].project is ProjectType.ACQUISITION
        assert ests[0].current_dui is DuiSituation.AUCUN
        assert ests[0].eligible_hours_pct == Decimal("87.5")
        info, data = dossiers.read_annex_file(store.uow(), 7, "rib")
        assert (info.name, data) == ("rib.pdf", b"\x01\x02\x03")
        dossiers.rename_dossier(store.uow(), 7, "Dossier migré")  # the change log now exists
        assert dossiers.history(store.uow(), 7)[0].action == "renommage"
        backups = store.backups()

    state = inspect_file(db)
    assert (state.revision, state.user_version, state.application_id) == (
        migrate.HEAD_REVISION,
        migrate.SCHEMA_VERSION,
        APPLICATION_ID,
    )
    before_migration = [b for b in backups if b.reason == "avant-migration"]
    assert len(before_migration) == 1
    old = inspect_file(before_migration[0].path)
    assert (old.revision, old.user_version) == ("0001", 1)
    assert sqlite_rows(before_migration[0].path, "SELECT name FROM dossier") == [
        ("Ancien dossier",)
    ]


def test_a_failing_migration_changes_nothing(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    db = data_dir / "esms-desktop.sqlite3"
    migrate.upgrade(db, target="0001")
    _populate_0001(db)
    with closing(sqlite3.connect(db)) as conn:  # an orphan row, as a buggy old version might leave
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute(
            "INSERT INTO organisation (dossier_id, position, name, role, siren, finess_ej, "
            "contact_name, contact_email) VALUES (999, 0, 'Orphelin', 'membre', '', '', '', '')"
        )
        conn.commit()
    with pytest.raises(StoreError) as caught:
        open_store(data_dir)
    assert "annulée" in caught.value.message
    state = inspect_file(db)
    assert (state.revision, state.user_version) == ("0001", 1)
    assert "change_log" not in state.tables
    assert sqlite_rows(db, "SELECT name FROM dossier") == [("Ancien dossier",)]


def test_models_match_the_migrated_schema(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    migrate.upgrade(db)
    engine = create_store_engine(db)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_migrations_ship_their_revisions_in_a_line() -> None:
    assert migrate.known_revisions() == frozenset({f"{n:04d}" for n in range(1, 17)})
    assert migrate.HEAD_REVISION == "0016"
    assert migrate.SCHEMA_VERSION == 16


def test_populated_0002_database_gets_the_finess_register(data_dir: Path) -> None:
    """0003 adds the FINESS look-up table: dossiers and their history are kept, the table starts
    empty and takes a register file."""
    from esms_desktop.services import finess_lookup

    data_dir.mkdir(parents=True)
    db = data_dir / "esms-desktop.sqlite3"
    assert migrate.upgrade(db, target="0002") == "0002"
    _populate_0001(db)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE dossier SET project_title = 'Projet DUI' WHERE id = 7")
        conn.execute(
            "INSERT INTO change_log (dossier_id, at, action, summary) "
            "VALUES (7, ?, 'creation', 'Dossier créé en 0002.')",
            (CREATED,),
        )
        conn.commit()
    assert "repertoire_finess" not in inspect_file(db).tables

    with open_store(data_dir) as store:
        loaded = dossiers.load_dossier(store.uow(), 7)
        assert (loaded.name, loaded.project_title) == ("Ancien dossier", "Projet DUI")
        assert [e.finess for _, e in loaded.grappe.rows()] == ["590000012", "590000020"]
        assert [e.summary for e in dossiers.history(store.uow(), 7)] == ["Dossier créé en 0002."]
        assert finess_lookup.status(store.uow()) is None
        web = Path(__file__).resolve().parents[1] / "fixtures" / "finess_files"
        result = finess_lookup.load_register(store.uow(), web / "finess-web-export-esat-30.csv")
        assert result.count == 30
        assert dossiers.load_dossier(store.uow(), 7) == loaded  # the dossier is untouched
        backups = store.backups()

    state = inspect_file(db)
    assert (state.revision, state.user_version) == (migrate.HEAD_REVISION, migrate.SCHEMA_VERSION)
    assert not {"repertoire_finess", "repertoire_finess_info"} & set(state.tables)  # 0011
    register = data_dir / "repertoire-finess.sqlite3"
    assert sqlite_rows(register, "SELECT count(*) FROM repertoire_finess") == [(30,)]
    [before] = [b for b in backups if b.reason == "avant-migration"]
    old = inspect_file(before.path)
    assert (old.revision, old.user_version) == ("0002", 2)
    assert "repertoire_finess" not in old.tables
    assert sqlite_rows(before.path, "SELECT name, project_title FROM dossier") == [
        ("Ancien dossier", "Projet DUI")
    ]


def test_0003_downgrades_cleanly(tmp_path: Path) -> None:
    """The migration's ``downgrade`` is what a developer runs to go back: it must not fail."""
    from alembic import command

    db = tmp_path / "x.sqlite3"
    migrate.upgrade(db)
    engine = create_store_engine(db, foreign_keys=False)
    try:
        with engine.connect() as conn, conn.begin():
            config = migrate.alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0002")
    finally:
        engine.dispose()
    state = inspect_file(db)
    assert state.revision == "0002"
    assert "repertoire_finess" not in state.tables and "change_log" in state.tables


def test_0004_keeps_stored_thresholds_as_percentages(data_dir: Path) -> None:
    """Before 0004 every threshold was a percentage: it stays one, an empty one stays empty."""
    data_dir.mkdir(parents=True)
    db = data_dir / "esms-desktop.sqlite3"
    assert migrate.upgrade(db, target="0003") == "0003"
    _populate_0001(db)
    with closing(sqlite3.connect(db)) as conn:
        conn.executemany(
            "INSERT INTO usage_target (dossier_id, position, indicator, sector, threshold_pct, "
            "time_window, evidence) VALUES (7, ?, ?, '', ?, '', '')",
            [(0, "DUI actifs", "80"), (1, "Messages MSSanté", None)],
        )
        conn.commit()
    with open_store(data_dir) as store:
        targets = dossiers.load_dossier(store.uow(), 7).usage_targets
    assert [(t.indicator, t.threshold) for t in targets] == [
        ("DUI actifs", UsageThreshold(Decimal("80"), PERCENT)),
        ("Messages MSSanté", None),
    ]
    assert inspect_file(db).revision == migrate.HEAD_REVISION


def test_0004_downgrades_cleanly_and_drops_counts(tmp_path: Path) -> None:
    """Going back to 0003 keeps percentages and drops counts, which 0003 would misread as %."""
    from alembic import command

    db = tmp_path / "x.sqlite3"
    migrate.upgrade(db)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(
            "INSERT INTO dossier (id, name, campaign_id, governance, created, updated, "
            "project_title) VALUES (1, 'D', 'c', '', '2026-01-01', '2026-01-01', '')"
        )
        conn.executemany(
            "INSERT INTO usage_target (dossier_id, position, indicator, sector, "
            "threshold_amount, threshold_unit, threshold_period, time_window, evidence) "
            "VALUES (1, ?, ?, '', ?, ?, ?, '', '')",
            [(0, "DUI", "80", "%", ""), (1, "Messages", "100", "messages", "mois")],
        )
        conn.commit()
    engine = create_store_engine(db, foreign_keys=False)
    try:
        with engine.connect() as conn, conn.begin():
            config = migrate.alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0003")
    finally:
        engine.dispose()
    assert inspect_file(db).revision == "0003"
    assert sqlite_rows(
        db, "SELECT indicator, threshold_pct FROM usage_target ORDER BY position"
    ) == [
        ("DUI", "80"),
        ("Messages", None),
    ]


def test_0005_gives_every_dossier_its_porteur_and_solution_rows(data_dir: Path) -> None:
    """A dossier stored without them (a file written by hand or by another program) gets blank
    ones; the rows already there are left as they were, and an edit of the porteur is saved."""
    data_dir.mkdir(parents=True)
    db = data_dir / "esms-desktop.sqlite3"
    assert migrate.upgrade(db, target="0004") == "0004"
    _populate_0001(db)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(
            "INSERT INTO dossier (id, name, campaign_id, governance, created, updated, "
            "project_title) VALUES (8, 'Sans porteur', 'amorcage-2021-t1', '', ?, ?, '')",
            (CREATED, CREATED),
        )
        conn.commit()
    with open_store(data_dir) as store:
        kept = dossiers.load_dossier(store.uow(), 7)
        bare = dossiers.load_dossier(store.uow(), 8)
        assert bare.porteur == Porteur() and bare.grappe.solution == DuiSolution()
        edited = replace(bare, porteur=Porteur(name="Association"))
        dossiers.save_dossier(store.uow(), edited, before=bare)
        assert dossiers.load_dossier(store.uow(), 8).porteur == Porteur(name="Association")
    assert kept.porteur.legal_representative == "M. Dupont"  # 7 kept its own rows
    assert inspect_file(db).revision == migrate.HEAD_REVISION
    assert sqlite_rows(db, "SELECT dossier_id, name FROM porteur ORDER BY dossier_id") == [
        (7, "Asso"),
        (8, "Association"),
    ]
    assert sqlite_rows(
        db, "SELECT dossier_id, editor, segur_referenced FROM dui_solution ORDER BY dossier_id"
    ) == [(7, "Éditeur", 1), (8, "", None)]


def test_0005_fills_nothing_in_and_downgrades_cleanly(tmp_path: Path) -> None:
    from alembic import command

    db = tmp_path / "x.sqlite3"
    migrate.upgrade(db, target="0004")
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(
            "INSERT INTO dossier (id, name, campaign_id, governance, created, updated, "
            "project_title) VALUES (1, 'D', 'c', '', '2026-01-01', '2026-01-01', '')"
        )
        conn.commit()
    migrate.upgrade(db)
    assert sqlite_rows(db, "SELECT count(*) FROM porteur") == [(1,)]
    migrate.upgrade(db)  # at head already: nothing runs twice
    assert sqlite_rows(db, "SELECT count(*) FROM porteur") == [(1,)]
    engine = create_store_engine(db, foreign_keys=False)
    try:
        with engine.connect() as conn, conn.begin():
            config = migrate.alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0004")
    finally:
        engine.dispose()
    assert inspect_file(db).revision == "0004"


def test_a_0006_database_upgrades_to_services_team_and_baselines(data_dir: Path) -> None:
    """0007: ESSMS keep everything and target no service, targets have no baseline, the team is
    empty; then each is saved in its new place and read back."""
    from esms_desktop.domain.dossier import TeamMember, TeamRole, UsageTarget
    from esms_desktop.domain.edits import set_establishment, with_grappe
    from esms_desktop.domain.grappe import CoreService

    data_dir.mkdir(parents=True)
    db = data_dir / "esms-desktop.sqlite3"
    assert migrate.upgrade(db, target="0006") == "0006"
    _populate_0001(db)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(
            "INSERT INTO usage_target (dossier_id, position, indicator, sector, threshold_amount, "
            "threshold_unit, threshold_period, time_window, evidence) "
            "VALUES (7, 0, 'DUI actif', 'PA', '80', '%', '', 'T+12', 'Éditeur')"
        )
        conn.commit()
    with open_store(data_dir) as store:
        old = dossiers.load_dossier(store.uow(), 7)
        ests = [e for _, e in old.grappe.rows()]
        assert [e.finess for e in ests] == ["590000012", "590000020"]
        assert all(e.core_services == frozenset() for e in ests)
        assert ests[0].current_dui is DuiSituation.AUCUN  # the rest of the row is kept
        (target,) = old.usage_targets
        assert (target.indicator, target.baseline) == ("DUI actif", "")
        assert target.threshold == UsageThreshold(Decimal(80), PERCENT)
        assert old.team == () and old.governance == "COPIL"
        services = frozenset({CoreService.INS, CoreService.DMP})
        grappe = set_establishment(old.grappe, 0, 1, core_services=services)
        team = (TeamMember("Mme Martin", TeamRole.INFORMATIQUE, "DSI", "Asso", "20 %"),)
        edited = replace(
            with_grappe(old, grappe),
            usage_targets=(replace(target, baseline="35 %"),),
            team=team,
        )
        dossiers.save_dossier(store.uow(), edited, before=old)
        again = dossiers.load_dossier(store.uow(), 7)
    assert [e.core_services for _, e in again.grappe.rows()] == [frozenset(), services]
    assert again.usage_targets[0].baseline == "35 %" and again.team == team
    assert sqlite_rows(db, "SELECT core_services FROM establishment ORDER BY position") == [
        ("",),
        ("dmp,ins",),  # the programme's order, whatever the set's
    ]
    assert inspect_file(db).revision == migrate.HEAD_REVISION
    assert isinstance(again.usage_targets[0], UsageTarget)


def test_0007_downgrades_cleanly(tmp_path: Path) -> None:
    from alembic import command

    db = tmp_path / "x.sqlite3"
    migrate.upgrade(db)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(
            "INSERT INTO dossier (id, name, campaign_id, governance, created, updated, "
            "project_title, campaign_fingerprint) "
            "VALUES (1, 'D', 'c', '', '2026-01-01', '2026-01-01', '', '')"
        )
        conn.execute(
            "INSERT INTO team_member (dossier_id, position, name, role, function, organisation, "
            "availability) VALUES (1, 0, 'A', 'referent', '', '', '')"
        )
        conn.commit()
    engine = create_store_engine(db, foreign_keys=False)
    try:
        with engine.connect() as conn, conn.begin():
            config = migrate.alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0006")
    finally:
        engine.dispose()
    state = inspect_file(db)
    assert state.revision == "0006" and "team_member" not in state.tables
    assert sqlite_rows(db, "SELECT id, name FROM dossier") == [(1, "D")]


def test_a_0007_dossier_gets_the_attestations_the_ars_ask_for(data_dir: Path) -> None:
    """0008: the four new attestations come in unticked, in the list's order; a ticked one keeps
    the words that were attested, an unticked one takes today's wording."""
    from esms_desktop.domain.dossier import DEFAULT_ATTESTATIONS

    data_dir.mkdir(parents=True)
    db = data_dir / "esms-desktop.sqlite3"
    assert migrate.upgrade(db, target="0007") == "0007"
    _populate_0001(db)
    old = (
        ("pas_double_financement", "Ancien texte coché.", 1),
        ("pas_autres_fonds_ue", "Le projet ne bénéficie d'aucun autre financement européen.", 0),
        ("cibles_usage", "Cibles (coché).", 1),
        ("exactitude", "Exactitude.", 0),
    )
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("DELETE FROM attestation")
        for i, (key, label, accepted) in enumerate(old):
            conn.execute(
                "INSERT INTO attestation (dossier_id, position, attestation_key, label, accepted) "
                "VALUES (7, ?, ?, ?, ?)",
                (i, key, label, accepted),
            )
        conn.commit()
    with open_store(data_dir) as store:
        loaded = dossiers.load_dossier(store.uow(), 7)
    by_key = {a.key: a for a in loaded.attestations}
    assert [a.key for a in loaded.attestations] == [a.key for a in DEFAULT_ATTESTATIONS]
    assert by_key["pas_double_financement"].label == "Ancien texte coché."  # what was attested
    assert by_key["pas_double_financement"].accepted and by_key["cibles_usage"].accepted
    defaults = {a.key: a.label for a in DEFAULT_ATTESTATIONS}
    assert by_key["pas_autres_fonds_ue"].label == defaults["pas_autres_fonds_ue"]  # FEDER, FSE
    for key in ("pas_contrat_editeur", "commande_sons", "mention_pnrr", "montants_ttc"):
        assert by_key[key].label == defaults[key] and not by_key[key].accepted
    assert inspect_file(db).revision == migrate.HEAD_REVISION


def _populate_answers(db: Path) -> None:
    """A 0009 dossier with two answers for the grappe."""
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(
            "INSERT INTO autodiag_scope (id, dossier_id, position, scope) "
            "VALUES (5, 7, 0, 'grappe')"
        )
        conn.executemany(
            "INSERT INTO autodiag_answer (scope_id, question_id, position, level) "
            "VALUES (5, ?, ?, ?)",
            [("gouv.1", 0, 3), ("gouv.2", 1, 1)],
        )
        conn.commit()


def test_a_0009_autodiagnostic_upgrades_with_no_typed_level_and_takes_some(data_dir: Path) -> None:
    """0010: the answers stay, no MaturiN-SMS level nor date is invented; typed levels and their
    date are then saved and read back."""
    from datetime import date

    from esms_desktop.domain.autodiag_routing import scope_answers, scope_typed, with_scope_typed
    from esms_desktop.domain.maturin import TypedLevels

    data_dir.mkdir(parents=True)
    db = data_dir / "esms-desktop.sqlite3"
    assert migrate.upgrade(db, target="0009") == "0009"
    _populate_0001(db)
    _populate_answers(db)
    with open_store(data_dir) as store:
        loaded = dossiers.load_dossier(store.uow(), 7)
        assert dict(scope_answers(loaded)) == {"gouv.1": 3, "gouv.2": 1}
        assert scope_typed(loaded).is_empty
        typed = TypedLevels({"management": 2, "qualite_service": 4}, date(2025, 3, 14))
        dossiers.save_dossier(store.uow(), with_scope_typed(loaded, typed), loaded)
        again = dossiers.load_dossier(store.uow(), 7)
    assert dict(scope_typed(again).levels) == {"management": 2, "qualite_service": 4}
    assert scope_typed(again).assessed_on == date(2025, 3, 14)
    assert dict(scope_answers(again)) == {"gouv.1": 3, "gouv.2": 1}
    assert inspect_file(db).revision == migrate.HEAD_REVISION
    assert sqlite_rows(db, "SELECT maturin_date FROM autodiag_scope") == [("2025-03-14",)]


def test_0010_downgrades_cleanly_and_keeps_the_answers(tmp_path: Path) -> None:
    from alembic import command

    db = tmp_path / "x.sqlite3"
    migrate.upgrade(db)
    _populate_0001(db)
    _populate_answers(db)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE autodiag_scope SET maturin_date = '2025-03-14'")
        conn.execute(
            "INSERT INTO autodiag_maturin_level (scope_id, dimension_id, position, level) "
            "VALUES (5, 'management', 0, 2)"
        )
        conn.commit()
    engine = create_store_engine(db, foreign_keys=False)
    try:
        with engine.connect() as conn, conn.begin():
            config = migrate.alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0009")
    finally:
        engine.dispose()
    state = inspect_file(db)
    assert state.revision == "0009" and "autodiag_maturin_level" not in state.tables
    assert sqlite_rows(db, "SELECT question_id, level FROM autodiag_answer ORDER BY position") == [
        ("gouv.1", 3),
        ("gouv.2", 1),
    ]
    columns = [row[1] for row in sqlite_rows(db, "PRAGMA table_info(autodiag_scope)")]
    assert "maturin_date" not in columns
