"""``campaigns``, ``campaign export|check|import`` and ``check|budget --campaign-file`` (issue 15).

Done when: a campaign exported, renamed, imported and used for a budget gives the same figures as
its source; a damaged file is refused by ``campaign check`` and by import with a French message,
and nothing already imported is changed.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from esms_desktop.cli import main
from esms_desktop.cli.check import AMOUNT_WIDTH, LABELS_END, fit
from esms_desktop.resources import resource_path

SOURCE = "generalisation-2024"
TYPED = ("acquisition=20000,55", "conformite=8000", "equipement=5000", "accompagnement=30000,10")
"""The amounts a généralisation 2024 leaves à confirmer, as a director types them."""
SHIPPED_COUNT = 10


def run(*args: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    code = main([str(a) for a in args], out)
    return code, out.getvalue()


def run_json(*args: str | Path) -> tuple[int, Any]:
    code, text = run(*args, "--json")
    return code, json.loads(text)


def sets(*pairs: str) -> list[str]:
    return [word for pair in pairs for word in ("--set", pair)]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "donnees"


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def renamed(path: Path, new_id: str, title: str, target: Path) -> Path:
    text = path.read_text("utf-8")
    text = re.sub(r'^id = ".*"$', f'id = "{new_id}"', text, count=1, flags=re.MULTILINE)
    text = re.sub(r'^title = ".*"$', f'title = "{title}"', text, count=1, flags=re.MULTILINE)
    target.write_text(text, "utf-8")
    return target


def exported(data: Path, tmp_path: Path, campaign_id: str = SOURCE) -> Path:
    target = tmp_path / f"{campaign_id}.toml"
    code, text = run("--data-dir", data, "campaign", "export", campaign_id, "-o", target)
    assert code == 0 and str(target) in text
    return target


def figures(budget: dict[str, Any]) -> tuple[object, ...]:
    return (
        budget["total_eur"],
        budget["total_complete"],
        budget["tranches_eur"],
        [(e["finess"], e["amount_eur"]) for e in budget["establishments"]],
        [(line["og"], line["amount_eur"]) for line in budget["og_lines"]],
    )


# --- the done-when chain -----------------------------------------------------------------------


def test_exported_renamed_imported_and_used_the_campaign_gives_its_source_s_figures(
    data: Path, tmp_path: Path, example_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = exported(data, tmp_path)
    mine = renamed(shared, "ars-bretagne-2024", "ARS Bretagne 2024", tmp_path / "bretagne.toml")
    code, text = run("--data-dir", data, "campaign", "import", mine)
    saved = data / "campagnes" / "ars-bretagne-2024.toml"
    assert code == 0, capsys.readouterr().err
    assert f"enregistrée dans {saved}" in text and saved.read_bytes() == mine.read_bytes()

    code, listed = run_json("--data-dir", data, "campaigns")
    assert code == 0
    new = next(c for c in listed if c["id"] == "ars-bretagne-2024")
    assert (new["origin"], new["file"], new["title"]) == (
        "utilisateur",
        str(saved),
        "ARS Bretagne 2024",
    )

    grappe_args = ("budget", example_csv, *sets(*TYPED))
    _, source = run_json("--data-dir", data, *grappe_args, "--campaign", SOURCE)
    code, imported = run_json("--data-dir", data, *grappe_args, "--campaign", "ars-bretagne-2024")
    assert code == 0 and imported["campaign"] == "ars-bretagne-2024"
    assert figures(imported) == figures(source)
    assert imported["total_eur"] == 232_000.30 and imported["total_complete"] is True
    assert imported["campaign_fingerprint"] == new["fingerprint"] != source["campaign_fingerprint"]

    # The same file, used without importing it (in a folder that never saw it).
    code, from_file = run_json(
        "--data-dir", tmp_path / "ailleurs", *grappe_args, "--campaign-file", mine
    )
    assert code == 0
    assert figures(from_file) == figures(imported)
    assert from_file["campaign_fingerprint"] == new["fingerprint"]
    assert not (tmp_path / "ailleurs" / "campagnes").exists()  # used, not imported


def test_check_takes_a_campaign_file_too(
    data: Path, tmp_path: Path, example_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = exported(data, tmp_path, "national-2021")
    mine = renamed(shared, "national-bis", "National bis", tmp_path / "n.toml")
    code, verdict = run_json("--data-dir", data, "check", example_csv, "--campaign-file", mine)
    assert code == 1 and verdict["campaign"] == "national-bis" and verdict["eligible"] is False
    code, text = run("--data-dir", data, "check", example_csv, "--campaign-file", mine)
    assert code == 1 and "Campagne national-bis : NON ÉLIGIBLE" in text


# --- campaigns -----------------------------------------------------------------------------------


def test_campaigns_lists_shipped_then_user_campaigns_with_their_file(
    data: Path, tmp_path: Path
) -> None:
    code, listed = run_json("--data-dir", data, "campaigns")
    assert code == 0 and len(listed) == SHIPPED_COUNT
    shipped = Path(resource_path("campaigns"))
    for c in listed:
        assert {"id", "title", "kind", "year", "missing_values"} <= set(c)  # unchanged keys
        assert c["origin"] == "programme" and Path(c["file"]).is_absolute()
        assert Path(c["file"]).resolve() == (shipped / f"{c['id']}.toml").resolve()
        assert re.fullmatch(r"[0-9a-f]{16}", c["fingerprint"])
    g2024 = next(c for c in listed if c["id"] == SOURCE)
    assert g2024["missing_values"] == [
        "acquisition",
        "conformite",
        "equipement",
        "accompagnement",
        "plafond_essms",
    ]

    mine = renamed(exported(data, tmp_path), "zz-mienne", "La mienne", tmp_path / "m.toml")
    assert run("campaign", "import", mine, "--data-dir", data)[0] == 0
    code, text = run("campaigns", "--data-dir", data)
    lines = text.splitlines()
    assert code == 0 and len(lines) == SHIPPED_COUNT + 1
    assert re.fullmatch(r"zz-mienne +utilisateur +5 montant\(s\) à confirmer +La mienne", lines[-1])
    assert re.match(r"amorcage-2021-t1 +programme +montants complets +Amorçage 2021", lines[0])


def test_campaigns_names_each_unreadable_user_file_on_stderr_and_still_lists(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = data / "campagnes"
    folder.mkdir(parents=True)
    (folder / "cassee.toml").write_text('id = "cassee"\ntitle = \n', "utf-8")
    text = exported(data, tmp_path).read_text("utf-8")
    (folder / "inconnue.toml").write_text(
        text.replace('id = "generalisation-2024"', 'id = "x"').replace("kind =", "kindd ="),
        "utf-8",
    )
    renamed(tmp_path / f"{SOURCE}.toml", "bonne", "Bonne", folder / "bonne.toml")
    capsys.readouterr()
    code, listed = run_json("--data-dir", data, "campaigns")
    err = capsys.readouterr().err.splitlines()
    assert code == 0
    assert [c["id"] for c in listed if c["origin"] == "utilisateur"] == ["bonne"]
    assert len(err) == 2
    assert err[0].startswith("esms-desktop : campagne de l'utilisateur ignorée (")
    assert "fichier cassee.toml, ligne 2" in err[0]
    assert "fichier inconnue.toml, ligne " in err[1] and "clé kindd" in err[1]


# --- campaign export -----------------------------------------------------------------------------


def test_export_writes_the_file_byte_for_byte(data: Path, tmp_path: Path) -> None:
    target = exported(data, tmp_path)
    assert target.read_bytes() == (Path(resource_path("campaigns")) / f"{SOURCE}.toml").read_bytes()


def test_export_of_an_unknown_campaign_lists_the_known_ones(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run("--data-dir", data, "campaign", "export", "nope", "-o", tmp_path / "n.toml")
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("esms-desktop : Campagne inconnue : « nope ». Campagnes disponibles : ")
    assert SOURCE in err and not (tmp_path / "n.toml").exists()


def test_export_that_cannot_be_written_is_a_storage_error(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "absent" / "g.toml"
    code, _ = run("--data-dir", data, "campaign", "export", SOURCE, "-o", target)
    err = capsys.readouterr().err
    assert code == 3
    assert err.startswith("esms-desktop : Impossible d'exporter la campagne « ")
    assert str(target) in err and "Traceback" not in err


# --- campaign check ------------------------------------------------------------------------------


def test_check_of_a_valid_file_says_what_it_still_needs(data: Path, tmp_path: Path) -> None:
    _, listed = run_json("--data-dir", data, "campaigns")
    fingerprint = next(c["fingerprint"] for c in listed if c["id"] == SOURCE)
    mine = renamed(exported(data, tmp_path), "bretagne", "Bretagne", tmp_path / "b.toml")
    code, text = run("--data-dir", data, "campaign", "check", mine)
    lines = text.splitlines()
    assert code == 0
    assert re.fullmatch(
        r"Campagne valide : bretagne — Bretagne \(empreinte [0-9a-f]{16}\)", lines[0]
    )
    assert fingerprint not in lines[0]  # another id and title: other rules
    assert lines[1] == "Montants à renseigner (5) :"
    assert "  - acquisition : Acquisition d'un DUI" in lines
    assert not any(line.startswith("Remarque") for line in lines)
    # The shipped file itself is valid, but import would refuse its identifier: said, still 0.
    code, text = run("--data-dir", data, "campaign", "check", tmp_path / f"{SOURCE}.toml")
    assert code == 0 and f"(empreinte {fingerprint})" in text
    assert (
        "Remarque : « generalisation-2024 » est l'identifiant d'une campagne du programme" in text
    )


def test_check_of_a_complete_file(data: Path, tmp_path: Path) -> None:
    mine = renamed(exported(data, tmp_path, "amorcage-2021-t2"), "a2", "A2", tmp_path / "a.toml")
    code, text = run("--data-dir", data, "campaign", "check", mine)
    assert code == 0 and "Tous les montants sont renseignés." in text


DAMAGES = {
    "toml_mal_forme": (
        lambda t: t.replace('kind = "regional"', "kind = regional"),
        r"fichier abimee\.toml, ligne \d+ : fichier de campagne mal formé",
    ),
    "cle_inconnue": (
        lambda t: t.replace('kind = "regional"', 'kindd = "regional"'),
        r"fichier abimee\.toml, ligne \d+, clé kindd : clé inconnue ; vouliez-vous dire « kind »",
    ),
    "tranches_pas_100": (
        lambda t: t.replace("pct = 50\n", "pct = 40\n", 1),
        r"fichier abimee\.toml, ligne \d+, clé tranches : .* 100 \(ils font 90\)",
    ),
}


@pytest.fixture(params=sorted(DAMAGES))
def damaged(request: pytest.FixtureRequest, data: Path, tmp_path: Path) -> tuple[Path, str]:
    spoil, needle = DAMAGES[request.param]
    text = exported(data, tmp_path).read_text("utf-8")
    text = text.replace(f'id = "{SOURCE}"', 'id = "neuve"')
    path = tmp_path / "abimee.toml"
    path.write_text(spoil(text), "utf-8")
    return path, needle


def test_a_damaged_file_is_refused_by_check_import_and_campaign_file_and_changes_nothing(
    data: Path,
    tmp_path: Path,
    example_csv: Path,
    capsys: pytest.CaptureFixture[str],
    damaged: tuple[Path, str],
) -> None:
    path, needle = damaged
    good = renamed(tmp_path / f"{SOURCE}.toml", "deja-la", "Déjà là", tmp_path / "ok.toml")
    assert run("--data-dir", data, "campaign", "import", good)[0] == 0
    before = snapshot(data / "campagnes")
    capsys.readouterr()
    for words in (
        ("campaign", "check", path),
        ("campaign", "import", path),
        ("campaign", "import", path, "--remplacer"),
        ("budget", example_csv, "--campaign-file", path),
        ("check", example_csv, "--campaign-file", path, "--json"),
    ):
        code, text = run("--data-dir", data, *words)
        err = capsys.readouterr().err
        assert code == 2, words
        assert text == ""
        assert re.fullmatch(rf"esms-desktop : {needle}.*\n", err, flags=re.DOTALL), (words, err)
        assert "Traceback" not in err
    assert snapshot(data / "campagnes") == before
    _, listed = run_json("--data-dir", data, "campaigns")
    assert [c["id"] for c in listed if c["origin"] == "utilisateur"] == ["deja-la"]


def test_a_missing_campaign_file_is_said_in_french(
    data: Path, tmp_path: Path, example_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    absent = tmp_path / "absente.toml"
    for words in (
        ("campaign", "check", absent),
        ("campaign", "import", absent),
        ("budget", example_csv, "--campaign-file", absent),
    ):
        assert run("--data-dir", data, *words)[0] == 2
        err = capsys.readouterr().err
        assert err == f"esms-desktop : Fichier de campagne introuvable : « {absent} ».\n"


# --- campaign import -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "where",
    [
        ("--data-dir", "{data}", "campaign", "import", "{file}"),
        ("campaign", "--data-dir", "{data}", "import", "{file}"),
        ("campaign", "import", "{file}", "--data-dir", "{data}"),
    ],
    ids=["before", "between", "after"],
)
def test_data_dir_before_or_after_the_command(
    data: Path, tmp_path: Path, where: tuple[str, ...]
) -> None:
    mine = renamed(exported(data, tmp_path), "bretagne", "Bretagne", tmp_path / "b.toml")
    code, text = run(*(w.format(data=data, file=mine) for w in where))
    assert code == 0
    assert (data / "campagnes" / "bretagne.toml").read_bytes() == mine.read_bytes()
    assert text == (
        "Campagne importée : bretagne — Bretagne, enregistrée dans "
        f"{data / 'campagnes' / 'bretagne.toml'}\n"
    )


def test_an_identifier_already_imported_needs_remplacer(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = renamed(exported(data, tmp_path), "bretagne", "Bretagne", tmp_path / "b.toml")
    assert run("--data-dir", data, "campaign", "import", mine)[0] == 0
    newer = renamed(mine, "bretagne", "Bretagne, version 2", tmp_path / "b2.toml")
    before = snapshot(data / "campagnes")
    capsys.readouterr()
    code, _ = run("--data-dir", data, "campaign", "import", newer)
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("esms-desktop : Une campagne « bretagne » existe déjà (Bretagne).")
    assert f"esms-desktop --data-dir {data} campaign import {newer} --remplacer" in err
    assert snapshot(data / "campagnes") == before
    code, text = run("--data-dir", data, "campaign", "import", newer, "--remplacer")
    assert code == 0 and "Bretagne, version 2" in text
    _, listed = run_json("--data-dir", data, "campaigns")
    assert [c["title"] for c in listed if c["origin"] == "utilisateur"] == ["Bretagne, version 2"]


def test_a_shipped_identifier_is_not_imported(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run("--data-dir", data, "campaign", "import", exported(data, tmp_path))
    err = capsys.readouterr().err
    assert code == 2 and "identifiant d'une campagne du programme" in err
    assert snapshot(data / "campagnes") == {}


# --- --campaign or --campaign-file, one of the two -----------------------------------------------


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (("--campaign", SOURCE, "--campaign-file", "f.toml"), "incompatible avec"),
        ((), "une de ces options est obligatoire : --campaign --campaign-file"),
    ],
)
def test_campaign_and_campaign_file_one_of_the_two(
    data: Path,
    example_csv: Path,
    capsys: pytest.CaptureFixture[str],
    extra: tuple[str, ...],
    needle: str,
) -> None:
    with pytest.raises(SystemExit) as caught:
        run("--data-dir", data, "budget", example_csv, *extra)
    assert caught.value.code == 2
    assert needle in capsys.readouterr().err


# --- budget: TTC, per-OG lines, tranche conditions, labels never cut -----------------------------


def test_budget_json_keeps_its_keys_and_adds_og_lines_conditions_fingerprint_and_ttc(
    data: Path, example_csv: Path
) -> None:
    _, listed = run_json("--data-dir", data, "campaigns")
    fingerprint = next(c["fingerprint"] for c in listed if c["id"] == SOURCE)
    code, budget = run_json(
        "--data-dir", data, "budget", example_csv, "--campaign", SOURCE, *sets(*TYPED)
    )
    assert code == 0
    assert {
        "campaign",
        "eligible",
        "findings",
        "counted_establishments",
        "funded_establishments",
        "total_eur",
        "total_complete",
        "tranches_eur",
        "tranches",
        "establishments",
        "project_lines",
        "complete",
        "missing",
    } <= set(budget)
    assert budget["campaign_fingerprint"] == fingerprint and budget["ttc"] is True
    og_lines = budget["og_lines"]
    assert [line["og"] for line in og_lines] == [
        "Association Les Hirondelles",
        "APEI du Littoral",
        "Fondation Saint-Éloi",
    ]
    assert all(
        line["amount_eur"] == 30_000.10 and line["value"] == "accompagnement" for line in og_lines
    )
    # Still in project_lines, as before, without the new key.
    assert [ln["label"] for ln in budget["project_lines"]] == [ln["label"] for ln in og_lines]
    assert all("og" not in line for line in budget["project_lines"])
    assert [t["condition"] for t in budget["tranches"]] == ["", "Cibles d'usage atteintes"]


def test_budget_text_says_ttc_and_shows_og_lines_and_conditions(
    data: Path, example_csv: Path
) -> None:
    code, text = run("--data-dir", data, "budget", example_csv, "--campaign", SOURCE, *sets(*TYPED))
    lines = text.splitlines()
    assert code == 0
    assert lines[0].endswith(" — montants TTC")
    header = lines[2]
    assert header.startswith("FINESS") and header.endswith("Montant TTC")
    assert len(header) == LABELS_END + 1 + AMOUNT_WIDTH
    assert "TOTAL TTC : 232\u202f000,30\u00a0€" in lines
    start = lines.index("Lignes par OG :")
    assert lines[start + 1] == "  Association Les Hirondelles"
    og_line = lines[start + 2]
    assert og_line.startswith("    · Accompagnement du projet (par petit OG) ")
    assert og_line.endswith(" 30\u202f000,10\u00a0€") and len(og_line) == len(header)
    assert "Lignes du projet :" not in lines  # only per-OG lines in this campaign
    tranche = lines.index(
        "  Tranche 50\u00a0% — Atteinte des cibles d'usage : 116\u202f000,15\u00a0€"
    )
    assert lines[tranche + 1] == "      condition de versement : Cibles d'usage atteintes"


def test_budget_text_keeps_amounts_in_one_column_and_never_cuts_a_label(
    data: Path, tmp_path: Path, example_csv: Path
) -> None:
    long_label = (
        "Acquisition d'un dossier usager informatisé référencé Ségur pour les établissements"
    )
    text = exported(data, tmp_path).read_text("utf-8")
    text = text.replace('label = "Acquisition d\'un DUI"', f'label = "{long_label}"')
    text = text.replace(
        'label = "Mise en conformité du DUI"',
        'label = "MiseenconformitéduDUIdanstouslesétablissementsduprojet"',
    )
    mine = renamed_text(text, tmp_path / "long.toml")
    code, out = run(
        "--data-dir", data, "budget", example_csv, "--campaign-file", mine, *sets(*TYPED)
    )
    lines = out.splitlines()
    assert code == 0
    rows = [
        line
        for line in lines
        if "€" in line and (re.match(r"\d{9} ", line) or line.lstrip().startswith("· "))
    ]
    assert rows
    for row in rows:  # every amount ends in the same column
        assert row[LABELS_END + AMOUNT_WIDTH] == "€", row
    # The long label is whole, over several lines cut between words, the amount on the first.
    lead = "           · "
    pieces = fit(long_label, LABELS_END - len(lead))
    assert len(pieces) > 1 and " ".join(pieces) == long_label
    first = lines.index(next(line for line in lines if line.startswith(lead + pieces[0])))
    assert lines[first].endswith("20\u202f000,55\u00a0€")
    assert lines[first + 1 : first + len(pieces)] == [" " * len(lead) + p for p in pieces[1:]]
    # A word longer than the column ends with « … », never cut silently.
    word = "MiseenconformitéduDUIdanstouslesétablissementsduprojet"
    width = LABELS_END - len("           · ")
    assert any(line.startswith(f"           · {word[: width - 1]}… ") for line in lines)
    assert not any(word[:width] in line for line in lines)


def renamed_text(text: str, target: Path) -> Path:
    target.write_text(text.replace(f'id = "{SOURCE}"', 'id = "longue"'), "utf-8")
    return target


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Acquisition d'un DUI", 38, ["Acquisition d'un DUI"]),
        (
            "Équipement et infrastructure (petit OG)",
            38,
            ["Équipement et infrastructure (petit", "OG)"],
        ),
        ("a" * 50, 38, ["a" * 37 + "…"]),
        ("", 10, [""]),
    ],
)
def test_fit_breaks_between_words_and_marks_a_cut_word(
    text: str, width: int, expected: list[str]
) -> None:
    assert fit(text, width) == expected
    assert all(len(piece) <= width for piece in fit(text, width))


def test_a_title_holding_escape_codes_is_shown_never_obeyed(data: Path, tmp_path: Path) -> None:
    mine = renamed(exported(data, tmp_path), "piege", "Piège", tmp_path / "p.toml")
    text = mine.read_text("utf-8").replace('title = "Piège"', 'title = "Piège \\u001b[2J"')
    mine.write_text(text, "utf-8")
    for words in (("campaign", "check", mine), ("campaign", "import", mine), ("campaigns",)):
        code, out = run("--data-dir", data, *words)
        assert code == 0 and "\x1b" not in out and "Piège \u241b[2J" in out, words
