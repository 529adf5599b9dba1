"""One parser per kind of input: the same text reads the same wherever it is entered.

Each entry point is reached the way its caller reaches it: a spreadsheet cell through the
importer's column parsers (stripped, as ``_parse_row`` does), a grid cell through the function
the table model's ``setData`` calls, a campaign amount through the budget editor's check and
through the CLI's ``--set nom=montant``. Hypothesis feeds them the same strings and expects the
same value or the same French problem. The examples below pin the disagreements measured before
the parsers moved to ``domain/parsing.py``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esms_desktop.domain.campaign import CampaignError, parse_override
from esms_desktop.domain.edits import Parsed, parse_establishment_field
from esms_desktop.domain.grappe import Establishment, OgRole, ProjectType
from esms_desktop.importers.grappe_sheet import PARSERS, REQUIRED
from esms_desktop.ui.models.budget import parse_amount
from esms_desktop.ui.models.establishments import EstablishmentsModel
from esms_desktop.ui.models.organisations import OG_PARSERS

ESSMS_FIELDS = {
    "finess": "finess",
    "nom": "name",
    "categorie": "category",
    "capacite": "capacity",
    "projet": "project",
    "equipement": "equipment",
    "heures_eligibles_pct": "eligible_hours_pct",
    "solution_dui": "dui_solution",
}
"""Template column → the ESSMS grid's column (an Establishment attribute)."""

OG_FIELDS = {
    "og_nom": "name",
    "og_role": "role",
    "og_siren": "siren",
    "og_finess_ej": "finess_ej",
    "og_nb_esms": "declared_size",
}
"""Template column → the OG grid's column (an Organisation attribute)."""

WORDS = (
    "oui",
    "Oui ",
    "NON",
    "x",
    "Vrai",
    "faux",
    "Óui",
    "peut-être",
    "acquisition",
    "Acquisition d’un DUI",
    "Mise en conformité",
    "mise  en conformite du DUI",
    "aucun projet DUI",
    "achat",
    "porteur",
    "Porteuse",
    "membre",
    "partenaire",
    "chef",
    "500",
    "50",
    "500.0",
    "٣",
    "²",
    "590050076",
    "59 005 007 6",
    "10001261",
    "314159260",
    "EHPAD Les Hirondelles",
)
NUMBERISH = "0123456789,.-+%€eE' \u00a0\u202f"
PADDING = st.sampled_from(["", " ", "\u00a0", "\t", "\u202f"])
TEXTS = st.builds(
    lambda left, core, right: left + core + right,
    PADDING,
    st.one_of(
        st.text(alphabet=NUMBERISH, max_size=12), st.sampled_from(WORDS), st.text(max_size=12)
    ),
    PADDING,
)


def in_sheet(column: str, text: str) -> Parsed:
    cell = PARSERS[column](text.strip())
    return Parsed(cell.value, cell.problem)


def in_grid(column: str, text: str) -> Parsed:
    if column in ESSMS_FIELDS:
        return parse_establishment_field(ESSMS_FIELDS[column], text)
    return OG_PARSERS[OG_FIELDS[column]](text)


def same(a: Parsed, b: Parsed) -> bool:
    """Equal values written the same way (``Decimal("-0") == 0``, but it prints « -0 »)."""
    return a.value == b.value and str(a.value) == str(b.value) and a.problem == b.problem


def in_cli(text: str) -> tuple[Decimal | None, str]:
    """The amount ``--set acquisition=<text>`` gives, or the CLI's refusal."""
    try:
        return parse_override(f"acquisition={text}")[1], ""
    except CampaignError as exc:
        return None, str(exc)


# --- the same text, every entry point -------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(column=st.sampled_from(sorted(ESSMS_FIELDS | OG_FIELDS)), text=TEXTS)
def test_a_spreadsheet_cell_and_a_grid_cell_read_alike(column: str, text: str) -> None:
    sheet, grid = in_sheet(column, text), in_grid(column, text)
    if column in REQUIRED and column != "finess" and not text.strip():
        # The template's required columns refuse an empty cell; the grid's own rule stands.
        assert sheet.problem.startswith("valeur obligatoire"), sheet
        return
    assert same(sheet, grid), (sheet, grid)


@settings(max_examples=400, deadline=None)
@given(text=TEXTS)
def test_the_budget_editor_and_the_cli_read_an_amount_alike(text: str) -> None:
    gui = parse_amount(text)
    cli, refused = in_cli(text)
    if gui.ok and gui.value is None:
        assert refused  # emptying the editor goes back to the campaign value; the CLI needs one
    elif gui.ok:
        assert not refused, refused
        assert cli == gui.value and str(cli) == str(gui.value)
    else:
        assert refused and cli is None


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_the_cli_refuses_an_amount_with_the_domain_problem(text: str) -> None:
    from esms_desktop.domain.parsing import AMOUNT_EXPECTED, parse_money

    parsed = parse_money(text)
    _, refused = in_cli(text)
    if parsed.ok and parsed.value is not None:
        assert not refused
    else:
        assert refused == f"Réglage « acquisition={text} » : {parsed.problem or AMOUNT_EXPECTED}"


def test_every_entry_point_calls_the_domain_parsers() -> None:
    from esms_desktop.domain import edits, fields, parsing
    from esms_desktop.importers import grappe_sheet

    assert OG_PARSERS is fields.ORGANISATION_PARSERS
    assert edits.ESTABLISHMENT_PARSERS is fields.ESTABLISHMENT_PARSERS
    assert edits.Parsed is parsing.Parsed and edits.parse_int is parsing.parse_int
    assert grappe_sheet.PARSERS["capacite"] is parsing.parse_int
    assert grappe_sheet.PARSERS["heures_eligibles_pct"] is parsing.parse_pct
    assert grappe_sheet.parse_cell("capacite", " 84,0 ") == parsing.parse_int("84,0")


# --- the disagreements measured before ------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("12,345", "12.35"),
        ("12,355", "12.36"),
        ("0,005", "0.01"),
        ("1 234,565 €", "1234.57"),
        ("25\u202f000", "25000.00"),
    ],
)
def test_an_amount_is_rounded_half_up_to_the_cent_in_the_gui_and_the_cli(
    typed: str, cents: str
) -> None:
    assert parse_amount(typed).value == Decimal(cents)
    assert parse_override(f"acquisition={typed}") == ("acquisition", Decimal(cents))


@pytest.mark.parametrize("typed", ["-0", "-0,00", " -0 € "])
def test_minus_zero_is_an_amount_of_zero_not_a_negative_zero(typed: str) -> None:
    for amount in (parse_amount(typed).value, parse_override(f"acquisition={typed}")[1]):
        assert amount == 0 and not amount.is_signed(), amount


def test_an_amount_of_more_digits_than_decimal_keeps_is_refused_not_raised() -> None:
    huge = "9" * 40  # quantize() raised InvalidOperation in the editor's check, as you typed
    assert parse_amount(huge).problem
    with pytest.raises(CampaignError, match="montant"):
        parse_override(f"acquisition={huge}")


def test_minus_zero_percent_is_zero_in_the_grid_as_in_the_spreadsheet() -> None:
    grid = parse_establishment_field("eligible_hours_pct", "-0").value
    assert grid == 0 and not grid.is_signed()
    assert same(in_sheet("heures_eligibles_pct", "-0"), in_grid("heures_eligibles_pct", "-0"))


@pytest.mark.parametrize("typed", ["84,0", "84.0", "84,00", "84", " 84 ", "0084"])
def test_a_capacity_written_as_a_spreadsheet_writes_it_is_accepted_in_the_grid(typed: str) -> None:
    assert parse_establishment_field("capacity", typed).value == 84
    assert same(in_sheet("capacite", typed), in_grid("capacite", typed))


@pytest.mark.parametrize(
    ("pct", "shown"),
    [(Decimal(70), "70"), (Decimal(100), "100"), (Decimal("70.50"), "70,5"), (Decimal(0), "0")],
)
def test_the_grid_editor_shows_a_percentage_plainly_and_reads_it_back(
    pct: Decimal, shown: str
) -> None:
    est = Establishment("590050076", "SAAD", "460", eligible_hours_pct=pct)
    text = EstablishmentsModel._edit_text("eligible_hours_pct", est)
    assert text == shown  # was « 7E+1 » for 70
    assert parse_establishment_field("eligible_hours_pct", text).value == pct


@pytest.mark.parametrize(
    ("column", "typed", "value"),
    [
        ("projet", "Acquisition d’un DUI", ProjectType.ACQUISITION),
        ("projet", "aucun projet DUI", ProjectType.AUCUN),
        ("og_role", "Porteuse", OgRole.PORTEUR),
        ("capacite", "1'200", 1200),
    ],
)
def test_the_spreadsheet_s_spellings_are_understood_in_the_grid(
    column: str, typed: str, value: object
) -> None:
    assert in_grid(column, typed).value == value
    assert same(in_sheet(column, typed), in_grid(column, typed))


@pytest.mark.parametrize(
    ("column", "typed"),
    [
        ("heures_eligibles_pct", "7E+1"),  # the grid read it as 70, the spreadsheet refused it
        ("heures_eligibles_pct", "1e1"),
        ("categorie", "٣"),  # a non-ASCII digit: the grid took « 00٣ » as a category code
        ("capacite", "84,5"),
    ],
)
def test_what_the_spreadsheet_refuses_the_grid_refuses_with_the_same_words(
    column: str, typed: str
) -> None:
    grid = in_grid(column, typed)
    assert grid.value is None and grid.problem
    assert same(in_sheet(column, typed), grid)


# --- the parsers themselves -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1 200", 1200),
        ("1\u00a0200", 1200),
        ("1\u202f200", 1200),
        ("-0", 0),
        ("", None),
        ("  ", None),
    ],
)
def test_integers(typed: str, value: int | None) -> None:
    from esms_desktop.domain.parsing import parse_int

    assert parse_int(typed) == Parsed(value)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("84,5", "nombre entier attendu"),
        ("-1", "nombre entier supérieur ou égal à 0 attendu"),
        ("+3", "nombre entier attendu"),
        ("1e3", "nombre entier attendu"),
        ("9" * 5000, "nombre entier attendu"),  # beyond int()'s digit limit: refused, not raised
    ],
)
def test_integers_refused(typed: str, problem: str) -> None:
    from esms_desktop.domain.parsing import parse_int

    assert parse_int(typed) == Parsed(problem=problem)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("25000", Decimal("25000.00")),
        ("25 000 €", Decimal("25000.00")),
        ("€12,5", Decimal("12.50")),
        ("1234.5", Decimal("1234.50")),
        ("", None),
        ("€", None),
    ],
)
def test_money(typed: str, value: Decimal | None) -> None:
    from esms_desktop.domain.parsing import parse_money

    parsed = parse_money(typed)
    assert parsed.ok and parsed.value == value
    assert value is None or str(parsed.value) == str(value)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("abc", "un montant en euros est attendu"),
        ("1e3", "un montant en euros est attendu"),
        ("12€50", "un montant en euros est attendu"),
        ("1.000,50", "un montant en euros est attendu"),
        ("Infinity", "un montant en euros est attendu"),
        (
            "9" * 40,
            "montant invraisemblable : 100\u202f000\u202f000 € au plus",
        ),  # more digits than Decimal keeps
        ("100 000 000,01", "montant invraisemblable : 100\u202f000\u202f000 € au plus"),
        ("-3", "un montant positif en euros est attendu"),
        ("-0,01", "un montant positif en euros est attendu"),
    ],
)
def test_money_refused(typed: str, problem: str) -> None:
    from esms_desktop.domain.parsing import parse_money

    assert parse_money(typed) == Parsed(problem=problem)


def test_the_budget_editor_shows_the_domain_s_problem_in_the_interface_s_language() -> None:
    from PySide6.QtCore import QCoreApplication

    def tr(source: str) -> str:  # whatever translator the test run left installed
        return QCoreApplication.translate("BudgetModels", source)

    assert parse_amount("abc").problem == tr("an amount in euros is expected")
    assert parse_amount("-3").problem == tr("a positive amount in euros is expected")
    assert parse_amount("12,5") == Parsed(Decimal("12.50"))


@pytest.mark.parametrize(
    ("typed", "value"),
    [("", Decimal(100)), ("70", Decimal(70)), ("70,5 %", Decimal("70.5")), (".5", Decimal("0.5"))],
)
def test_percentages(typed: str, value: Decimal) -> None:
    from esms_desktop.domain.parsing import parse_pct

    assert parse_pct(typed) == Parsed(value)


@pytest.mark.parametrize("typed", ["100,5", "-0,1", "70 %%", "NaN", "Infinity", "7E+1", "%70"])
def test_percentages_refused(typed: str) -> None:
    from esms_desktop.domain.parsing import PCT_EXPECTED, parse_pct

    assert parse_pct(typed) == Parsed(problem=PCT_EXPECTED)


def test_words_dates_and_text() -> None:
    from esms_desktop.domain.parsing import (
        parse_bool,
        parse_due_date,
        parse_label,
        parse_name,
        parse_project,
        parse_role,
    )

    assert parse_bool(" VRAI ") == Parsed(True) and parse_bool("") == Parsed(False)
    assert parse_bool("peut-être") == Parsed(problem="« oui » ou « non » attendu")
    assert parse_project("") == Parsed(ProjectType.AUCUN)
    assert parse_project("MISE EN CONFORMITÉ") == Parsed(ProjectType.CONFORMITE)
    assert parse_role("membre") == Parsed(OgRole.MEMBRE)
    assert parse_role("") == Parsed(problem="« porteur » ou « membre » attendu")
    assert parse_due_date("31/12/2025") == Parsed(date(2025, 12, 31))
    assert parse_due_date("31/02/2025").problem.startswith("date inexistante")
    assert parse_label(" ") == Parsed(problem="libellé obligatoire")
    assert parse_name(" ") == Parsed(problem="nom obligatoire")
