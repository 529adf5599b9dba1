"""Issue 19: legal entities, phones and places read from the three FINESS formats.

The ANS JSON sample's values are checked against the raw file, read here apart with the standard
``json`` module (so the reader's own field choices are not the oracle). The etalab
``geolocalisation`` rows are made from real projected pairs of that sample (the geodesy
fixture), whose WGS84 values the converted places must match within a metre.
"""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from esms_desktop.domain import finess_register
from esms_desktop.domain.finess_register import (
    FinessFileError,
    RegisterBuilder,
    RegisterLegalEntity,
    RegisterSource,
    clean_phone,
    display_phone,
)
from esms_desktop.domain.geodesy import GeoPoint, distance_km
from esms_desktop.importers.finess_detect import detect_format, read_register
from esms_desktop.importers.finess_etalab import read_etalab
from esms_desktop.importers.finess_json import read_json_flux
from esms_desktop.importers.finess_web import read_web_export
from tests.importers.test_finess_readers import ETALAB30 as ETALAB
from tests.importers.test_finess_readers import WEB30

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
COORDINATES = FIXTURES / "geodesy" / "finess-json-coordinates.csv"


def _raw_entities(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return list(json.load(stream)["pmej"])


# --- ANS JSON flux --------------------------------------------------------------------------------


def test_json_sample_gives_its_30_legal_entities_as_the_file_says(shared_finess: Path) -> None:
    path = shared_finess / "finess-structures-sample.json.gz"
    result = read_json_flux(path)
    raw = _raw_entities(path)
    assert len(raw) == 30 and len(result.legal_entities) == 30
    by_ej = {e.finess_ej: e for e in result.legal_entities}
    located = 0
    for pm in raw:
        info = pm["informationsGeneralesPMEJ"]
        entity = by_ej[info["numFinessPm"]]
        [seat] = pm["adresse"]  # one address each in the sample
        assert entity.siren == info["siren"]
        assert entity.name == " ".join(info["denominationPm"].split())
        assert entity.long_name == " ".join(info["denominationLonguePmSmsse"].split())
        assert entity.legal_status_code == info["statutJuridique"]
        parts = (seat["complementPointGeographique"], seat["ligneQuatre"], seat["lieuDit"])
        assert entity.address == ", ".join(p for p in parts if p)
        assert entity.postal_code == seat["codePostal"]
        assert entity.town == seat["ligneAcheminement"]
        assert entity.department == info["numFinessPm"][:2] or info["numFinessPm"][:2] == "97"
        assert entity.closed is (pm["etatObjet"] == "I")
        assert entity.source == "json"
        phones = [c["telecom"]["telephone"] for c in pm["contact"] if c["telecom"]["telephone"]]
        assert entity.phone == (clean_phone(phones[0]) if phones else "")
        coords = seat["coordonneesGeographique"]
        if entity.location is not None:
            located += 1
            degrees = (coords["coordonneeY"], coords["coordonneeX"])
            if abs(float(coords["coordonneeX"])) > 180:  # the pairs the flux swapped
                degrees = (coords["directionLatitude"], coords["directionLongitude"])
            assert entity.location == GeoPoint(float(degrees[0]), float(degrees[1]))
        else:
            assert coords is None or coords.get("coordonneeX") is None
    assert located == 25  # five seats of the sample have no coordinates


def test_json_sample_a_few_legal_entities_by_hand(shared_finess: Path) -> None:
    result = read_json_flux(shared_finess / "finess-structures-sample.json.gz")
    by_ej = {e.finess_ej: e for e in result.legal_entities}
    assert by_ej["010000255"] == RegisterLegalEntity(
        finess_ej="010000255",
        siren="779309194",
        name="ASS.ACCUEIL FORMA INSERT PERSON SOURD",
        long_name="ASSOCIATION POUR LA FORMATION ET L'INSERTION DES PERSONNES",
        legal_status_code="60",
        address="5 RUE DU LYCEE",
        postal_code="01000",
        town="BOURG EN BRESSE",
        department="01",
        phone="0474226685",
        location=GeoPoint(46.200985, 5.226104),
        source="json",
    )
    assert by_ej["010000016"].closed  # closed in 2019
    # Its coordonneeX/Y hold Lambert-93 metres: the degrees of direction* are taken instead.
    assert by_ej["010002277"].location == GeoPoint(45.958916, 5.358366)
    assert by_ej["970302477"].department == "973"
    assert by_ej["750721334"].display_name == "CROIX ROUGE FRANCAISE"
    # Establishments carry their own phone and place.
    entry = result.by_finess()["010780195"]
    assert (entry.phone, entry.location) == ("0428631234", GeoPoint(46.211257, 5.254203))


def test_json_duplicate_legal_entity_is_merged_and_reported(tmp_path: Path) -> None:
    flux = json.loads((FIXTURES / "finess_files" / "finess-structures-extrait.json").read_text())
    first = flux["pmej"][0]
    twin = json.loads(json.dumps(first))
    twin["informationsGeneralesPMEJ"]["siren"] = None
    twin["informationsGeneralesPMEJ"]["denominationPm"] = "AUTRE NOM"
    twin["ege"] = []
    flux["pmej"].append(twin)
    path = tmp_path / "flux.json"
    path.write_text(json.dumps(flux), encoding="utf-8")
    result = read_json_flux(path)
    ej = first["informationsGeneralesPMEJ"]["numFinessPm"]
    [entity] = [e for e in result.legal_entities if e.finess_ej == ej]
    assert entity.siren == first["informationsGeneralesPMEJ"]["siren"]  # the first wins
    assert entity.name == first["informationsGeneralesPMEJ"]["denominationPm"]
    assert any(f"entité juridique FINESS {ej} en double" in i.message for i in result.warnings)


def test_a_legal_entity_with_a_bad_siren_keeps_the_rest() -> None:
    builder = RegisterBuilder("f.json", RegisterSource.JSON)
    assert builder.add_legal_entity(0, "010000255", siren="779309195", name="X") == "010000255"
    assert builder.add_legal_entity(0, "010000256", name="Y") is None  # bad key: refused
    result = builder.result()
    [entity] = result.legal_entities
    assert (entity.siren, entity.name) == ("", "X")
    assert [i.message.split(" :")[0] for i in result.warnings] == [
        "SIREN « 779309195 » ignoré",
        "entité juridique « 010000256 » ignorée",
    ]


# --- website export -------------------------------------------------------------------------------


def test_web_export_gives_phones_and_the_legal_status_of_each_ej() -> None:
    result = read_web_export(WEB30)
    by = result.by_finess()
    assert by["010001261"].phone == "0474470470"
    assert by["010005288"].phone == "0474473886"
    ejs = {e.finess_ej: e for e in result.legal_entities}
    assert set(ejs) == {e.finess_ej for e in result.entries if e.finess_ej}
    brosses = ejs["010785897"]
    assert brosses == RegisterLegalEntity(
        finess_ej="010785897",
        legal_status_code="61",
        legal_status_label="Association Loi 1901 Reconnue d'Utilité Publique",
        department="01",
        source="web",
    )
    assert result.issues == ()  # an EJ named by several rows is no duplicate


def test_real_web_export_phones(shared_finess: Path) -> None:
    result = read_web_export(shared_finess / "finess-web-export-esat.csv")
    with_phone = [e for e in result.entries if e.phone]
    assert len(with_phone) > 1400
    assert sum(len(e.phone) == 10 and e.phone.isdigit() for e in with_phone) > 1400


# --- etalab ---------------------------------------------------------------------------------------


def _coordinate_rows() -> list[dict[str, str]]:
    with COORDINATES.open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream, delimiter=";"))


def _geolocated_etalab(tmp_path: Path) -> tuple[Path, dict[str, GeoPoint]]:
    """The etalab excerpt with real projected pairs for its first establishments (one of them
    given before its establishment's row), plus a place of no establishment and an unknown
    projection."""
    lines = ETALAB.read_bytes().decode("cp1252").splitlines()
    structures = [line for line in lines if line.startswith("structureet;")]
    numbers = [line.split(";")[1] for line in structures]
    pairs = _coordinate_rows()
    expected: dict[str, GeoPoint] = {}
    geo: list[str] = []
    for number, pair in zip(numbers, pairs, strict=False):
        system = f"1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,{pair['systeme']}"
        geo.append(f"geolocalisation;{number};{pair['x']};{pair['y']};{system};2024-01-10")
        expected[number] = GeoPoint(float(pair["latitude"]), float(pair["longitude"]))
    early, geo = geo[0], geo[1:]
    geo.append("geolocalisation;010000024;870215.9;6571590.5;1,IGN,LAMBERT_93;2024-01-10")
    geo.append(f"geolocalisation;{numbers[-1]};870215.9;6571590.5;1,IGN,GAUSS_K;2024-01-10")
    text = [lines[0], early, *structures, *geo]
    path = tmp_path / "etalab-geo.csv"
    path.write_bytes(("\n".join(text) + "\n").encode("cp1252"))
    return path, expected


@pytest.mark.parametrize("batch", [1, 4, 5000])
def test_etalab_geolocations_give_places_within_a_metre(
    tmp_path: Path, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(finess_register, "BATCH_SIZE", batch)
    path, expected = _geolocated_etalab(tmp_path)
    result = read_etalab(path)
    by = result.by_finess()
    assert len(expected) == len(_coordinate_rows())  # every pair used (the excerpt has more)
    for number, point in expected.items():
        located = by[number].location
        assert located is not None, number
        assert distance_km(located, point) < 0.001, number
    assert result.located == len(expected)
    unplaced = [e for e in result.entries if e.finess not in expected]
    assert unplaced and all(e.location is None for e in unplaced)
    messages = [i.message for i in result.warnings]
    assert "1 géolocalisation(s) d'établissements absents du fichier : ignorée(s)" in messages
    assert any(m.startswith("1 géolocalisation(s) illisible(s)") for m in messages)
    assert result.errors == ()


def test_etalab_geolocations_reach_the_register_file(tmp_path: Path) -> None:
    from esms_desktop.services import finess_lookup
    from esms_desktop.storage.store import open_store

    path, expected = _geolocated_etalab(tmp_path)
    with open_store(tmp_path / "donnees", backup_on_open=False) as store:
        finess_lookup.load_register(store.uow(), path)
        for number, point in expected.items():
            entry = finess_lookup.lookup(store.uow(), number)
            assert entry is not None and entry.location is not None
            assert distance_km(entry.location, point) < 0.001


def test_etalab_telephone_field() -> None:
    by = read_etalab(ETALAB).by_finess()
    assert by["010001261"].phone == "0474470470"  # « 0474470470 » in the file
    assert read_etalab(ETALAB).legal_entities == ()  # the extract names no legal entity


def test_etalab_extract_of_legal_entities_is_refused_by_name(tmp_path: Path) -> None:
    """No real ``structureej`` file was available: its columns are never guessed."""
    rows = [
        "finess;etalab;98;2024-01-10",
        "structureej;010785897;ADAPEI DE L'AIN;ADAPEI DE L'AIN;;;;;;;;;01;AIN;01000 BOURG",
    ]
    for lines in (rows, rows[1:]):
        path = tmp_path / "etalab-cs1100501-stock-20240110-0336.csv"
        path.write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
        assert detect_format(path) == "etalab"
        with pytest.raises(FinessFileError) as caught:
            read_register(path)
        message = str(caught.value)
        assert "« etalab-cs1100501-stock-20240110-0336.csv »" in message
        assert "liste les entités juridiques" in message
        assert "n'a pas encore pu être vérifiée sur un fichier réel" in message
        assert "extraction etalab des établissements" in message and "JSON" in message
        assert "Rien n'a été importé" in message


def test_phones_stored_alike_and_spaced_the_french_way() -> None:
    assert clean_phone("0474470470") == "0474470470"
    assert clean_phone(" 04.74.47.04.70 ") == "0474470470"
    assert clean_phone("04 74 47 04 70 ") == "0474470470"
    assert clean_phone("+262  262 00 00 00") == "+262 262 00 00 00"
    assert clean_phone("") == ""
    assert display_phone("0474470470") == "04 74 47 04 70"
    assert display_phone("+262 262 00 00 00") == "+262 262 00 00 00"
