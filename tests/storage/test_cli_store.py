"""The store's command-line handlers, called with a Namespace as the main CLI does (through
:func:`esms_desktop.cli.dispatch`, which turns what they raise into a French line and a code)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pytest

from esms_desktop.cli import dispatch
from esms_desktop.cli import store as cli_store
from esms_desktop.domain.edits import with_grappe
from esms_desktop.services import dossiers
from esms_desktop.services.assessment import assess
from esms_desktop.storage.store import open_store
from tests.storage.factories import CAMPAIGN, grappe


def ns(data_dir: Path, **values: object) -> argparse.Namespace:
    return argparse.Namespace(data_dir=data_dir, **values)


def run(handler, args: argparse.Namespace) -> int:
    return dispatch(handler, args, sys.stdout)


def test_new_then_list(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(
        cli_store.cmd_dossier_new, ns(data_dir, name="Grappe Nord", campaign=CAMPAIGN, source=None)
    )
    assert code == 0
    new_id = int(capsys.readouterr().out.strip())
    with open_store(data_dir) as store:
        created = dossiers.load_dossier(store.uow(), new_id)
        dossiers.save_dossier(store.uow(), with_grappe(created, grappe(1, 3)), before=created)
    assert run(cli_store.cmd_dossier_list, ns(data_dir, json=True)) == 0
    rows = json.loads(capsys.readouterr().out)
    expected_total = float(assess(grappe(1, 3), CAMPAIGN).total)
    assert expected_total > 0
    assert rows == [
        {
            "id": new_id,
            "name": "Grappe Nord",
            "campaign": CAMPAIGN,
            "establishments": 3,
            "total_eur": expected_total,
            "updated": rows[0]["updated"],
            "complete": False,
            "missing_count": rows[0]["missing_count"],
            "to_repair": False,
            "problems": [],
        }
    ]
    # a fresh dossier lacks its porteur, annexes, attestations…: counted, never zero
    assert rows[0]["missing_count"] > 5
    assert run(cli_store.cmd_dossier_list, ns(data_dir, json=False)) == 0
    out = capsys.readouterr().out
    assert "Grappe Nord" in out and "3 ESSMS" in out and "€" in out


def test_unknown_campaign_is_bad_input(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(
        cli_store.cmd_dossier_new, ns(data_dir, name="X", campaign="inconnue-1999", source=None)
    )
    assert code == 2
    assert "inconnue-1999" in capsys.readouterr().err


def test_export_import_and_merge(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(data_dir) as store:
        first = dossiers.create_dossier(store.uow(), "Source", CAMPAIGN, grappe(2, 2))
    target = tmp_path / "envoi.esms"
    assert run(cli_store.cmd_dossier_export, ns(data_dir, id=first, output=target)) == 0
    assert capsys.readouterr().out.strip() == str(target)
    # Its dossier is here already: refused, saying which one and what to do, nothing created.
    assert (
        run(cli_store.cmd_dossier_import, ns(data_dir, file=target, into=None, prefer="ours")) == 2
    )
    err = capsys.readouterr().err
    assert f"dossier n° {first} « Source » (identique)" in err and "--copie" in err
    with open_store(data_dir) as store:
        assert len(dossiers.list_dossiers(store.uow(read_only=True))) == 1
    copie = ns(data_dir, file=target, into=None, prefer="ours", copie=True)
    assert run(cli_store.cmd_dossier_import, copie) == 0
    copy_id = int(capsys.readouterr().out.strip())
    assert copy_id != first
    with open_store(data_dir) as store:
        assert dossiers.load_dossier(store.uow(), copy_id).name == "Source (copie)"
    assert (
        run(cli_store.cmd_dossier_import, ns(data_dir, file=target, into=first, prefer="ours")) == 0
    )
    assert "0 ESSMS ajouté(s), 0 modifié(s)" in capsys.readouterr().out


def test_tampered_import_is_bad_input(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "faux.esms"
    bogus.write_text("bonjour", encoding="utf-8")
    assert (
        run(cli_store.cmd_dossier_import, ns(data_dir, file=bogus, into=None, prefer="ours")) == 2
    )
    err = capsys.readouterr().err
    assert "n'est pas un fichier d'échange" in err and str(bogus) in err


def test_missing_dossier_is_a_storage_error(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(cli_store.cmd_dossier_export, ns(data_dir, id=42, output=tmp_path / "x.esms")) == 3
    assert "n° 42" in capsys.readouterr().err


def test_backup_then_restore_after_corruption(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(cli_store.cmd_backup, ns(data_dir)) == 0
    assert "rien à sauvegarder" in capsys.readouterr().out
    with open_store(data_dir) as store:
        kept = dossiers.create_dossier(store.uow(), "À sauver", CAMPAIGN, grappe())
    assert run(cli_store.cmd_backup, ns(data_dir)) == 0
    backup = Path(capsys.readouterr().out.strip())
    assert backup.is_file()

    (data_dir / "esms-desktop.sqlite3").write_text("abîmé", encoding="utf-8")
    assert run(cli_store.cmd_dossier_list, ns(data_dir, json=False)) == 3
    err = capsys.readouterr().err
    assert "endommagée" in err and "restore --latest" in err

    assert run(cli_store.cmd_restore, ns(data_dir, latest=True, file=None)) == 0
    assert "Sauvegarde restaurée" in capsys.readouterr().out
    with open_store(data_dir) as store:
        assert dossiers.load_dossier(store.uow(), kept).grappe == grappe()


def test_restore_straight_after_corruption(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(data_dir) as store:
        dossiers.create_dossier(store.uow(), "À sauver", CAMPAIGN)
        store.backup()
    (data_dir / "esms-desktop.sqlite3").write_bytes(b"\x00" * 4096)
    assert run(cli_store.cmd_restore, ns(data_dir, latest=True, file=None)) == 0
    out = capsys.readouterr()
    assert "endommagée" in out.err and "Sauvegarde restaurée" in out.out
    with open_store(data_dir) as store:
        assert [s.name for s in dossiers.list_dossiers(store.uow())] == ["À sauver"]


def test_locked_store_exits_3(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(data_dir):
        assert run(cli_store.cmd_dossier_list, ns(data_dir, json=False)) == 3
    assert "déjà ouvert" in capsys.readouterr().err


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=None)
    parser = argparse.ArgumentParser(parents=[common])
    sub = parser.add_subparsers(dest="command")
    cli_store.register(sub)
    return parser


def test_register_parses_every_command_and_keeps_data_dir_either_side() -> None:
    parser = _parser()
    args = parser.parse_args(["--data-dir", "/a", "dossier", "list", "--json"])
    assert args.data_dir == Path("/a") and args.json and args.handler is cli_store.cmd_dossier_list
    args = parser.parse_args(["backup", "--data-dir", "/b"])
    assert args.data_dir == Path("/b") and args.handler is cli_store.cmd_backup
    args = parser.parse_args(
        ["dossier", "new", "--name", "N", "--campaign", "C", "--from", "g.csv"]
    )
    assert (args.name, args.campaign, args.source) == ("N", "C", Path("g.csv"))
    assert args.data_dir is None
    args = parser.parse_args(["dossier", "export", "3", "-o", "x.esms"])
    assert (args.id, args.output) == (3, Path("x.esms"))
    args = parser.parse_args(["dossier", "import", "x.esms", "--into", "4", "--prefer", "theirs"])
    assert (args.file, args.into, args.prefer) == (Path("x.esms"), 4, "theirs")
    args = parser.parse_args(["restore", "--latest"])
    assert args.latest and args.file is None
    args = parser.parse_args(["restore", "s.sqlite3"])
    assert not args.latest and args.file == Path("s.sqlite3")
    with pytest.raises(SystemExit):
        parser.parse_args(["restore", "--latest", "s.sqlite3"])


def test_new_from_an_exchange_file(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(data_dir) as store:
        first = dossiers.create_dossier(store.uow(), "Source", CAMPAIGN, grappe(1, 2))
    target = tmp_path / "modele.esms"
    run(cli_store.cmd_dossier_export, ns(data_dir, id=first, output=target))
    capsys.readouterr()
    code = run(
        cli_store.cmd_dossier_new,
        ns(data_dir, name="Depuis fichier", campaign=CAMPAIGN, source=target),
    )
    assert code == 0
    new_id = int(capsys.readouterr().out.strip())
    with open_store(data_dir) as store:
        loaded = dossiers.load_dossier(store.uow(), new_id)
    assert loaded.name == "Depuis fichier" and loaded.grappe == grappe(1, 2)


class _Problem:
    def __init__(self, message: str) -> None:
        self.message = message


class _Result:
    def __init__(self, grappe_value: object, errors: list[_Problem]) -> None:
        self.grappe = grappe_value
        self.errors = errors


def _fake_importer(monkeypatch: pytest.MonkeyPatch, result: _Result) -> list[Path]:
    """Stand in for esms_desktop.importers.grappe_sheet (written by another helper)."""
    import sys
    import types

    seen: list[Path] = []
    module = types.ModuleType("esms_desktop.importers.grappe_sheet")

    def import_grappe(path: Path) -> _Result:
        seen.append(path)
        return result

    module.import_grappe = import_grappe  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "esms_desktop.importers.grappe_sheet", module)
    return seen


def test_new_from_a_spreadsheet(
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sheet = tmp_path / "grappe.csv"
    seen = _fake_importer(monkeypatch, _Result(grappe(2, 3), []))
    code = run(
        cli_store.cmd_dossier_new, ns(data_dir, name="Tableur", campaign=CAMPAIGN, source=sheet)
    )
    assert code == 0 and seen == [sheet]
    new_id = int(capsys.readouterr().out.strip())
    with open_store(data_dir) as store:
        assert dossiers.load_dossier(store.uow(), new_id).grappe == grappe(2, 3)


def test_spreadsheet_errors_create_nothing(
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    problems = [_Problem("ligne 3, colonne finess : clé invalide"), _Problem("ligne 5 : nom vide")]
    _fake_importer(monkeypatch, _Result(None, problems))
    code = run(
        cli_store.cmd_dossier_new,
        ns(data_dir, name="Tableur", campaign=CAMPAIGN, source=tmp_path / "g.csv"),
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "2 erreur(s)" in err and "ligne 3, colonne finess" in err and "ligne 5" in err
    with open_store(data_dir) as store:
        assert dossiers.list_dossiers(store.uow()) == []
