"""The command line contract of shared/spec/grappe-template.md, on the worked example."""

from __future__ import annotations

import argparse
import inspect
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from esms_desktop.cli import CliError, main
from esms_desktop.domain.campaign import CampaignError
from esms_desktop.reports.writer import ReportWriteError
from esms_desktop.services.dossiers import DossierInputError
from esms_desktop.services.exchange import ExchangeFileError
from esms_desktop.services.finess_lookup import FinessLookupError, RegisterNotLoadedError
from esms_desktop.storage.errors import DatabaseCorruptError, StoreError

EXPECTED = {  # shared/examples/README.md
    "amorcage-2021-t1": (True, 15, 445_000.0, [178_000.0, 178_000.0, 89_000.0]),
    "amorcage-2021-t2": (True, 15, 560_000.0, [224_000.0, 224_000.0, 112_000.0]),
}


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out)
    return code, out.getvalue()


@pytest.mark.parametrize("campaign", sorted(EXPECTED))
def test_budget_json_matches_the_worked_example(example_csv: Path, campaign: str) -> None:
    code, text = run("budget", str(example_csv), "--campaign", campaign, "--json")
    data = json.loads(text)
    eligible, counted, total, tranches = EXPECTED[campaign]
    assert code == 0
    assert (
        data["eligible"],
        data["counted_establishments"],
        data["total_eur"],
        data["tranches_eur"],
    ) == (eligible, counted, total, tranches)
    assert data["campaign"] == campaign
    usld = next(e for e in data["establishments"] if e["finess"] == "590051124")
    assert usld["funded"] is False and usld["amount_eur"] == 0
    assert any(
        f["code"] == "categorie_usld" and f["severity"] == "avertissement" for f in data["findings"]
    )
    funded = [e for e in data["establishments"] if e["funded"]]
    assert (
        sum(e["amount_eur"] for e in funded)
        + sum(line["amount_eur"] for line in data["project_lines"])
        == total
    )
    for e in funded:
        assert all(line["rule"] for line in e["lines"])


def test_national_2021_is_not_eligible(example_csv: Path) -> None:
    code, text = run("check", str(example_csv), "--campaign", "national-2021", "--json")
    data = json.loads(text)
    assert code == 1 and data["eligible"] is False and data["counted_establishments"] == 15
    assert any(
        f["code"] == "taille_insuffisante" and f["severity"] == "bloquant" for f in data["findings"]
    )


def test_missing_amounts_are_null_then_set(example_csv: Path) -> None:
    code, text = run("budget", str(example_csv), "--campaign", "generalisation-2023", "--json")
    data = json.loads(text)
    assert code == 0  # missing values warn, never block
    funded = [e for e in data["establishments"] if e["funded"]]
    assert all(e["amount_eur"] is None for e in funded)
    assert data["total_complete"] is False
    assert {"valeur_a_confirmer", "total_incomplet"} <= {f["code"] for f in data["findings"]}
    code, text = run(
        "budget",
        str(example_csv),
        "--campaign",
        "generalisation-2023",
        "--json",
        "--set",
        "acquisition=20000",
        "--set",
        "conformite=8000",
        "--set",
        "equipement=5000",
        "--set",
        "accompagnement=30 000",
    )
    data = json.loads(text)
    saad = next(e for e in data["establishments"] if e["finess"] == "590050282")
    assert saad["amount_eur"] == 17_500.0  # (20 000 + 5 000) × 70 %
    assert data["total_complete"] is True
    assert sum(data["tranches_eur"]) == data["total_eur"]


def test_human_output_is_french(example_csv: Path) -> None:
    code, text = run("budget", str(example_csv), "--campaign", "amorcage-2021-t2")
    assert code == 0
    assert "TOTAL TTC : 560\u202f000\u00a0€" in text
    assert "Tranche 40\u00a0% — Signature de la convention" in text


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["budget", "nope.csv", "--campaign", "amorcage-2021-t1"], "introuvable"),
        (["budget", "EXAMPLE", "--campaign", "nope"], "Campagne inconnue"),
        (["budget", "EXAMPLE", "--campaign", "amorcage-2021-t1", "--set", "x=1"], "inconnue"),
        (
            ["budget", "EXAMPLE", "--campaign", "amorcage-2021-t1", "--set", "acquisition"],
            "nom=montant",
        ),
    ],
)
def test_bad_input_exits_2_with_a_french_message(
    example_csv: Path, capsys: pytest.CaptureFixture[str], args: list[str], needle: str
) -> None:
    args = [str(example_csv) if a == "EXAMPLE" else a for a in args]
    code, _ = run(*args)
    assert code == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_bad_cells_are_listed(
    tmp_path: Path, example_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = example_csv.read_text(encoding="utf-8-sig").replace("590050076", "590050077")
    bad = tmp_path / "bad.csv"
    bad.write_text(text, encoding="utf-8")
    assert run("check", str(bad), "--campaign", "amorcage-2021-t1")[0] == 2
    assert "Ligne 2, colonne finess" in capsys.readouterr().err
    code, _ = run("check", str(bad), "--campaign", "amorcage-2021-t1", "--skip-bad-rows")
    assert code == 1  # 14 ESSMS left: below the threshold of 15


def test_campaigns_lists_every_campaign() -> None:
    code, text = run("campaigns", "--json")
    ids = {c["id"] for c in json.loads(text)}
    # national-2023 and national-2024 were added by programme.md §8.
    assert code == 0 and "generalisation-2025" in ids and len(ids) == 10


def test_python_dash_m_entry_point(example_csv: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "esms_desktop",
            "check",
            str(example_csv),
            "--campaign",
            "amorcage-2021-t2",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "ÉLIGIBLE" in proc.stdout


def test_check_and_budget_say_what_is_missing_without_changing_the_exit_code(
    example_csv: Path,
) -> None:
    for command in ("check", "budget"):
        code, text = run(command, str(example_csv), "--campaign", "amorcage-2021-t1", "--json")
        data = json.loads(text)
        assert code == 0 and data["eligible"] is True  # eligible: exit code unchanged
        assert data["complete"] is False
        fields = {m["field"] for m in data["missing"]}
        assert {"annexe.rib", "convention_date", "porteur.legal_status"} <= fields
        assert all(set(m) == {"step", "field", "message"} for m in data["missing"])
        rib = next(m for m in data["missing"] if m["field"] == "annexe.rib")
        assert rib["step"] == "export" and "RIB" in rib["message"]
    code, text = run("check", str(example_csv), "--campaign", "amorcage-2021-t1")
    assert code == 0
    assert "Verdict : Éligible, dossier incomplet (" in text
    assert "Pièces et export — pièce à joindre : Relevé d'identité bancaire (RIB)" in text
    code, text = run("budget", str(example_csv), "--campaign", "amorcage-2021-t1")
    assert code == 0 and "Dossier incomplet — " in text


# --- one handler shape, one table of errors ------------------------------------------------------


def _commands(parser: argparse.ArgumentParser, words: tuple[str, ...] = ()):
    """(command words, parser) for every runnable command, sub-commands included."""
    if parser.get_default("handler") is not None:
        yield words, parser
    for action in parser._actions:  # argparse has no public accessor
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*words, name))


def test_every_command_takes_the_arguments_and_where_to_write() -> None:
    from esms_desktop import cli

    commands = dict(_commands(cli.build_parser()))
    assert len(commands) >= 18, sorted(commands)
    shapes = {
        " ".join(words): list(inspect.signature(parser.get_default("handler")).parameters)
        for words, parser in commands.items()
    }
    assert {name: shape for name, shape in shapes.items() if shape != ["args", "out"]} == {}


ONE_PER_GROUP = (
    ["campaigns"],
    ["check", "grappe.csv", "--campaign", "amorcage-2021-t1"],
    ["dossier", "list"],
    ["finess", "status"],
    ["form", "-o", "fiche.pdf"],
)
NOT_LOADED = RegisterNotLoadedError().message


@pytest.mark.parametrize(
    ("error", "code", "lines"),
    [
        (CliError("fichier illisible", 3), 3, ["fichier illisible"]),
        (StoreError("base verrouillée"), 3, ["base verrouillée"]),
        (
            DatabaseCorruptError("base abîmée", backup=Path("s.sqlite3")),
            3,
            ["base abîmée", "Pour la restaurer : esms-desktop restore --latest"],
        ),
        (
            RegisterNotLoadedError(),
            1,
            [f"{NOT_LOADED} Commande : esms-desktop finess import FICHIER"],
        ),
        (FinessLookupError("numéro faux"), 2, ["numéro faux"]),
        (ExchangeFileError("fichier d'échange faux"), 2, ["fichier d'échange faux"]),
        (DossierInputError("nom vide"), 2, ["nom vide"]),
        (CampaignError("campagne inconnue"), 2, ["campagne inconnue"]),
        (ReportWriteError("disque plein", Path("f.pdf")), 3, ["disque plein"]),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else None,
)
def test_an_error_means_the_same_whichever_command_raises_it(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    error: Exception,
    code: int,
    lines: list[str],
) -> None:
    from esms_desktop import cli

    def fail(args: argparse.Namespace, out: object) -> int:
        raise error

    def failing_parser(build=cli.build_parser) -> argparse.ArgumentParser:
        parser = build()
        for _, command in _commands(parser):
            command.set_defaults(handler=fail)
        return parser

    monkeypatch.setattr(cli, "build_parser", failing_parser)
    for words in ONE_PER_GROUP:
        assert cli.main(["--data-dir", str(tmp_path), *words], io.StringIO()) == code, words
        assert capsys.readouterr().err.splitlines() == [f"esms-desktop : {s}" for s in lines]


# --- a stored dossier that fails validation; --set beyond any amount (issue 14) -----------------


@pytest.mark.parametrize("poison", ["heures NaN", "capacité -5", "montant NaN", "projet inconnu"])
def test_dossier_pdf_refuses_a_dossier_to_repair_with_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], poison: str
) -> None:
    from tests.services.test_poisoned_store import POISONS, poisoned_store

    data = tmp_path / "donnees"
    dossier_id = poisoned_store(data, POISONS[poison].sql)
    pdf = tmp_path / "dossier.pdf"
    code, text = run("dossier", "pdf", str(dossier_id), "-o", str(pdf), "--data-dir", str(data))
    err = capsys.readouterr().err
    assert code == 2 and text == "" and not pdf.exists()  # nothing printed over the bad value
    assert err.startswith("esms-desktop : Le dossier « Grappe empoisonnée » (n° 1) contient")
    assert "lecture seule" in err and "impossible de l'imprimer" in err
    assert f"— {POISONS[poison].field} : « " in err and "restaurez une sauvegarde" in err
    assert "Traceback" not in err and "inattendue" not in err


def test_dossier_list_names_a_dossier_to_repair(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.services.test_poisoned_store import POISONS, poisoned_store

    data = tmp_path / "donnees"
    poisoned_store(data, POISONS["montant NaN"].sql)
    code, text = run("dossier", "list", "--data-dir", str(data))
    assert code == 0, capsys.readouterr().err
    assert "Grappe empoisonnée" in text and "à réparer" in text


@pytest.mark.parametrize("command", ["budget", "check", "pdf"])
@pytest.mark.parametrize("amount", ["1e26", "1e999999999", "1" + "0" * 5000, "NaN", "-1e30"])
def test_set_refuses_an_amount_no_campaign_has_in_french(
    example_csv: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    amount: str,
) -> None:
    output = ["-o", str(tmp_path / "x.pdf")] if command == "pdf" else []
    setting = f"acquisition={amount}"
    args = [command, str(example_csv), "--campaign", "generalisation-2023", *output]
    code, text = run(*args, "--set", setting)
    err = capsys.readouterr().err
    assert code == 2 and "TOTAL" not in text and not (tmp_path / "x.pdf").exists()
    assert f"Réglage « {setting} » : " in err, err
    assert "Traceback" not in err and "inattendue" not in err


HOSTILE_NAME = "Rouge\x1b[31m\x1b]0;titre\x07 \u202eesrever\x9b2J\tfin"
"""A dossier name as an older version (or a received file) may have stored it: colour and title
escape codes, a bidi override, an 8-bit CSI, a tab."""
OBEYED = "\x1b\x07\x9b\u202e\t"


def test_dossier_list_shows_escape_codes_in_names_instead_of_obeying_them(tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    from esms_desktop.services import dossiers
    from esms_desktop.storage.store import open_store

    data_dir = tmp_path / "données"
    with open_store(data_dir) as store:
        dossiers.create_dossier(store.uow(), "Sain", "amorcage-2021-t1")
    with closing(sqlite3.connect(data_dir / "esms-desktop.sqlite3")) as conn:
        conn.execute("UPDATE dossier SET name = ?", (HOSTILE_NAME,))
        conn.commit()

    code, text = run("--data-dir", str(data_dir), "dossier", "list")
    assert code == 0
    assert "Rouge␛[31m␛]0;titre␇ �esrever�2J␉fin  [amorcage-2021-t1]" in text
    assert not any(ch in text for ch in OBEYED)

    code, text = run("--data-dir", str(data_dir), "dossier", "list", "--json")
    assert code == 0 and not any(ch in text for ch in OBEYED)
    assert json.loads(text)[0]["name"] == HOSTILE_NAME  # the value itself is unchanged
