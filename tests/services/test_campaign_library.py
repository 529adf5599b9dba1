"""The user's campaigns: derived, exported, imported, refused, re-read, set aside.

A campaign file handed from one association to another must give the same budget to the cent,
and a damaged file must never change what was already imported (issue 15).
"""

from __future__ import annotations

import errno
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.campaign import Campaign, CampaignError, ValueStatus, load_campaign
from esms_desktop.domain.grappe import ProjectType
from esms_desktop.resources import resource_path
from esms_desktop.services.assessment import assess_with
from esms_desktop.services.campaign_library import CampaignExistsError, CampaignLibrary
from esms_desktop.storage.errors import StoreError
from tests.domain.builders import establishments, grappe, og

SOURCE = "generalisation-2024"
TYPED = {  # the four amounts a généralisation 2024 leaves à confirmer, cents included
    "acquisition": Decimal("20000.55"),
    "conformite": Decimal("8000.10"),
    "equipement": Decimal("5000.05"),
    "accompagnement": Decimal("30000.33"),
}


def library(folder: Path) -> CampaignLibrary:
    return CampaignLibrary(resource_path("campaigns"), folder)


@pytest.fixture
def lib(tmp_path: Path) -> CampaignLibrary:
    return library(tmp_path / "donnees" / "campagnes")


def sample_grappe():
    """A big OG in acquisition and a small one (equipment, per-OG line) in conformité."""
    return grappe(
        og("Association A", establishments(10, equipment=True), porteur=True, size=40),
        og(
            "Association B",
            establishments(6, start=20, dept="62", project=ProjectType.CONFORMITE, equipment=True),
        ),
        segur=True,
    )


def figures(budget: Budget) -> tuple[object, ...]:
    """Everything a director files: total, each ESSMS's amount, each line, each tranche."""
    return (
        budget.total,
        budget.complete,
        tuple((e.finess, e.amount) for e in budget.establishments),
        tuple((line.label, line.amount) for line in budget.project_lines),
        tuple((line.og, line.amount) for line in budget.og_lines),
        tuple(t.amount for t in budget.tranches),
    )


def budget_of(campaign: Campaign, overrides: dict[str, Decimal] | None = None) -> Budget:
    return assess_with(sample_grappe(), campaign, overrides)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (temporary files included) with its bytes."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def exported(lib: CampaignLibrary, campaign_id: str, target: Path) -> Path:
    lib.export(campaign_id, target)
    return target


def renamed(text: str, new_id: str, title: str) -> str:
    text = re.sub(r'^id = ".*"$', f'id = "{new_id}"', text, count=1, flags=re.MULTILINE)
    return re.sub(r'^title = ".*"$', f'title = "{title}"', text, count=1, flags=re.MULTILINE)


# --- derive, export, import: the same figures ------------------------------------------------


def test_derive_with_overrides_gives_the_source_budget_with_those_overrides(
    lib: CampaignLibrary,
) -> None:
    entry = lib.derive(
        SOURCE, "ars-bretagne-2024", "ARS Bretagne 2024", TYPED, entered_in="Grappe du Nord"
    )
    assert entry.path.parent == lib.user_folder and entry.path.name == "ars-bretagne-2024.toml"
    derived = lib.campaign("ars-bretagne-2024")
    expected = budget_of(lib.campaign(SOURCE), TYPED)
    assert expected.complete  # the four amounts were all that was missing, the ceiling aside
    assert figures(budget_of(derived)) == figures(expected)
    for name, amount in TYPED.items():
        value = derived.value(name)
        assert (value.amount, value.status) == (amount, ValueStatus.SAISI)
        assert "Saisi dans le dossier « Grappe du Nord »" in value.source
    assert derived.title == "ARS Bretagne 2024"
    assert lib.get("ars-bretagne-2024").origin == "utilisateur"


def test_an_exported_campaign_imported_elsewhere_keeps_its_fingerprint_and_budget(
    lib: CampaignLibrary, tmp_path: Path
) -> None:
    lib.derive(SOURCE, "ars-bretagne-2024", "ARS Bretagne 2024", TYPED)
    shared = exported(lib, "ars-bretagne-2024", tmp_path / "bretagne.toml")
    other = library(tmp_path / "autre" / "campagnes")
    entry = other.import_file(shared)
    assert entry.path == other.user_folder / "ars-bretagne-2024.toml"
    mine, theirs = lib.campaign("ars-bretagne-2024"), other.campaign("ars-bretagne-2024")
    assert theirs.fingerprint == mine.fingerprint and len(mine.fingerprint) == 16
    assert figures(budget_of(theirs)) == figures(budget_of(mine))
    assert entry.path.read_bytes() == shared.read_bytes()  # comments and layout kept


def test_a_renamed_copy_is_imported_beside_its_original(
    lib: CampaignLibrary, tmp_path: Path
) -> None:
    shared = exported(lib, SOURCE, tmp_path / "g2024.toml")
    first = tmp_path / "bretagne.toml"
    first.write_text(renamed(shared.read_text("utf-8"), "bretagne", "Bretagne"), "utf-8")
    second = tmp_path / "normandie.toml"
    second.write_text(renamed(shared.read_text("utf-8"), "normandie", "Normandie"), "utf-8")
    lib.import_file(first)
    lib.import_file(second)
    user = {i: e for i, e in lib.entries().items() if not e.shipped}
    assert sorted(user) == ["bretagne", "normandie"]
    assert user["normandie"].campaign.title == "Normandie"
    assert figures(budget_of(user["bretagne"].campaign, TYPED)) == figures(
        budget_of(lib.campaign(SOURCE), TYPED)
    )


# --- what is refused, and that nothing changes then ----------------------------------------


DAMAGES = {
    # (how the file is damaged, what the message must name)
    "toml_mal_forme": (lambda t: t.replace('kind = "regional"', "kind = regional"), r"ligne \d+"),
    "cle_inconnue": (
        lambda t: t.replace('kind = "regional"', 'kindd = "regional"'),
        r"ligne \d+, clé kindd : clé inconnue",
    ),
    "tranches_pas_100": (
        lambda t: t.replace("pct = 50\n", "pct = 40\n", 1),
        r"ligne \d+, clé tranches : .*100",
    ),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_file_is_refused_naming_file_line_and_key_and_nothing_changes(
    lib: CampaignLibrary, tmp_path: Path, damage: str
) -> None:
    lib.derive(SOURCE, "deja-importee", "Déjà importée", TYPED)
    before = snapshot(lib.user_folder)
    spoil, needle = DAMAGES[damage]
    text = renamed(exported(lib, SOURCE, tmp_path / "x.toml").read_text("utf-8"), "neuve", "N")
    damaged = tmp_path / "abimee.toml"
    damaged.write_text(spoil(text), "utf-8")
    with pytest.raises(CampaignError) as caught:
        lib.import_file(damaged)
    message = str(caught.value)
    assert message.startswith("fichier abimee.toml, ligne "), message
    assert re.search(needle, message), message
    assert caught.value.line is not None
    assert snapshot(lib.user_folder) == before
    assert sorted(i for i, e in lib.entries().items() if not e.shipped) == ["deja-importee"]


def test_a_shipped_identifier_is_refused(lib: CampaignLibrary, tmp_path: Path) -> None:
    shared = exported(lib, SOURCE, tmp_path / "g2024.toml")
    with pytest.raises(CampaignError, match="campagne du programme"):
        lib.import_file(shared)
    assert snapshot(lib.user_folder) == {}
    assert lib.get(SOURCE).shipped


def test_an_identifier_already_imported_is_replaced_only_when_asked(
    lib: CampaignLibrary, tmp_path: Path
) -> None:
    lib.derive(SOURCE, "bretagne", "Bretagne", TYPED)
    text = exported(lib, "bretagne", tmp_path / "b.toml").read_text("utf-8")
    newer = tmp_path / "b2.toml"
    newer.write_text(text.replace("amount = 20000.55", "amount = 21000.0"), "utf-8")
    before = snapshot(lib.user_folder)
    with pytest.raises(CampaignExistsError, match="existe déjà") as caught:
        lib.import_file(newer)
    assert caught.value.campaign_id == "bretagne"
    assert snapshot(lib.user_folder) == before
    entry = lib.import_file(newer, replace=True)
    assert entry.campaign.value("acquisition").amount == Decimal(21000)
    assert sorted(snapshot(lib.user_folder)) == ["bretagne.toml"]


# --- the folder as the user may leave it -------------------------------------------------------


def test_a_broken_file_in_the_folder_is_a_problem_and_the_others_still_load(
    lib: CampaignLibrary,
) -> None:
    lib.derive(SOURCE, "bretagne", "Bretagne", TYPED)
    assert lib.user_folder is not None
    (lib.user_folder / "cassee.toml").write_text('id = "cassee"\ntitle = \n', "utf-8")
    entries = lib.entries()
    assert "bretagne" in entries and "cassee" not in entries and SOURCE in entries
    [problem] = lib.problems
    assert str(problem).startswith("fichier cassee.toml, ligne 2")


def test_importing_over_a_damaged_file_of_that_name_keeps_the_damaged_one_aside(
    lib: CampaignLibrary, tmp_path: Path
) -> None:
    exported_file = exported(lib, SOURCE, tmp_path / "source.toml")
    sent = tmp_path / "bretagne.toml"
    sent.write_text(renamed(exported_file.read_text("utf-8"), "bretagne", "Bretagne"), "utf-8")
    assert lib.user_folder is not None
    lib.user_folder.mkdir(parents=True)
    hand_edited = b'id = "bretagne"\ntitle = \n# mes notes\n'
    (lib.user_folder / "bretagne.toml").write_bytes(hand_edited)
    assert lib.problems  # the damaged file is reported, not loaded
    lib.import_file(sent)
    assert lib.campaign("bretagne").title == "Bretagne"
    [aside] = (lib.user_folder / "supprimees").iterdir()
    assert aside.read_bytes() == hand_edited


def test_a_user_file_changed_on_disk_is_read_again(lib: CampaignLibrary) -> None:
    entry = lib.derive(SOURCE, "bretagne", "Bretagne", TYPED)
    assert lib.campaign("bretagne").value("acquisition").amount == Decimal("20000.55")
    text = entry.path.read_text("utf-8")
    entry.path.write_text(text.replace("amount = 20000.55", "amount = 123456.0"), "utf-8")
    assert lib.campaign("bretagne").value("acquisition").amount == Decimal(123456)


def test_delete_sets_the_file_aside_in_supprimees(lib: CampaignLibrary) -> None:
    entry = lib.derive(SOURCE, "bretagne", "Bretagne", TYPED)
    data = entry.path.read_bytes()
    aside = lib.delete("bretagne")
    assert aside.parent == entry.path.parent / "supprimees"
    assert aside.read_bytes() == data and not entry.path.exists()
    assert "bretagne" not in lib.entries()
    with pytest.raises(CampaignError, match="campagne du programme"):
        lib.delete(SOURCE)


# --- a full disk -------------------------------------------------------------------------------


class Disk:
    """The disk as the atomic writer meets it: when ``full``, moving a new file into place (the
    rename of a temporary file, its last step) fails with ENOSPC; other renames still work."""

    full = False


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Disk:
    state = Disk()
    real = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if state.full and Path(src).name.startswith("."):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return state


def test_a_full_disk_during_import_says_so_and_changes_nothing(
    lib: CampaignLibrary, tmp_path: Path, disk: Disk
) -> None:
    lib.derive(SOURCE, "deja-importee", "Déjà importée", TYPED)
    text = exported(lib, SOURCE, tmp_path / "g.toml").read_text("utf-8")
    incoming = tmp_path / "neuve.toml"
    incoming.write_text(renamed(text, "neuve", "Neuve"), "utf-8")
    before = snapshot(lib.user_folder)
    disk.full = True
    with pytest.raises(StoreError, match="disque est plein"):
        lib.import_file(incoming)
    assert snapshot(lib.user_folder) == before
    assert "neuve" not in lib.entries()


def test_a_full_disk_while_replacing_keeps_the_campaign_it_was_to_replace(
    lib: CampaignLibrary, tmp_path: Path, disk: Disk
) -> None:
    """A campaign whose file name is not its identifier (dropped by hand in the folder) is set
    aside only once its replacement is written: a full disk must not lose it."""
    assert lib.user_folder is not None
    text = renamed(exported(lib, SOURCE, tmp_path / "g.toml").read_text("utf-8"), "nord", "Nord")
    lib.user_folder.mkdir(parents=True)
    (lib.user_folder / "ma-campagne.toml").write_text(text, "utf-8")
    assert lib.get("nord").path.name == "ma-campagne.toml"
    newer = tmp_path / "nord.toml"
    newer.write_text(text.replace('title = "Nord"', 'title = "Nord, version 2"'), "utf-8")
    before = snapshot(lib.user_folder)
    disk.full = True
    with pytest.raises(StoreError, match="disque est plein"):
        lib.import_file(newer, replace=True)
    assert snapshot(lib.user_folder) == before
    assert lib.campaign("nord").title == "Nord"
    disk.full = False
    entry = lib.import_file(newer, replace=True)
    assert entry.path.name == "nord.toml" and entry.campaign.title == "Nord, version 2"
    assert [p.parent.name for p in lib.user_folder.rglob("ma-campagne*.toml")] == ["supprimees"]


def test_the_loader_and_the_library_agree_on_an_exported_file(
    lib: CampaignLibrary, tmp_path: Path
) -> None:
    """``campaign check`` (the loader) accepts what the library exports, with the same rules."""
    shared = exported(lib, SOURCE, tmp_path / "g.toml")
    assert load_campaign(shared).fingerprint == lib.campaign(SOURCE).fingerprint


def test_another_user_folder_keeps_the_shipped_campaigns_read_once(
    lib: CampaignLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert SOURCE in lib.entries()  # the shipped files are read here
    import esms_desktop.services.campaign_library as module

    def no_reading(path: Path) -> Campaign:
        raise AssertionError(f"read again: {path}")

    monkeypatch.setattr(module, "load_campaign", no_reading)
    other = lib.with_user_folder(tmp_path / "autre" / "campagnes")
    assert other.user_folder == tmp_path / "autre" / "campagnes"
    assert other.entries().keys() == lib.entries().keys() - {
        e.id for e in lib.entries().values() if not e.shipped
    }
