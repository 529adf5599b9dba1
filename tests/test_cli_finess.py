"""The FINESS register on the command line: import, status, lookup, search, dossier add-finess and
add-ej — output, French messages on stderr and exit codes, through ``esms_desktop.cli.main``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from esms_desktop.cli import main
from esms_desktop.domain.identifiers import finess_with_key

FILES = Path(__file__).resolve().parent / "fixtures" / "finess_files"
WEB30 = FILES / "finess-web-export-esat-30.csv"
JSON12 = FILES / "finess-structures-extrait.json"
UNKNOWN = finess_with_key("59000001")
CAMPAIGN = "amorcage-2021-t1"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "donnees"


@pytest.fixture
def loaded(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, _, _ = run(capsys, "--data-dir", str(data_dir), "finess", "import", str(WEB30))
    assert code == 0
    return data_dir


def _new_dossier(capsys: pytest.CaptureFixture[str], data_dir: Path) -> str:
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "dossier",
        "new",
        "--name",
        "Ain",
        "--campaign",
        CAMPAIGN,
    )
    assert code == 0
    return out.strip()


def _grappe(capsys: pytest.CaptureFixture[str], data_dir: Path, dossier_id: str) -> list[str]:
    from esms_desktop.services import dossiers
    from esms_desktop.storage.store import open_store

    with open_store(data_dir, backup_on_open=False) as store:
        dossier = dossiers.load_dossier(store.uow(), int(dossier_id))
    return [f"{og.name}:{est.finess}" for og, est in dossier.grappe.rows()]


# --- finess import / status -------------------------------------------------------------------


def test_import_prints_the_count(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "finess", "import", str(WEB30), "--data-dir", str(data_dir))
    assert code == 0, err
    assert out == f"30 établissements chargés depuis « {WEB30.name} ».\n"
    assert err == ""
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "finess", "status")
    assert code == 0 and f"« {WEB30.name} » (format web), 30 établissements" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "finess", "status", "--json")
    status = json.loads(out)
    assert (status["fichier"], status["format"], status["etablissements"]) == (
        WEB30.name,
        "web",
        30,
    )


def test_status_without_register(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "finess", "status")
    assert code == 1 and "Aucun répertoire FINESS chargé" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "finess", "status", "--json")
    assert code == 1 and json.loads(out) is None


def test_import_reports_rows_in_error_on_stderr(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = WEB30.read_bytes().split(b"\r\n")
    lines[2] = lines[2].replace(b'="010005288"', b'="010005289"')
    path = tmp_path / "export.csv"
    path.write_bytes(b"\r\n".join(lines))
    code, out, err = run(capsys, "--data-dir", str(data_dir), "finess", "import", str(path))
    assert code == 0
    assert out == "29 établissements chargés depuis « export.csv » (1 ligne(s) refusée(s)).\n"
    assert "1 ligne(s) refusée(s)" in err
    assert "[erreur] export.csv, ligne 3 : numéro FINESS « 010005289 » refusé" in err


def test_a_bad_file_is_refused_and_the_table_kept(
    loaded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = JSON12.read_bytes()
    cut = tmp_path / "flux.json"
    cut.write_bytes(data[: len(data) // 2])
    code, out, err = run(capsys, "--data-dir", str(loaded), "finess", "import", str(cut))
    assert code == 2 and out == ""
    assert "« flux.json »" in err and "Rien n'a été importé" in err
    assert "Traceback" not in err
    code, out, err = run(
        capsys, "--data-dir", str(loaded), "finess", "import", str(tmp_path / "absent.csv")
    )
    assert code == 2 and "absent.csv" in err and "introuvable" in err
    code, out, _ = run(capsys, "--data-dir", str(loaded), "finess", "status")
    assert f"« {WEB30.name} »" in out and "30 établissements" in out


def test_a_second_import_replaces_the_first(
    loaded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(loaded), "finess", "import", str(JSON12))
    assert code == 0 and out.startswith("12 établissements chargés")
    code, _, err = run(capsys, "--data-dir", str(loaded), "finess", "lookup", "010001261")
    assert code == 1 and f"« {JSON12.name} », 12 établissements" in err


def test_full_export_count(
    data_dir: Path, shared_finess: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = shared_finess / "finess-web-export-esat.csv"
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "finess", "import", str(path))
    assert code == 0
    assert out == "1 508 établissements chargés depuis « finess-web-export-esat.csv ».\n"


# --- finess lookup / search -------------------------------------------------------------------


def test_lookup_json(loaded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "--data-dir", str(loaded), "finess", "lookup", "010 001 261", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert {
        k: data[k]
        for k in ("finess", "nom", "categorie", "capacite", "finess_ej", "siret", "ferme")
    } == {
        "finess": "010001261",
        "nom": "ESAT LES BROSSES",
        "categorie": "246",
        "capacite": 50,
        "finess_ej": "010785897",
        "siret": "77554408300477",
        "ferme": False,
    }
    assert data["libelle_categorie"].startswith("Etablissement et Service d'Aide par le Travail")
    assert (data["adresse"], data["code_postal"], data["commune"]) == (
        "LES BROSSES", "01560", "VERNOUX"
    )  # fmt: skip
    assert data["ouverture"] == "2000-10-01"


def test_lookup_text(loaded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(loaded), "finess", "lookup", "010001261")
    assert code == 0
    assert "Nom              : ESAT LES BROSSES" in out
    assert "Capacité         : 50" in out and "Fermé            : non" in out


def test_lookup_exit_codes(loaded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--data-dir", str(loaded), "finess", "lookup", UNKNOWN)
    assert code == 1 and out == ""
    assert f"FINESS {UNKNOWN} introuvable dans le répertoire chargé (« {WEB30.name} »" in err
    code, _, err = run(capsys, "--data-dir", str(loaded), "finess", "lookup", "10001261")
    assert code == 2
    assert "« 10001261 » invalide" in err and "8 caractères" in err and "010001261 ?" in err
    code, _, err = run(capsys, "--data-dir", str(loaded), "finess", "lookup", "010001262")
    assert code == 2 and "clé de contrôle" in err


def test_lookup_without_register(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data-dir", str(data_dir), "finess", "lookup", "010001261")
    assert code == 1
    assert "aucun répertoire FINESS n'est chargé" in err and "finess import" in err


def test_search(loaded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(loaded), "finess", "search", "Thiérache")
    assert code == 0
    assert out.startswith("020008710  246  ESAT SAVART LE NOUVION-EN-THIÉRACHE")
    code, out, _ = run(
        capsys, "--data-dir", str(loaded), "finess", "search", "esat", "les", "--json"
    )
    found = json.loads(out)
    assert len(found) == 6 and all(" LES" in e["nom"].replace("-LÈS", " LES") for e in found)
    code, out, _ = run(
        capsys, "--data-dir", str(loaded), "finess", "search", "viriat", "--json", "--limit", "1"
    )
    assert code == 0 and len(json.loads(out)) == 1
    code, out, err = run(capsys, "--data-dir", str(loaded), "finess", "search", "zzz", "--json")
    assert code == 1 and json.loads(out) == [] and "Aucun établissement trouvé pour « zzz »" in err
    code, _, err = run(
        capsys, "--data-dir", str(loaded), "finess", "search", "esat", "--limit", "0"
    )
    assert code == 2 and "--limit" in err


# --- dossier add-finess / add-ej --------------------------------------------------------------


def test_add_finess(loaded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dossier_id = _new_dossier(capsys, loaded)
    code, out, err = run(
        capsys,
        "--data-dir",
        str(loaded),
        "dossier",
        "add-finess",
        dossier_id,
        "010001261",
        "010006898",
    )
    assert code == 0, err
    assert "2 ESSMS ajouté(s) :" in out and "010001261 « ESAT LES BROSSES » → OG 010785897" in out
    assert "OG créé : « OG 010785897 »." in out
    assert _grappe(capsys, loaded, dossier_id) == [
        "OG 010785897:010001261", "OG 010785897:010006898"
    ]  # fmt: skip

    code, out, err = run(
        capsys, "dossier", "add-finess", dossier_id, "010001261", UNKNOWN, "--data-dir", str(loaded)
    )
    assert code == 1
    assert (
        "Aucun ESSMS ajouté." in out and "Déjà dans le dossier, non ajouté(s) : 010001261." in out
    )
    assert f"Absent(s) du répertoire FINESS chargé : {UNKNOWN}." in err

    code, out, err = run(
        capsys, "--data-dir", str(loaded), "dossier", "add-finess", dossier_id, "123", "010005288"
    )
    assert code == 2  # a mistyped number, but the valid one was added
    assert "Numéro « 123 » ignoré : numéro FINESS de 3 caractères au lieu de 9." in err
    assert _grappe(capsys, loaded, dossier_id)[-1] == "OG 750078149:010005288"


def test_add_finess_into_an_og(loaded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dossier_id = _new_dossier(capsys, loaded)
    run(capsys, "--data-dir", str(loaded), "dossier", "add-finess", dossier_id, "010001261")
    code, _, _ = run(
        capsys, "--data-dir", str(loaded), "dossier", "add-finess", dossier_id, "010005288",
        "--og", "1",
    )  # fmt: skip
    assert code == 0
    assert _grappe(capsys, loaded, dossier_id) == [
        "OG 010785897:010001261", "OG 010785897:010005288"
    ]  # fmt: skip
    code, _, err = run(
        capsys, "--data-dir", str(loaded), "dossier", "add-finess", dossier_id, "010006898",
        "--og", "2",
    )  # fmt: skip
    assert code == 2 and "pas d'OG n° 2" in err
    code, _, err = run(
        capsys, "--data-dir", str(loaded), "dossier", "add-finess", dossier_id, "010006898",
        "--og", "0",
    )  # fmt: skip
    assert code == 2 and "--og" in err


def test_add_ej(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--data-dir", str(data_dir), "finess", "import", str(JSON12))
    dossier_id = _new_dossier(capsys, data_dir)
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "dossier", "add-ej", dossier_id, "010000255"
    )
    assert code == 0, err
    # Issue 19: the flux lists the legal entity, so the OG bears its name, not « OG 010000255 ».
    afis = "ASSOCIATION POUR LA FORMATION ET L'INSERTION DES PERSONNES"
    assert "4 ESSMS ajouté(s) :" in out and f"OG créé : « {afis} »." in out
    assert "1 établissement(s) fermé(s) de cette entité juridique non repris." in out
    assert len(_grappe(capsys, data_dir, dossier_id)) == 4

    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "dossier", "add-ej", dossier_id, "010000255"
    )
    assert code == 0 and "Aucun ESSMS ajouté." in out and "Déjà dans le dossier" in out
    code, _, err = run(
        capsys, "--data-dir", str(data_dir), "dossier", "add-ej", dossier_id, UNKNOWN
    )
    assert code == 1 and f"Aucun établissement de l'entité juridique {UNKNOWN}" in err
    code, _, err = run(
        capsys, "--data-dir", str(data_dir), "dossier", "add-ej", dossier_id, "01000025"
    )
    assert code == 2 and "8 caractères" in err
    assert len(_grappe(capsys, data_dir, dossier_id)) == 4


def test_add_errors(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dossier_id = _new_dossier(capsys, data_dir)
    code, _, err = run(
        capsys, "--data-dir", str(data_dir), "dossier", "add-finess", dossier_id, "010001261"
    )
    assert code == 1 and "Aucun répertoire FINESS n'est chargé" in err
    run(capsys, "--data-dir", str(data_dir), "finess", "import", str(WEB30))
    code, _, err = run(capsys, "--data-dir", str(data_dir), "dossier", "add-ej", "999", "010785897")
    assert code == 3 and "999" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as exited:  # argparse: the dossier number is not a number
        main(["--data-dir", str(data_dir), "dossier", "add-finess", "x", "010001261"])
    assert exited.value.code == 2
    assert "NUMERO" in capsys.readouterr().err


def test_storage_problem_is_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_folder = tmp_path / "fichier"
    not_a_folder.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(not_a_folder), "finess", "import", str(WEB30))
    assert code == 3 and str(not_a_folder) in err and "Traceback" not in err
