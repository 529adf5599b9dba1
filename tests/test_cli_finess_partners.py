"""``esms-desktop finess partenaires``: the JSON contract, the table, the French errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from esms_desktop.cli import finess as cli_finess
from esms_desktop.cli import main
from esms_desktop.domain.identifiers import finess_with_key
from esms_desktop.domain.nomenclature import Sector

WEB30 = (
    Path(__file__).resolve().parent / "fixtures" / "finess_files" / "finess-web-export-esat-30.csv"
)
KEYS = ["finess_ej", "nom", "departement", "essms_eligibles", "petit_og", "distance_km"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "donnees"
    assert run(capsys, "--data-dir", str(folder), "finess", "import", str(WEB30))[0] == 0
    return folder


def test_json_contract_sorted_by_distance_then_size(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "finess",
        "partenaires",
        "--departement",
        "01",
        "--json",
    )
    assert code == 0, err
    rows = json.loads(out)
    assert rows and all(list(r) == KEYS for r in rows)
    assert all(isinstance(r["essms_eligibles"], int) and r["essms_eligibles"] > 0 for r in rows)
    assert all(r["distance_km"] is None for r in rows)  # the web export places nothing
    counts = [r["essms_eligibles"] for r in rows]
    assert counts == sorted(counts, reverse=True) or len({r["departement"] for r in rows}) > 1
    ej = rows[0]["finess_ej"]
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "finess", "partenaires", "--ej", ej)
    assert code in (0, 1)
    assert out.startswith("Partenaires possibles pour « ")
    assert ej not in out.split("\n", 1)[1]
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "finess",
        "partenaires",
        "--departement",
        "01",
        "--petits",
        "--rayon",
        "30",
    )
    assert code == 0 and "Distances inconnues" in out and "FINESS EJ" in out


def test_errors_are_french_with_their_exit_codes(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ("--data-dir", str(data_dir), "finess", "partenaires")
    code, _, err = run(capsys, *base, "--ej", finess_with_key("59999999"))
    assert code == 1 and "absente du répertoire FINESS chargé" in err
    code, _, err = run(capsys, *base, "--departement", "99")
    assert code == 2 and "Département « 99 » inconnu" in err
    code, _, err = run(capsys, *base, "--ej", "12345")
    assert code == 2 and "invalide" in err
    code, _, err = run(capsys, *base, "--departement", "01", "--rayon", "-3")
    assert code == 2 and "--rayon" in err
    code, _, err = run(capsys, *base, "--departement", "01", "--campagne", "inconnue")
    assert code == 2 and err
    empty = tmp_path / "vide"
    code, _, err = run(
        capsys, "--data-dir", str(empty), "finess", "partenaires", "--departement", "01"
    )
    assert code == 1 and "Aucun répertoire FINESS n'est chargé" in err
    with pytest.raises(SystemExit) as exited:
        main(["finess", "partenaires", "--data-dir", str(data_dir)])
    assert exited.value.code == 2
    assert "une de ces options est obligatoire" in capsys.readouterr().err


def test_sector_choices_are_the_domain_sectors() -> None:
    assert tuple(s.value for s in Sector) == cli_finess.SECTORS
