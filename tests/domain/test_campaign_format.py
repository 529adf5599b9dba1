"""The campaign file format: what the ARS grids say, written down and checked to the cent.

Each construct of the format (bands by rank or size, Corse / overseas modulation, per-ESSMS
ceiling, per-OG lines, size rules by number of regions, tranches with conditions) has a small
campaign file in ``tests/fixtures/campaigns``; the budgets below are computed by hand. The last
part holds the loader to its promise: unknown keys refused, French errors naming the file, the
line and the key, and ``docs/campagnes.md`` listing every key of the schema.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from esms_desktop.domain.budget import Budget, compute
from esms_desktop.domain.campaign import (
    Campaign,
    CampaignError,
    ValueStatus,
    load_campaign,
    parse_campaign,
)
from esms_desktop.domain.campaign_schema import (
    SHARED,
    format_path,
    key_lines,
    line_of,
    reference,
)
from esms_desktop.domain.findings import Severity
from esms_desktop.domain.grappe import Grappe, ProjectType
from esms_desktop.services import catalog
from tests.domain.builders import establishments, grappe, og

D = Decimal
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "campaigns"
DOC = ROOT / "docs" / "campagnes.md"


def fixture(name: str) -> Campaign:
    return load_campaign(FIXTURES / f"{name}.toml")


def budget(g: Grappe, campaign: Campaign) -> Budget:
    return compute(g, campaign, catalog.nomenclature())


def codes(b: Budget, severity: Severity | None = None) -> set[str]:
    return {f.code for f in b.findings if severity is None or f.severity is severity}


# --- bands -----------------------------------------------------------------------------------


def test_bands_by_rank_change_the_amount_from_the_50th_essms() -> None:
    b = budget(grappe(og("A", establishments(52), porteur=True, size=60)), fixture("bandes"))
    by_rank = {e.rank: e for e in b.establishments}
    assert by_rank[49].amount == D("20000")
    assert by_rank[50].amount == by_rank[52].amount == D("2000.50")
    assert [ln.value_name for ln in by_rank[50].lines] == ["acq_50"]
    assert "rang à partir de 50" in by_rank[50].lines[0].rule
    assert b.total == D("986001.50")  # 49 × 20 000 + 3 × 2 000,50
    assert b.complete


def test_bands_by_size_follow_the_number_of_essms_of_the_project() -> None:
    small = grappe(
        og("A", establishments(29, project=ProjectType.CONFORMITE), porteur=True, size=40)
    )
    b = budget(small, fixture("bandes"))
    assert b.total == D("232000.00") and b.complete  # 29 × 8 000
    assert "projet de 1 à 29 ESSMS" in b.establishments[0].lines[0].rule
    # Ranks count every ESSMS with a DUI project: after 48 conformités, acquisitions rank 49+.
    mixed = grappe(
        og(
            "A",
            (
                *establishments(48, project=ProjectType.CONFORMITE),
                *establishments(3, start=48),
            ),
            porteur=True,
            size=60,
        )
    )
    b2 = budget(mixed, fixture("bandes"))
    acquisitions = [e for e in b2.establishments if e.project is ProjectType.ACQUISITION]
    assert [e.amount for e in acquisitions] == [D("20000"), D("2000.50"), D("2000.50")]
    # 51 ESSMS: the conformités fall in the « 30 or more » band, still à confirmer.
    assert not b2.complete and b2.total == D("24001.00")
    assert "valeur_a_confirmer" in codes(b2)
    given = fixture("bandes").with_overrides({"conf_grand": D("6000")})
    assert budget(mixed, given).total == D("312001.00")  # 48 × 6 000 + 24 001


def test_bands_must_not_overlap_and_need_a_value_or_bands() -> None:
    data = _mapping(FIXTURES / "bandes.toml")
    data["essms_lines"][0]["bands"][1]["from"] = 49
    with pytest.raises(CampaignError, match=r"essms_lines\[1\]\.bands\[2\]\.from.*recouvrir"):
        parse_campaign(data, "bandes.toml")
    data = _mapping(FIXTURES / "bandes.toml")
    data["essms_lines"][0]["value"] = "acq_1_49"
    with pytest.raises(CampaignError, match="l'un ou l'autre"):
        parse_campaign(data, "bandes.toml")


# --- geography -------------------------------------------------------------------------------


def test_corse_and_overseas_get_another_amount_or_a_coefficient() -> None:
    g = grappe(
        og("Nord", establishments(10), porteur=True, size=20),
        og("Réunion", establishments(4, dept="974"), size=20),
        og("Corse", establishments(3, dept="2A", project=ProjectType.CONFORMITE), size=20),
        og("Nord bis", establishments(2, start=50, project=ProjectType.CONFORMITE), size=20),
    )
    b = budget(g, fixture("geographie"))
    reunion = next(e for e in b.establishments if e.og_name == "Réunion")
    assert reunion.amount == D("26000")
    assert reunion.lines[0].value_name == "acquisition_outre_mer"
    corse = next(e for e in b.establishments if e.og_name == "Corse")
    assert [ln.amount for ln in corse.lines] == [D("9999.99"), D("1500.00")]  # 1 499,9985
    modulation = corse.lines[1]
    assert modulation.status is ValueStatus.A_CONFIRMER
    assert "× 1,15" in modulation.label and "grille de test" in modulation.rule
    nord = next(e for e in b.establishments if e.og_name == "Nord bis")
    assert nord.amount == D("9999.99")
    # 10 × 20 000 + 4 × 26 000 + 3 × 11 499,99 + 2 × 9 999,99
    assert b.total == D("358499.95")


def test_island_needs_exactly_one_of_value_or_coefficient() -> None:
    data = _mapping(FIXTURES / "geographie.toml")
    data["essms_lines"][1]["island"]["value"] = "acquisition"
    with pytest.raises(CampaignError, match=r"essms_lines\[2\]\.island"):
        parse_campaign(data, "geographie.toml")


# --- ceiling ---------------------------------------------------------------------------------


def _ceiling_grappe() -> Grappe:
    pair = establishments(2, equipment=True)
    saad = establishments(1, start=10, category="460", equipment=True, hours=D("70"))
    plain = establishments(1, start=20)
    return grappe(og("Petit OG", (*pair, *saad, *plain), porteur=True), segur=True)


def test_per_essms_ceiling_cuts_the_total_after_the_prorata() -> None:
    b = budget(_ceiling_grappe(), fixture("plafond"))
    first, second, saad, plain = b.establishments
    assert [ln.amount for ln in first.lines] == [D("9000"), D("3000"), D("-2000")]
    assert first.amount == second.amount == D("10000")
    assert first.lines[-1].value_name == "plafond"
    assert first.lines[-1].status is ValueStatus.A_CONFIRMER  # shown with the badge
    assert saad.amount == D("8400.00")  # (9 000 + 3 000) × 70 %, under the ceiling
    assert plain.amount == D("9000")
    assert b.total == D("37400.00")
    raised = fixture("plafond").with_overrides({"plafond": D("11000.50")})
    assert budget(_ceiling_grappe(), raised).total == D("39401.00")


def test_an_unknown_ceiling_is_not_applied_and_says_so() -> None:
    data = _mapping(FIXTURES / "plafond.toml")
    del data["values"]["plafond"]["amount"]
    b = budget(_ceiling_grappe(), parse_campaign(data, "plafond.toml"))
    assert b.total == D("41400.00")  # 2 × 12 000 + 8 400 + 9 000
    assert "plafond_a_renseigner" in codes(b, Severity.AVERTISSEMENT)
    data["values"]["plafond"]["fallback"] = 10000
    b2 = budget(_ceiling_grappe(), parse_campaign(data, "plafond.toml"))
    assert b2.total == D("37400.00")
    provisional = next(f for f in b2.findings if f.code == "valeur_provisoire")
    assert "10\u202f000 € affiché à titre provisoire" in provisional.message


# --- per-OG lines ----------------------------------------------------------------------------


def test_per_og_lines_go_to_each_og_that_meets_their_condition() -> None:
    g = grappe(
        og("Grand OG", establishments(10), porteur=True, size=40),
        og("Petit B", establishments(3, start=10, project=ProjectType.CONFORMITE)),
        og("Petit C", establishments(2, start=20)),
        og("Petit D", establishments(2, start=30, project=ProjectType.AUCUN)),
    )
    b = budget(g, fixture("lignes-og"))
    assert [(ln.og, ln.value_name, ln.amount) for ln in b.og_lines] == [
        ("Grand OG", "achat", D("1000")),
        ("Petit B", "amoa", D("12345.67")),
        ("Petit C", "amoa", D("12345.67")),
        ("Petit C", "achat", D("1000")),
    ]
    assert b.og_lines == b.project_lines  # shown with the project's lines
    assert b.og_lines[1].label == "Accompagnement (petit OG) — Petit B"
    assert "par OG" in b.og_lines[1].rule
    assert b.total == D("161691.34")
    assert b.subtotal_by_og() == {
        "Grand OG": D("101000"),
        "Petit B": D("27345.67"),
        "Petit C": D("33345.67"),
        "Petit D": D("0"),
    }
    assert sum(b.subtotal_by_og().values()) == b.total


# --- regions ---------------------------------------------------------------------------------


def _spread(n: int, depts: tuple[str, ...]) -> Grappe:
    per = [n // len(depts) + (1 if i < n % len(depts) else 0) for i in range(len(depts))]
    ogs = [
        og(f"OG {d}", establishments(k, dept=d, start=100 * i), porteur=i == 0, size=20)
        for i, (d, k) in enumerate(zip(depts, per, strict=True))
    ]
    return grappe(*ogs)


@pytest.mark.parametrize(
    ("n", "depts", "blocking"),
    [
        (30, ("59", "62"), set()),  # Nord and Pas-de-Calais: one region
        (31, ("59", "62"), {"taille_appel_national"}),
        (19, ("59", "75"), {"taille_insuffisante"}),
        (20, ("59", "75"), set()),
        (45, ("59", "75"), set()),  # several regions: no maximum
        (10, ("59",), set()),
    ],
)
def test_size_rules_by_number_of_regions(n: int, depts: tuple[str, ...], blocking: set) -> None:
    b = budget(_spread(n, depts), fixture("regions"))
    assert codes(b, Severity.BLOQUANT) == blocking
    assert b.eligibility.regions == tuple(
        sorted({"Hauts-de-France", *(["Île-de-France"] if "75" in depts else [])})
    )
    if not blocking:
        assert b.total == n * D("1234.56")
    if blocking == {"taille_appel_national"}:
        message = next(f.message for f in b.findings if f.code == "taille_appel_national")
        assert "dans une seule région" in message and "test-national" in message
    if blocking == {"taille_insuffisante"}:
        finding = next(f for f in b.findings if f.code == "taille_insuffisante")
        assert "au moins 20" in finding.message


def test_a_call_may_refuse_grappes_of_one_region() -> None:
    national = fixture("regions-national")
    b = budget(_spread(40, ("59", "62")), national)
    refusal = next(f for f in b.findings if f.code == "regions_hors_appel")
    assert refusal.severity is Severity.BLOQUANT
    assert "Hauts-de-France" in refusal.message and "test-regions" in refusal.message
    assert "à confirmer" in refusal.rule
    ok = budget(_spread(40, ("59", "75")), national)
    assert ok.eligible and ok.total == D("20000")


# --- tranches --------------------------------------------------------------------------------


def test_any_number_of_tranches_with_their_conditions() -> None:
    g = grappe(og("A", establishments(7), porteur=True, size=20))
    b = budget(g, fixture("tranches"))
    assert b.total == D("7777.77")
    assert [t.amount for t in b.tranches] == [
        D("2333.33"),
        D("2333.33"),
        D("1983.33"),
        D("1127.78"),  # the last absorbs the rounding
    ]
    assert sum(t.amount for t in b.tranches) == b.total
    assert [t.condition for t in b.tranches][-1] == "Cibles d'usage atteintes"
    assert [t.usage_targets for t in b.tranches] == [False, False, False, True]
    assert b.tranches[2].status is ValueStatus.A_CONFIRMER


def test_amounts_are_ttc_unless_the_file_says_otherwise() -> None:
    assert fixture("tranches").ttc is True
    g = grappe(og("A", establishments(1), porteur=True, size=20))
    assert budget(g, fixture("tranches")).ttc is True
    data = _mapping(FIXTURES / "tranches.toml")
    data["ttc"] = False
    assert budget(g, parse_campaign(data)).ttc is False


# --- the loader: schema, French errors with file, line and key ---------------------------------


def _mapping(path: Path) -> dict:
    import tomllib

    return tomllib.loads(path.read_text(encoding="utf-8"))


MINIMAL = """\
id = "x"
title = "Campagne de test"
year = 2030

[size]
min_essms = { value = 15, status = "ok", source = "test" }

[values.acquisition]
label = "Acquisition"
amount = 1000
status = "ok"

[[essms_lines]]
value = "acquisition"
projects = ["acquisition"]

[[essms_lines]]
value = "acquisition"
projects = ["conformite"]

[[tranches]]
label = "Unique"
pct = 100
"""


CONF = 'projects = ["conformite"]'


@pytest.mark.parametrize(
    ("old", "new", "line", "key", "needle"),
    [
        ("year = 2030", "yaer = 2030", 3, "yaer", "vouliez-vous dire « year »"),
        ('value = 15, status = "ok"', 'value = 15, statut = "ok"', 6, "size.min_essms.statut", ""),
        ('status = "ok"\n\n[[', 'status = "okay"\n\n[[', 11, "values.acquisition.status", "a_con"),
        (CONF, f'{CONF}\nbands_by = "size"', 20, "essms_lines[2].bands_by", "« band_by » ?"),
        (CONF, f'{CONF}\nband_by = "size"', 20, "essms_lines[2].band_by", "qu'avec « bands »"),
        (CONF, 'projects = ["achat"]', 19, "essms_lines[2].projects[1]", "acquisition, conf"),
        ("amount = 1000", "amount = -3", 10, "values.acquisition.amount", "positif"),
        ("pct = 100", "pct = 90", 21, "tranches", "faire 100"),
        ("min_essms = {", "min_esms = {", 6, "size.min_esms", "min_essms"),
    ],
)
def test_errors_name_the_file_the_line_and_the_key(
    tmp_path: Path, old: str, new: str, line: int, key: str, needle: str
) -> None:
    assert old in MINIMAL
    text = MINIMAL.replace(old, new, 1)
    path = tmp_path / "ma-campagne.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert load_campaign(path).id == "x"  # the file without the mistake loads
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CampaignError) as err:
        load_campaign(path)
    message = err.value.message
    assert message.startswith(f"fichier ma-campagne.toml, ligne {line}, clé {key} : "), message
    assert needle in message
    assert err.value.line == line and err.value.key == key
    assert text.splitlines()[line - 1].strip()  # the line named is the key's, not a blank one


def test_parse_campaign_names_the_key_of_a_mapping_without_lines() -> None:
    data = _mapping(FIXTURES / "regions.toml")
    data["size"]["several_regions"]["max_esssms"] = 3
    with pytest.raises(CampaignError) as err:
        parse_campaign(data, "éditeur de campagne")
    assert err.value.message.startswith(
        "éditeur de campagne, clé size.several_regions.max_esssms : clé inconnue"
    )
    assert err.value.path == ("size", "several_regions", "max_esssms")
    assert err.value.line is None


@pytest.mark.parametrize(
    ("mutate", "key"),
    [
        (
            lambda d: d["scope"].update(priority_sectors=["PA", "EHPAD"]),
            "scope.priority_sectors[2]",
        ),
        (lambda d: d["windows"][0].update(end="2024-06-01"), "windows[1].end"),
        (lambda d: d.update(kind="departemental"), "kind"),
        (lambda d: d["ceilings"].update(per_essms="plafond_absent"), "ceilings.per_essms"),
        (lambda d: d["og_lines"][0].update(value=12), "og_lines[1].value"),
        (lambda d: d.pop("title"), "title"),
        (lambda d: d["size"].update(min_essms=True), "size.min_essms"),
    ],
)
def test_schema_refuses_wrong_types_and_unknown_values(mutate, key: str) -> None:
    data = {
        "id": "x",
        "title": "x",
        "year": 2030,
        "scope": {"priority_sectors": ["PA"]},
        "size": {"min_essms": 3},
        "windows": [{"label": "Dépôt"}],
        "values": {"v": {"label": "v", "amount": 1}},
        "ceilings": {"per_essms": "v"},
        "og_lines": [{"value": "v"}],
        "tranches": [{"label": "T", "pct": 100}],
    }
    parse_campaign(data)  # the base is valid
    mutate(data)
    with pytest.raises(CampaignError) as err:
        parse_campaign(data)
    assert err.value.key == key, err.value.message


def test_a_toml_syntax_error_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "casse.toml"
    path.write_text(MINIMAL.replace("[[tranches]]", "[[tranches"), encoding="utf-8")
    with pytest.raises(CampaignError) as err:
        load_campaign(path)
    assert err.value.message.startswith("fichier casse.toml, ligne 21 : ")
    assert "mal formé" in err.value.message


TRICKY = '''\
# a comment with = and [brackets]
"quoted key" = 'literal [not a table]'
multi = """
line = 2
[fake]
"""
[a.b]  # comment
c = [
  1,  # one
  [2, 3],
  { d = "x", e = { f = 1 } },
]
[[a.list]]
g = 1
[[a.list]]
g = 2
[a.list.sub]
h = true
'''


def test_key_lines_follow_the_toml_structure() -> None:
    import tomllib

    tomllib.loads(TRICKY)  # the scanner only reads valid TOML
    lines = key_lines(TRICKY)
    assert lines[("quoted key",)] == 2
    assert lines[("multi",)] == 3
    assert ("fake",) not in lines and ("line",) not in lines
    assert lines[("a", "b", "c")] == 8
    assert lines[("a", "b", "c", 0)] == 9
    assert lines[("a", "b", "c", 1, 1)] == 10
    assert lines[("a", "b", "c", 2, "e", "f")] == 11
    assert lines[("a", "list", 0, "g")] == 14
    assert lines[("a", "list", 1, "g")] == 16
    assert lines[("a", "list", 1, "sub", "h")] == 18
    assert line_of(TRICKY, ("a", "list", 1, "missing")) == 15
    assert format_path(("a", "list", 1, "sub")) == "a.list[2].sub"


def test_every_shipped_file_is_valid_against_the_schema_and_locates_its_keys() -> None:
    for path in sorted((ROOT / "resources" / "campaigns").glob("*.toml")):
        campaign = load_campaign(path)
        lines = key_lines(path.read_text(encoding="utf-8"))
        assert lines[("id",)] >= 1, path.name
        assert ("tranches", len(campaign.tranches) - 1, "pct") in lines


# --- the documentation -----------------------------------------------------------------------


def test_the_doc_lists_every_key_of_the_schema() -> None:
    doc = DOC.read_text(encoding="utf-8")
    missing = [k.path for k in reference() if f"`{k.path}`" not in doc]
    assert not missing, missing
    for name, table in SHARED.items():
        for key in table.keys:
            assert f"`{key.name}`" in doc, (name, key.name)


def test_the_doc_s_complete_example_loads_and_gives_its_stated_total(tmp_path: Path) -> None:
    doc = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", doc, flags=re.DOTALL)
    full = [b for b in blocks if b.startswith('id = "exemple-ars-2026"')]
    assert len(full) == 1
    path = tmp_path / "exemple-ars-2026.toml"
    path.write_text(full[0], encoding="utf-8")
    campaign = load_campaign(path)
    g = grappe(
        og("Association A", establishments(12), porteur=True, size=40),
        og("Association B", establishments(4, start=20, dept="974", equipment=True)),
        segur=True,
    )
    b = budget(g, campaign)
    stated = re.search(r"total de ([\d\u202f ]+) €", doc)
    assert stated is not None
    assert b.total == D(re.sub(r"\D", "", stated.group(1)))
    # Every other block is a fragment of a valid file: it parses as TOML.
    import tomllib

    for block in blocks:
        tomllib.loads(block)
