"""Fuzz: valid ``.esms`` files, made by the program's own export, then mutated as a stranger
would — values, types, names, sizes, the archive's entries — with the checksum recomputed
(anyone can: it guards against accidents, not people).

Each mutated file gives a French refusal naming the file, or a dossier the program can hold:
never a traceback, never a dossier that fails to load or to be judged later. At the end the
program still starts: the CLI's ``dossier list`` (text and JSON), the home list of the window
(:meth:`Workspace.list_dossiers`) and loading every dossier through the services all succeed.

Deterministic: the seeds are fixed, each case draws from its own ``random.Random(seed)``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
import traceback
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from esms_desktop import cli
from esms_desktop.domain.campaign import CampaignError
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.file_names import safe_file_name
from esms_desktop.domain.validation import TEXT_CONTENT_PROBLEMS, dossier_problems, value_problems
from esms_desktop.services import dossiers, exchange
from esms_desktop.services.assessment import assess
from esms_desktop.services.export import dossier_missing
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import full_dossier, grappe

pytestmark = pytest.mark.slow

CASES = 200
MB = 1024 * 1024

VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    -5,
    7,
    2**31,
    2**63,
    10**25,
    10**40,
    1.5,
    float("inf"),
    float("nan"),
    "",
    "x",
    "NaN",
    "sNaN",
    "Infinity",
    "-1e30",
    "1e999999999",
    "1E+2",
    "-0",
    "-0.00",
    "0.00",
    "87.5",
    "100",
    "100.01",
    "-50",
    "99999999",
    "100000000.01",
    "2021-02-30",
    "2021-06-30",
    "2021-06-30T25:00:00",
    "2021-06-30T10:00:00+02:00",
    "porteur",
    "acquisition",
    "oui",
    "\x00\x1b[31m\u202e",
    "a" * 2000,
    [],
    {},
    [1, "2", None],
    {"a": {"b": [1]}},
    [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]],
)
NAMES = (
    "../../x",
    "/etc/x",
    "a\x00b",
    "RIB.pdf     .exe",
    "C:\\Windows\\win.ini",
    "CON",
    "..",
    "",
    " . ",
    "\u202eexe.pdf",
    "n" * 5000,
)
COUNTS = (0, 2, 7, 501, 1001, 5001)
INTEGERS = (-5, -1, 0, 4, 5, 10**5 + 1, 10**6, 10**6 + 1, 99_999_999, 2**63)
"""For a value already an integer (a capacity, a size, a level): the right type, out of range."""
DECIMALS = ("-50", "-0.01", "0", "100", "100.01", "100000000.00", "100000000.01", "1e3", "NaN")
"""For a value already a decimal in text (hours, amounts, thresholds)."""


@dataclass(frozen=True)
class Source:
    """A valid exchange file taken apart: its envelope and its archive's entries."""

    envelope: dict[str, Any]
    entries: dict[str, bytes]


def _take_apart(path: Path) -> Source:
    with zipfile.ZipFile(path) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    envelope = json.loads(entries.pop(exchange.JSON_ENTRY))
    return Source(envelope, entries)


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[Source]:
    """A whole dossier (every field set, an attached file) and an OG's part, as exported."""
    folder = tmp_path_factory.mktemp("sources")
    with open_store(folder / "donnees", backup_on_open=False) as store:
        with store.uow() as uow:
            whole = uow.dossiers.add(full_dossier())
            uow.commit()
        dossiers.attach_annex_file(store.uow(), whole, "rib", "rib.pdf", b"%PDF rib \x00\xff")
        part = dossiers.create_dossier(store.uow(), "Partenaire", "amorcage-2021-t1", grappe(1, 3))
        made = (
            exchange.export_dossier(store.uow(), whole, folder / "dossier.esms"),
            exchange.export_organisation(store.uow(), part, 0, folder / "partie.esms"),
        )
    return [_take_apart(p) for p in made]


# --- the mutator ----------------------------------------------------------------------------------


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every node under ``node``, as the keys and indexes leading to it."""
    found: list[tuple[Any, ...]] = []
    if isinstance(node, dict | list):
        for key, child in node.items() if isinstance(node, dict) else enumerate(node):
            found.append((*prefix, key))
            found.extend(_paths(child, (*prefix, key)))
    return found


def _parent(root: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        root = root[key]
    return root


def _is_number(value: Any) -> bool:
    """An integer, or a decimal as the program writes it (« 87.50 »)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, str) and value.replace(".", "", 1).lstrip("-").isdigit()


def _attached(data: bytes, entry: str, key: str, name: str) -> dict[str, Any]:
    return {
        "annex_key": key,
        "name": name,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "added": None,
        "entry": entry,
    }


def mutate(source: Source, rnd: random.Random) -> tuple[dict[str, Any], dict[str, bytes], list]:
    """One stranger's edit of ``source``: a few mutations, then the checksum recomputed."""
    envelope = copy.deepcopy(source.envelope)
    entries = dict(source.entries)
    payload = envelope["payload"]
    done: list[Any] = []
    for _ in range(rnd.choice((1, 1, 2, 3))):
        paths = _paths(payload)
        kind = rnd.choice(
            ("value", "value", "number", "number", "delete", "grow", "name", "file", "envelope")
        )
        numbers = [p for p in paths if _is_number(_parent(payload, p)[p[-1]])]
        if kind == "number" and numbers:
            path = rnd.choice(numbers)
            old = _parent(payload, path)[path[-1]]
            value = rnd.choice(INTEGERS if isinstance(old, int) else DECIMALS)
            _parent(payload, path)[path[-1]] = value
            done.append((kind, path, value))
        elif kind == "value" and paths:
            path = rnd.choice(paths)
            value = copy.deepcopy(rnd.choice(VALUES))
            _parent(payload, path)[path[-1]] = value
            done.append((kind, path, value if not isinstance(value, str) else value[:20]))
        elif kind == "delete" and paths:
            path = rnd.choice(paths)
            del _parent(payload, path)[path[-1]]
            done.append((kind, path))
        elif kind == "grow":
            in_lists = [p for p in paths if isinstance(_parent(payload, p), list)]
            if in_lists:
                path = rnd.choice(in_lists)
                items = _parent(payload, path)
                count = rnd.choice(COUNTS)
                items[path[-1] : path[-1] + 1] = [copy.deepcopy(items[path[-1]])] * count
                done.append((kind, path, count))
        elif kind == "name":
            named = [p for p in paths if p[-1] in ("name", "file_name", "entry", "annex_key")]
            if named:
                path = rnd.choice(named)
                _parent(payload, path)[path[-1]] = rnd.choice(NAMES)
                done.append((kind, path))
        elif kind == "file":
            done.append(_mutate_files(payload, entries, rnd))
        elif kind == "envelope":
            key = rnd.choice(("format_version", "kind", "created", "app_version", "format"))
            envelope[key] = copy.deepcopy(rnd.choice(VALUES))
            done.append((kind, key))
    envelope["checksum"] = {"algorithm": "sha256", "value": exchange.payload_checksum(payload)}
    return envelope, entries, done


def _mutate_files(payload: dict[str, Any], entries: dict[str, bytes], rnd: random.Random) -> Any:
    """The attached files and the archive's entries: sizes, duplicates, bombs, strangers."""
    files = payload.setdefault("files", [])
    if not isinstance(files, list):
        return ("file", "not a list")
    what = rnd.choice(("new", "same_entry", "size", "bomb", "many", "stray"))
    if what == "new":  # a valid new file: new bytes, their size and hash
        data = rnd.randbytes(rnd.choice((0, 10, 5000)))
        entry = f"pieces/{len(entries) + 1:04d}"
        entries[entry] = data
        files.append(_attached(data, entry, rnd.choice(("rib", "statuts_kbis", "x")), "n.pdf"))
    elif what == "same_entry" and files and isinstance(files[0], dict):
        files.extend(copy.deepcopy(files[0]) for _ in range(rnd.choice((1, 5))))
    elif what == "size" and files and isinstance(files[0], dict):
        files[0]["size"] = rnd.choice((-1, 0, 10**9, 2**63, "12", None))
    elif what == "bomb":
        data = bytes(rnd.choice((2, 51)) * MB)
        entries["pieces/bombe"] = data
        files.append(_attached(data, "pieces/bombe", "bombe", "bombe.pdf"))
    elif what == "many":
        entries.update({f"pieces/x{i}": b"" for i in range(rnd.choice((50, 250)))})
    elif what == "stray":
        entries[rnd.choice(("../../evil", "/abs", "esms.json/", "pieces/"))] = b"x"
    return ("file", what)


def _write(path: Path, envelope: dict[str, Any], entries: dict[str, bytes], plain: bool) -> None:
    text = json.dumps(envelope, ensure_ascii=False).encode("utf-8")
    if plain:
        path.write_bytes(text)
        return
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(exchange.JSON_ENTRY, text)
        for name, data in entries.items():
            archive.writestr(name, data)


# --- the checks -----------------------------------------------------------------------------------


def _holdable(store: Store, new_id: int) -> None:
    """What ``dossier list`` and the window do with every dossier, one dossier at a time."""
    loaded = dossiers.load_dossier(store.uow(read_only=True), new_id)
    assert value_problems(loaded) == ()
    # the texts are the store's business (every door keeps them): nothing else may be left
    assert {p.expected for p in dossier_problems(loaded)} <= TEXT_CONTENT_PROBLEMS
    with store.uow(read_only=True) as uow:
        files = {f.annex_key: f.name for f in uow.dossiers.files(new_id)}
    # every name that reaches a file is a safe base name (an annex without a file: a text)
    names = [*files.values(), *(a.file_name for a in loaded.annexes if a.key in files)]
    assert all(safe_file_name(n) == n for n in names if n), names
    try:
        budget = assess(loaded.grappe, loaded.campaign_id, loaded.overrides)
        dossier_missing(loaded)
    except CampaignError:  # a campaign this program does not know: said, never a crash
        return
    assert budget.total >= 0


def test_mutated_exchange_files_are_refused_in_french_or_held_whole(
    sources: list[Source], tmp_path: Path
) -> None:
    data_dir = tmp_path / "donnees"
    with open_store(data_dir, backup_on_open=False) as store:
        outcomes = _import_mutants(sources, store, tmp_path)
        # the program still starts, over everything that was accepted: the window's home list
        # (each dossier was loaded and judged by _holdable as it came in), then the CLI's
        assert len(Workspace(store).list_dossiers()) == outcomes["imported"]
    assert cli.main(["--data-dir", str(data_dir), "dossier", "list", "--json"]) == 0


def _import_mutants(sources: list[Source], store: Store, tmp_path: Path) -> dict[str, int]:
    outcomes = {"refused": 0, "imported": 0}
    for seed in range(CASES):
        rnd = random.Random(seed)
        source = rnd.choice(sources)
        envelope, entries, done = mutate(source, rnd)
        plain = not envelope["payload"].get("files") and rnd.random() < 0.3
        path = tmp_path / f"cas-{seed}.{'json' if plain else 'esms'}"
        _write(path, envelope, entries, plain)
        try:
            new_id = exchange.import_as_new(store.uow(), path)
            _holdable(store, new_id)
        except UserError as exc:
            assert exc.message and path.name in exc.message, (seed, done, exc.message)
            outcomes["refused"] += 1
        except Exception:
            pytest.fail(f"cas {seed} ({done}) : {traceback.format_exc()}")
        else:
            outcomes["imported"] += 1
        path.unlink()
    # both outcomes are exercised, or the mutator tests nothing
    assert outcomes["refused"] > CASES // 4 and outcomes["imported"] > CASES // 10, outcomes
    return outcomes
