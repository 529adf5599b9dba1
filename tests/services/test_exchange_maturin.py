"""The .esms file carries the levels typed from MaturiN-SMS under an optional key.

Older files have no ``maturin`` key and read as nothing typed; a file with it round-trips the
levels, their order and the date; a level that is not an integer is refused naming the field.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

import pytest

from esms_desktop.domain.dossier import AutodiagResponse
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.maturin import TypedLevels
from esms_desktop.services import dossiers, exchange
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import full_dossier

TYPED = TypedLevels(MappingProxyType({"qualite_service": 3, "fonctionnel": 1}), date(2024, 11, 5))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "donnees")
    try:
        yield opened
    finally:
        opened.close()


def _stored(store: Store, *responses: AutodiagResponse) -> int:
    with store.uow() as uow:
        new_id = uow.dossiers.add(replace(full_dossier(), autodiagnostics=responses))
        uow.commit()
    return new_id


def _rewrite(path: Path, change: object) -> None:
    with zipfile.ZipFile(path) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    envelope = json.loads(entries["esms.json"])
    change(envelope)  # type: ignore[operator]
    envelope["checksum"]["value"] = exchange.payload_checksum(envelope["payload"])
    entries["esms.json"] = json.dumps(envelope).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)


def _scopes(path: Path) -> list[dict[str, object]]:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("esms.json"))["payload"]["dossier"]["autodiagnostics"]


def test_typed_levels_round_trip_through_a_file(store: Store, tmp_path: Path) -> None:
    source = _stored(
        store,
        AutodiagResponse("grappe", MappingProxyType({"gouv.1": 2}), TYPED),
        AutodiagResponse("essms:590000100", MappingProxyType({"gouv.1": 1})),
    )
    path = exchange.export_dossier(store.uow(), source, tmp_path / "envoi.esms")
    scopes = _scopes(path)
    assert scopes[0]["maturin"] == {
        "levels": {"qualite_service": 3, "fonctionnel": 1},
        "assessed_on": "2024-11-05",
    }
    assert "maturin" not in scopes[1]  # nothing typed: the file is what older versions wrote

    imported = dossiers.load_dossier(store.uow(), exchange.import_as_new(store.uow(), path))
    grappe, essms = imported.autodiagnostics
    assert grappe.maturin == TYPED
    assert list(grappe.maturin.levels) == ["qualite_service", "fonctionnel"]
    assert dict(grappe.answers) == {"gouv.1": 2}
    assert essms.maturin.is_empty


def test_a_file_written_before_typed_levels_still_reads(store: Store, tmp_path: Path) -> None:
    source = _stored(store, AutodiagResponse("grappe", MappingProxyType({"gouv.1": 2}), TYPED))
    path = exchange.export_dossier(store.uow(), source, tmp_path / "ancien.esms")

    def as_older_program_wrote_it(envelope: dict) -> None:
        for scope in envelope["payload"]["dossier"]["autodiagnostics"]:
            scope.pop("maturin", None)

    _rewrite(path, as_older_program_wrote_it)
    content = exchange.read_exchange_file(path)
    assert content.dossier is not None
    (response,) = content.dossier.autodiagnostics
    assert response.maturin.is_empty and dict(response.answers) == {"gouv.1": 2}


@pytest.mark.parametrize(
    ("maturin", "field"),
    [
        ({"levels": {"securite": "3"}, "assessed_on": None}, "maturin.levels.securite"),
        ({"levels": {"securite": True}}, "maturin.levels.securite"),
        ({"levels": {}, "assessed_on": "le 5 novembre"}, "maturin.assessed_on"),
        ({"levels": []}, "maturin.levels"),
    ],
)
def test_a_bad_typed_level_is_refused_naming_the_field(
    store: Store, tmp_path: Path, maturin: dict[str, object], field: str
) -> None:
    source = _stored(store, AutodiagResponse("grappe", MappingProxyType({}), TYPED))
    path = exchange.export_dossier(store.uow(), source, tmp_path / "abime.esms")

    def damage(envelope: dict) -> None:
        envelope["payload"]["dossier"]["autodiagnostics"][0]["maturin"] = maturin

    _rewrite(path, damage)
    with pytest.raises(UserError) as caught:
        exchange.read_exchange_file(path)
    assert field in str(caught.value)
