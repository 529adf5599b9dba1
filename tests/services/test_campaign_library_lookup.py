"""One campaign looked up by identifier reads its own file, not the whole folder (issue 18).

Opening a dossier and the ``pdf`` command need one campaign: the library reads the shipped file
named after it, or the user's folder alone, and gives exactly what the whole listing would give
(same entry, same precedence, same damaged files listed).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import esms_desktop.services.campaign_library as module
from esms_desktop.domain.campaign import Campaign, CampaignError, load_campaign
from esms_desktop.resources import resource_path
from esms_desktop.services import catalog
from esms_desktop.services.campaign_library import CampaignLibrary

SHIPPED = resource_path("campaigns")
SHIPPED_IDS = sorted(p.stem for p in SHIPPED.glob("*.toml"))
MODEL = "generalisation-2023"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the campaign files the library parses, in order."""
    names: list[str] = []

    def counting(path: Path) -> Campaign:
        names.append(path.name)
        return load_campaign(path)

    monkeypatch.setattr(module, "load_campaign", counting)
    yield names


def user_copy(folder: Path, file_name: str, campaign_id: str, model: str = MODEL) -> Path:
    """A user's file ``file_name`` holding the shipped ``model`` under ``campaign_id``."""
    text = (SHIPPED / f"{model}.toml").read_text(encoding="utf-8")
    assert f'id = "{model}"' in text
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    path.write_text(text.replace(f'id = "{model}"', f'id = "{campaign_id}"'), encoding="utf-8")
    return path


def test_the_shipped_files_are_named_after_their_identifiers() -> None:
    """What lets one file answer: the file names alone say which campaigns the program ships."""
    assert len(SHIPPED_IDS) >= 10
    for name in SHIPPED_IDS:
        assert load_campaign(SHIPPED / f"{name}.toml").id == name


@pytest.mark.parametrize("campaign_id", SHIPPED_IDS)
def test_a_shipped_campaign_is_read_from_its_own_file_alone(
    parsed: list[str], campaign_id: str, tmp_path: Path
) -> None:
    user_copy(tmp_path / "campagnes", "bretagne.toml", "bretagne")
    lib = CampaignLibrary(SHIPPED, tmp_path / "campagnes")
    entry = lib.get(campaign_id)
    assert parsed == [f"{campaign_id}.toml"]  # neither the other shipped files nor the user's
    assert lib.campaign(campaign_id) is entry.campaign
    assert parsed == [f"{campaign_id}.toml"]  # read once


@pytest.mark.parametrize("campaign_id", SHIPPED_IDS)
def test_one_lookup_gives_what_the_whole_listing_gives(campaign_id: str, tmp_path: Path) -> None:
    user_copy(tmp_path / "campagnes", "bretagne.toml", "bretagne")
    one = CampaignLibrary(SHIPPED, tmp_path / "campagnes").get(campaign_id)
    listed = CampaignLibrary(SHIPPED, tmp_path / "campagnes").entries()[campaign_id]
    assert one == listed
    assert (one.path, one.shipped) == (SHIPPED / f"{campaign_id}.toml", True)
    assert one.campaign.fingerprint == listed.campaign.fingerprint


def test_a_user_campaign_is_read_without_the_shipped_files(
    parsed: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "campagnes"
    user_copy(folder, "bretagne.toml", "bretagne")
    lib = CampaignLibrary(SHIPPED, folder)
    entry = lib.get("bretagne")
    assert parsed == ["bretagne.toml"]
    assert (entry.path, entry.shipped) == (folder / "bretagne.toml", False)
    assert lib.get("bretagne") is entry
    assert parsed == ["bretagne.toml"]  # the folder did not change: not read again
    assert entry == CampaignLibrary(SHIPPED, folder).entries()["bretagne"]


def test_a_user_file_of_a_shipped_identifier_does_not_replace_it_and_is_listed(
    tmp_path: Path,
) -> None:
    """The library's rule, kept: the program's campaign stays, the user's copy is a problem."""
    folder = tmp_path / "campagnes"
    user_copy(folder, f"{MODEL}.toml", MODEL, model="national-2024")
    lib = CampaignLibrary(SHIPPED, folder)
    entry = lib.get(MODEL)
    assert entry.shipped and entry.path == SHIPPED / f"{MODEL}.toml"
    assert entry.campaign.title == load_campaign(SHIPPED / f"{MODEL}.toml").title
    assert [p.where for p in lib.problems] == [f"{MODEL}.toml"]
    assert "déjà pris" in str(lib.problems[0])
    assert lib.entries()[MODEL] == entry


def test_a_user_campaign_whose_file_name_differs_is_found(tmp_path: Path) -> None:
    folder = tmp_path / "campagnes"
    user_copy(folder, "copie envoyee par la federation.toml", "ars-bretagne-2026")
    user_copy(folder, "autre-nom.toml", "ars-normandie-2026")
    lib = CampaignLibrary(SHIPPED, folder)
    assert lib.get("ars-bretagne-2026").path.name == "copie envoyee par la federation.toml"
    with pytest.raises(CampaignError, match="Campagne inconnue : « autre-nom »"):
        lib.get("autre-nom")  # a file name is not an identifier: its id key is
    assert lib.get("ars-normandie-2026").path.name == "autre-nom.toml"


def test_the_first_user_file_of_an_identifier_wins_as_in_the_listing(tmp_path: Path) -> None:
    folder = tmp_path / "campagnes"
    user_copy(folder, "a-copie.toml", "doublon", model="national-2024")
    user_copy(folder, "doublon.toml", "doublon")
    lib = CampaignLibrary(SHIPPED, folder)
    entry = lib.get("doublon")
    assert entry.path.name == "a-copie.toml"
    assert entry == CampaignLibrary(SHIPPED, folder).entries()["doublon"]
    assert [p.where for p in lib.problems] == ["doublon.toml"]


def test_a_damaged_user_file_is_listed_and_its_campaign_unknown(tmp_path: Path) -> None:
    folder = tmp_path / "campagnes"
    user_copy(folder, "bretagne.toml", "bretagne")
    (folder / "abimee.toml").write_text('id = "abimee"\ntitle = \n', encoding="utf-8")
    lib = CampaignLibrary(SHIPPED, folder)
    with pytest.raises(CampaignError, match="Campagne inconnue : « abimee »") as caught:
        lib.get("abimee")
    for known in (*SHIPPED_IDS, "bretagne"):
        assert known in str(caught.value)  # the whole listing names every known campaign
    assert [p.where for p in lib.problems] == ["abimee.toml"]
    assert not lib.get("bretagne").shipped


def test_an_identifier_that_is_no_file_name_reads_nothing_outside(tmp_path: Path) -> None:
    outside = user_copy(tmp_path, "evasion.toml", "evasion")
    lib = CampaignLibrary(SHIPPED, tmp_path / "campagnes")
    for odd in ("../evasion", f"../../{outside.stem}", "", "Generalisation-2023"):
        with pytest.raises(CampaignError, match="Campagne inconnue"):
            lib.get(odd)


def test_a_shipped_file_named_otherwise_than_its_identifier_is_refused(tmp_path: Path) -> None:
    """The program's own folder breaks the rule one lookup relies on: said, never guessed."""
    shipped = tmp_path / "programme"
    user_copy(shipped, f"{MODEL}.toml", MODEL)
    user_copy(shipped, "mal-nommee.toml", "autre-id")
    with pytest.raises(CampaignError, match=r"mal nommée : mal-nommee\.toml"):
        CampaignLibrary(shipped).entries()
    with pytest.raises(CampaignError, match=r"mal nommée : mal-nommee\.toml"):
        CampaignLibrary(shipped).get("mal-nommee")
    assert CampaignLibrary(shipped).get(MODEL).id == MODEL


def test_another_user_folder_reuses_a_shipped_file_read_once(
    parsed: list[str], tmp_path: Path
) -> None:
    lib = CampaignLibrary(SHIPPED, tmp_path / "un")
    first = lib.get(MODEL)
    other = lib.with_user_folder(tmp_path / "deux")
    assert other.get(MODEL) is first
    assert sorted(other.entries()) == SHIPPED_IDS  # the listing reads only the nine others
    assert parsed.count(f"{MODEL}.toml") == 1
    assert len(parsed) == len(SHIPPED_IDS)
    assert other.entries()[MODEL] is first


def test_the_catalog_looks_up_one_campaign_from_one_file(
    parsed: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the ``pdf`` command and a dossier's opening call."""
    monkeypatch.setattr(catalog, "_library", None)
    folder = tmp_path / "campagnes"
    user_copy(folder, "bretagne.toml", "bretagne")
    catalog.use_data_folder(folder)
    assert catalog.campaign("national-2022").id == "national-2022"
    assert catalog.campaign("bretagne").id == "bretagne"
    assert parsed == ["national-2022.toml", "bretagne.toml"]
