""".esms files made by someone who means harm (or by a broken tool): refused in French, whole,
before anything is stored; or, for attached-file names, made safe as they are read.

The checksum is integrity against accidents, not origin: each file here is built by the test with
the module's own checksum (:func:`exchange.payload_checksum`), as anyone can. Every case was a
traceback, a poisoned store or a bomb before the file was read as a stranger's.
"""

from __future__ import annotations

import hashlib
import json
import random
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from esms_desktop import cli
from esms_desktop.domain.dossier import Annex, Dossier
from esms_desktop.domain.file_names import safe_file_name
from esms_desktop.domain.grappe import Grappe
from esms_desktop.domain.validation import dossier_problems
from esms_desktop.services import dossiers, exchange
from esms_desktop.services.exchange import ExchangeFileError
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import CAMPAIGN, grappe

MB = 1024 * 1024


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "donnees"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = open_store(data_dir, backup_on_open=False)
    try:
        yield opened
    finally:
        opened.close()


def _one_line(g: Grappe) -> Grappe:
    """The factories' grappe with one-line addresses: a wholly valid dossier to start from."""
    return replace(
        g,
        organisations=tuple(
            replace(
                og,
                establishments=tuple(
                    replace(e, address=e.address.replace("\n", ", ")) for e in og.establishments
                ),
            )
            for og in g.organisations
        ),
    )


def _dossier() -> Dossier:
    return Dossier("Candidature reçue", CAMPAIGN, grappe=_one_line(grappe(2, 2)))


def _payload(dossier: Dossier | None = None) -> dict[str, Any]:
    return {"dossier": exchange.dossier_to_dict(dossier or _dossier()), "files": []}


def _attach(payload: dict[str, Any], data: bytes, entry: str, key: str, name: str) -> None:
    payload["files"].append(
        {
            "annex_key": key,
            "name": name,
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "added": None,
            "entry": entry,
        }
    )


def _envelope_text(payload: Mapping[str, Any], kind: str = "dossier") -> str:
    """The envelope as the program writes it, checksum recomputed (anyone can)."""
    envelope = {
        "format": exchange.FORMAT_NAME,
        "format_version": exchange.FORMAT_VERSION,
        "app_version": "0.0.0",
        "created": None,
        "kind": kind,
        "checksum": {"algorithm": "sha256", "value": exchange.payload_checksum(payload)},
        "payload": payload,
    }
    return json.dumps(envelope, ensure_ascii=False)


def _zip(
    path: Path,
    text: str,
    entries: Mapping[str, bytes] | None = None,
) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(exchange.JSON_ENTRY, text.encode("utf-8"))
        for name, data in (entries or {}).items():
            z.writestr(name, data)
    return path


def _refused(store: Store, path: Path, *words: str) -> ExchangeFileError:
    """Every entry point refuses with a French message naming the file; the store is untouched
    (no dossier, no « avant-import » backup)."""
    with store.uow() as uow:
        before = [d.id for d in uow.dossiers.list_all()]
    backups = len(store.backups())
    with pytest.raises(ExchangeFileError) as caught:
        exchange.import_as_new(store.uow(), path)
    message = caught.value.message
    assert f"« {path} »" in message and message.endswith("Rien n'a été importé."), message
    for word in words:
        assert word in message, message
    with store.uow() as uow:
        assert [d.id for d in uow.dossiers.list_all()] == before
    assert len(store.backups()) == backups
    return caught.value


def _with_essms(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    payload = _payload()
    change(payload["dossier"]["grappe"]["organisations"][0]["establishments"][0])
    return payload


# --- values no door lets in --------------------------------------------------------------------


@pytest.mark.parametrize("text", ["NaN", "sNaN", "Infinity", "-Infinity", "-1e30", "1e999999999"])
def test_a_decimal_that_is_not_a_plain_number_is_refused(
    store: Store, tmp_path: Path, text: str
) -> None:
    payload = _with_essms(lambda e: e.update(eligible_hours_pct=text))
    path = _zip(tmp_path / "heures.esms", _envelope_text(payload))
    _refused(store, path, "eligible_hours_pct", text)


@pytest.mark.parametrize("text", ["NaN", "-1e30", "1E+2"])
def test_an_amount_that_is_not_a_plain_number_is_refused(
    store: Store, tmp_path: Path, text: str
) -> None:
    payload = _payload()
    payload["dossier"]["overrides"] = {"acquisition": text}
    _refused(store, _zip(tmp_path / "budget.esms", _envelope_text(payload)), "overrides")


def test_a_negative_hours_share_is_refused_with_the_list_of_problems(
    store: Store, tmp_path: Path
) -> None:
    payload = _payload()
    for est in payload["dossier"]["grappe"]["organisations"][0]["establishments"]:
        est["eligible_hours_pct"] = "-50"
    payload["dossier"]["grappe"]["organisations"][1]["establishments"][1]["capacity"] = -5
    path = _zip(tmp_path / "negatif.esms", _envelope_text(payload))
    error = _refused(store, path, "3 valeurs hors des limites", "Heures éligibles", "-50")
    problems = getattr(error, "problems", ())
    assert [p.field for p in problems] == ["Heures éligibles (%)"] * 2 + ["Capacité"]
    assert all(f"• {p}" in error.message for p in problems)  # one line each, in the message
    assert "ESSMS n°2" in problems[2].where and "OG n°2" in problems[2].where


@pytest.mark.parametrize(
    ("capacity", "words"),
    [(-5, "supérieur ou égal à 0"), (2**63, "inférieur ou égal à"), (10**6 + 1, "1\u202f000")],
)
def test_a_capacity_out_of_range_is_refused(
    store: Store, tmp_path: Path, capacity: int, words: str
) -> None:
    payload = _with_essms(lambda e: e.update(capacity=capacity))
    _refused(store, _zip(tmp_path / "capacite.esms", _envelope_text(payload)), "Capacité", words)


def test_an_integer_of_five_thousand_digits_is_refused_in_french(
    store: Store, tmp_path: Path
) -> None:
    payload = _with_essms(lambda e: e.update(capacity="@@capacite@@"))
    text = _envelope_text(payload).replace('"@@capacite@@"', "9" * 5000)
    _refused(store, _zip(tmp_path / "chiffres.esms", text), "5000 chiffres")


def test_an_og_size_beyond_its_bound_is_refused(store: Store, tmp_path: Path) -> None:
    payload = _payload()
    payload["dossier"]["grappe"]["organisations"][0]["declared_size"] = 2**63
    _refused(store, _zip(tmp_path / "taille.esms", _envelope_text(payload)), "hors des limites")


def test_a_self_assessment_level_of_a_hundred_million_is_refused(
    store: Store, tmp_path: Path
) -> None:
    payload = _payload()
    payload["dossier"]["autodiagnostics"] = [{"scope": "grappe", "answers": {"q1": 99_999_999}}]
    path = _zip(tmp_path / "niveau.esms", _envelope_text(payload))
    _refused(store, path, "Autodiagnostic", "niveau de 0 à 4")


def test_a_part_file_with_a_bad_value_is_refused_for_merging_too(
    store: Store, tmp_path: Path
) -> None:
    """A partner's part goes through the same list, whether it starts a dossier or is merged."""
    target = dossiers.create_dossier(store.uow(), "Nous", CAMPAIGN, _one_line(grappe(1, 1)))
    og = exchange.organisation_to_dict(_one_line(grappe(1, 2)).organisations[0])
    og["establishments"][1]["eligible_hours_pct"] = "-50"
    payload = {"organisation": og, "campaign_id": CAMPAIGN, "dossier_name": "x", "files": []}
    path = _zip(tmp_path / "partie.esms", _envelope_text(payload, "og"))
    _refused(store, path, "Heures éligibles", "-50")
    before = dossiers.load_dossier(store.uow(), target)
    for attempt in (
        lambda: exchange.preview_merge(store.uow(), target, path),
        lambda: exchange.merge_into(store.uow(), target, path, default="theirs"),
    ):
        with pytest.raises(ExchangeFileError, match="hors des limites"):
            attempt()
    assert dossiers.load_dossier(store.uow(), target) == before


def test_more_essms_than_a_dossier_holds_are_refused_before_they_are_built(
    store: Store, tmp_path: Path
) -> None:
    payload = _payload()
    payload["dossier"]["grappe"]["organisations"][0]["establishments"] = [{}] * 3000
    payload["dossier"]["grappe"]["organisations"][1]["establishments"] = [{}] * 3000
    _refused(store, _zip(tmp_path / "nombreux.esms", _envelope_text(payload)), "6000 ESSMS")


# --- JSON that Python reads badly ---------------------------------------------------------------


def test_deeply_nested_json_is_refused_in_french(store: Store, tmp_path: Path) -> None:
    payload = _payload()
    payload["dossier"]["profond"] = "@@profond@@"
    deep = "[" * 100_000 + "]" * 100_000
    text = _envelope_text(payload).replace('"@@profond@@"', deep)
    _refused(store, _zip(tmp_path / "profond.esms", text), "trop imbriquée")


def test_a_json_constant_nan_is_refused(store: Store, tmp_path: Path) -> None:
    """Even where nothing reads it: Python's JSON takes ``NaN``, the format has no such thing."""
    payload = _payload()
    payload["dossier"]["ailleurs"] = float("nan")  # the checksum covers it, as json.dumps writes it
    _refused(store, _zip(tmp_path / "nan.esms", _envelope_text(payload)), "NaN")


def test_a_plain_json_file_over_the_cap_is_refused_unread(store: Store, tmp_path: Path) -> None:
    payload = _payload()
    payload["dossier"]["governance"] = "x" * (exchange.MAX_JSON_BYTES + 1)
    path = tmp_path / "enorme.json"
    path.write_text(_envelope_text(payload), encoding="utf-8")
    _refused(store, path, "trop volumineux")


# --- ZIP bombs ----------------------------------------------------------------------------------


def test_the_same_entry_named_six_times_is_refused(store: Store, tmp_path: Path) -> None:
    """54 KB asked for 10 GB, or grew the database by 300 MB: one entry, many annexes."""
    data = b"%PDF " + bytes(range(256)) * 40
    payload = _payload()
    for i in range(6):
        _attach(payload, data, "pieces/0001", f"annexe{i}", f"piece{i}.pdf")
    path = _zip(tmp_path / "six.esms", _envelope_text(payload), {"pieces/0001": data})
    _refused(store, path, "plusieurs fois", "pieces/0001")


def test_an_archive_with_too_many_entries_is_refused(store: Store, tmp_path: Path) -> None:
    entries = {f"pieces/{i:04d}": b"x" for i in range(250)}
    path = _zip(tmp_path / "entrees.esms", _envelope_text(_payload()), entries)
    _refused(store, path, "trop de pièces", "251")


def test_an_entry_compressed_a_thousand_times_is_refused(store: Store, tmp_path: Path) -> None:
    data = bytes(20 * MB)  # 20 MB of zeros: 20 KB once deflated
    payload = _payload()
    _attach(payload, data, "pieces/0001", "rib", "rib.pdf")
    path = _zip(tmp_path / "bombe.esms", _envelope_text(payload), {"pieces/0001": data})
    assert path.stat().st_size < MB
    _refused(store, path, "comprimée", "pieces/0001")


def test_an_encrypted_entry_is_refused_in_french(store: Store, tmp_path: Path) -> None:
    data = b"%PDF chiffre"
    payload = _payload()
    _attach(payload, data, "pieces/0001", "rib", "rib.pdf")
    path = _zip(tmp_path / "chiffre.esms", _envelope_text(payload), {"pieces/0001": data})
    raw = bytearray(path.read_bytes())
    for signature, flags, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        at = raw.find(signature)
        while at >= 0:  # the entry's flag "encrypted", in its local and central headers
            if raw[at + name_at : at + name_at + 11] == b"pieces/0001":
                raw[at + flags] |= 1
            at = raw.find(signature, at + 4)
    path.write_bytes(bytes(raw))
    _refused(store, path, "chiffrée")


def test_a_flipped_bit_in_a_compressed_attachment_is_refused(store: Store, tmp_path: Path) -> None:
    """A damaged deflate stream raised ``zlib.error``, which nothing caught."""
    noise = random.Random(7)
    data = bytes(noise.randrange(256) for _ in range(3000)) + b"a" * 20_000
    payload = _payload()
    _attach(payload, data, "pieces/0001", "rib", "rib.pdf")
    clean = _zip(tmp_path / "propre.esms", _envelope_text(payload), {"pieces/0001": data})
    with zipfile.ZipFile(clean) as archive:
        info = archive.getinfo("pieces/0001")
    start = info.header_offset + 30 + len(info.filename)
    for seed in range(60):
        flip = random.Random(seed)
        raw = bytearray(clean.read_bytes())
        raw[start + flip.randrange(info.compress_size)] ^= 1 << flip.randrange(8)
        path = tmp_path / f"abime-{seed}.esms"
        path.write_bytes(bytes(raw))
        _refused(store, path)


# --- attached-file names are data ---------------------------------------------------------------

HOSTILE_NAMES = ("../../x", "/etc/x", "a\x00b", "RIB.pdf     .exe", "C:\\Windows\\x.pdf", "CON")


def test_attached_file_names_are_stored_as_safe_base_names(
    store: Store, tmp_path: Path, data_dir: Path
) -> None:
    dossier = _dossier()
    dossier = Dossier(
        dossier.name,
        dossier.campaign_id,
        grappe=dossier.grappe,
        annexes=tuple(
            Annex(f"annexe{i}", f"Annexe {i}", provided=True, file_name=name)
            for i, name in enumerate(HOSTILE_NAMES)
        ),
    )
    payload = _payload(dossier)
    entries = {}
    for i, name in enumerate(HOSTILE_NAMES):
        data = f"%PDF pièce {i}".encode()
        entries[f"pieces/{i + 1:04d}"] = data
        _attach(payload, data, f"pieces/{i + 1:04d}", f"annexe{i}", name)
    path = _zip(tmp_path / "noms.esms", _envelope_text(payload), entries)

    content = exchange.read_exchange_file(path)
    safe = [safe_file_name(n) for n in HOSTILE_NAMES]
    assert [f.name for f in content.files] == safe
    assert content.dossier is not None
    assert [a.file_name for a in content.dossier.annexes] == safe

    new_id = exchange.import_as_new(store.uow(), path)
    stored = dossiers.load_dossier(store.uow(), new_id)
    assert [a.file_name for a in stored.annexes] == safe
    with store.uow() as uow:
        names = [f.name for f in uow.dossiers.files(new_id)]
    assert sorted(names) == sorted(safe)
    for name in names:
        assert "/" not in name and "\\" not in name and "\x00" not in name
        assert not name.endswith((" ", ".")) and name not in {".", ".."}
    assert dossier_problems(stored) == ()


def test_an_accepted_file_leaves_a_program_that_starts(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Values at their limits are taken, and the CLI's list still works."""

    def at_limits(est: dict[str, Any]) -> None:
        est.update(capacity=10**6, eligible_hours_pct="0.01")

    payload = _with_essms(at_limits)
    payload["dossier"]["overrides"] = {"acquisition": "100000000.00"}
    path = _zip(tmp_path / "limites.esms", _envelope_text(payload))
    with open_store(data_dir, backup_on_open=False) as store:
        new_id = exchange.import_as_new(store.uow(), path)
        stored = dossiers.load_dossier(store.uow(), new_id)
    assert stored.grappe.organisations[0].establishments[0].eligible_hours_pct == Decimal("0.01")
    assert stored.overrides["acquisition"] == Decimal("100000000.00")
    assert cli.main(["--data-dir", str(data_dir), "dossier", "list"]) == 0
    assert "Candidature reçue" in capsys.readouterr().out
