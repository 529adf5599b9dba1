"""One parser per kind of input: typed or imported text → a value of the model's type, or why not.

A capacity typed in the grid, read from a spreadsheet cell or an amount given on the command
line goes through the same function here, so the same text gives the same value (or the same
French problem) wherever it is entered. The entry points only add what belongs to them: the
spreadsheet's required columns, the CLI's ``nom=montant`` form, the interface's translation.

Rules shared by every number: spaces of any kind (and ``'``) between the digits are thousands
separators, the decimal mark is a comma or a point, an exponent (``7E+1``) is refused, and
``-0`` is 0 — never a negative zero that would print as « -0 ».
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from esms_desktop.domain.grappe import CoreService, DuiSituation, OgRole, ProjectType
from esms_desktop.domain.identifiers import check_finess, normalise, siren_problem
from esms_desktop.domain.nomenclature import normalise_category
from esms_desktop.domain.usage_threshold import (
    PERIOD_WORDS,
    PERIODS,
    UsageThreshold,
    percentage,
)


@dataclass(frozen=True, slots=True)
class Parsed:
    """A typed value turned into the model's type, or the French reason it cannot be."""

    value: Any = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


Parser = Callable[[str], Parsed]

INTEGER_EXPECTED = "nombre entier attendu"
MAX_COUNT = 1_000_000
"""The largest capacity (places or file active) taken: beyond it a number is a typing slip or a
hostile file, and the store's 64-bit integers would overflow long before a real ESSMS does."""
MAX_OG_SIZE = 100_000
"""The largest number of ESSMS an OG may declare (the largest associations run a few hundred)."""
MAX_AMOUNT = Decimal(100_000_000)
"""The largest amount in euros taken: a whole national call was a few hundred million."""
PCT_EXPECTED = "pourcentage entre 0 et 100 attendu (ex. 70 ou 70,5)"
AMOUNT_EXPECTED = "un montant en euros est attendu"
AMOUNT_POSITIVE = "un montant positif en euros est attendu"
AMOUNT_TOO_LARGE = "montant invraisemblable : 100\u202f000\u202f000 € au plus"
YES_NO_EXPECTED = "« oui » ou « non » attendu"
PROJECT_EXPECTED = "« acquisition », « conformite » ou « aucun » attendu"
ROLE_EXPECTED = "« porteur » ou « membre » attendu"
CATEGORY_EXPECTED = "code catégorie FINESS à 3 chiffres attendu (ex. 500, 246, 354)"

TRUE_WORDS = frozenset({"oui", "o", "yes", "y", "1", "x", "vrai", "true"})
FALSE_WORDS = frozenset({"non", "n", "no", "0", "", "faux", "false"})
PROJECT_WORDS: dict[str, ProjectType] = {
    "acquisition": ProjectType.ACQUISITION,
    "acquisition d'un dui": ProjectType.ACQUISITION,
    "conformite": ProjectType.CONFORMITE,
    "mise en conformite": ProjectType.CONFORMITE,
    "mise en conformite du dui": ProjectType.CONFORMITE,
    "aucun": ProjectType.AUCUN,
    "aucun projet dui": ProjectType.AUCUN,
    "": ProjectType.AUCUN,
}
"""Folded words (see :func:`fold`) → project; the template's long labels included."""
ROLE_WORDS: dict[str, OgRole] = {
    "porteur": OgRole.PORTEUR,
    "porteuse": OgRole.PORTEUR,
    "membre": OgRole.MEMBRE,
    "partenaire": OgRole.MEMBRE,
}

CENT = Decimal("0.01")
_SEPARATORS = re.compile(r"[\s\u00a0\u202f']")
_INTEGER = re.compile(r"-?[0-9]+(?:[.,]0+)?")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DATE = re.compile(r"([0-9]{2})/([0-9]{2})/([0-9]{4})")


def fold(text: str) -> str:
    """Compare words as people type them: case, accents, apostrophe style and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def _plain_decimal(text: str) -> Decimal | None:
    """A decimal written plainly (``70``, ``70.5``, ``.5``); None for anything else.

    ``text`` has its separators removed and a point for decimal mark. An exponent, ``NaN`` or
    ``Infinity`` is refused: nobody types them, and ``Decimal`` would accept them.
    """
    if not _DECIMAL.fullmatch(text):
        return None
    value = Decimal(text)
    return value if value else Decimal(0)  # "-0" is 0, not a negative zero


# --- numbers --------------------------------------------------------------------------------


def parse_int(text: str, *, minimum: int = 0, maximum: int = MAX_COUNT) -> Parsed:
    """Whole numbers as people and spreadsheets write them: ``1 200``, ``84.0``, ``84,0``.

    Empty is None (not given). ``84,5`` and numbers outside ``minimum``–``maximum`` are
    refused; ``-0`` is 0.
    """
    raw = _SEPARATORS.sub("", text)
    if not raw:
        return Parsed(None)
    if not _INTEGER.fullmatch(raw):  # ASCII digits only: "²" and "٣" are digits to str.isdigit
        return Parsed(problem=INTEGER_EXPECTED)
    try:
        value = int(re.split(r"[.,]", raw)[0])
    except ValueError:  # thousands of digits: beyond int()'s limit, and beyond any capacity
        return Parsed(problem=INTEGER_EXPECTED)
    if value < minimum:
        return Parsed(problem=f"nombre entier supérieur ou égal à {minimum} attendu")
    if value > maximum:
        return Parsed(
            problem=f"nombre entier inférieur ou égal à {maximum:,} attendu".replace(",", "\u202f")
        )
    return Parsed(value)


def parse_og_size(text: str) -> Parsed:
    """The number of ESSMS an OG manages: at least 1; empty is None (its rows are counted)."""
    return parse_int(text, minimum=1, maximum=MAX_OG_SIZE)


def parse_pct(text: str) -> Parsed:
    """0–100 with a decimal comma or point and an optional ``%``; empty means the whole 100."""
    raw = _SEPARATORS.sub("", text).removesuffix("%").replace(",", ".")
    if not raw:
        return Parsed(Decimal(100))
    value = _plain_decimal(raw)
    if value is None or not 0 <= value <= 100:
        return Parsed(problem=PCT_EXPECTED)
    return Parsed(value)


def to_cents(amount: Decimal) -> Decimal:
    """Round half up to the cent, as on an invoice (``12,345`` → ``12,35``)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_money(text: str) -> Parsed:
    """An amount in euros: ``25 000``, ``1 234,50 €``, ``12.5``; rounded half up to the cent.

    Empty (or ``€`` alone) is None: no amount given. Negative amounts are refused.
    """
    raw = _SEPARATORS.sub("", text)
    raw = raw.removesuffix("€") if raw.endswith("€") else raw.removeprefix("€")
    raw = raw.replace(",", ".")
    if not raw:
        return Parsed(None)
    value = _plain_decimal(raw)
    if value is None:
        return Parsed(problem=AMOUNT_EXPECTED)
    if value < 0:
        return Parsed(problem=AMOUNT_POSITIVE)
    if value > MAX_AMOUNT:
        return Parsed(problem=AMOUNT_TOO_LARGE)
    try:
        return Parsed(to_cents(value))
    except InvalidOperation:  # more digits than Decimal's 28: no campaign amount is that big
        return Parsed(problem=AMOUNT_EXPECTED)


# --- words ----------------------------------------------------------------------------------


def parse_bool(text: str) -> Parsed:
    """``oui``/``x``/``1``/``vrai``… or ``non``/``0``/empty (empty is no)."""
    word = fold(text)
    if word in TRUE_WORDS:
        return Parsed(True)
    if word in FALSE_WORDS:
        return Parsed(False)
    return Parsed(problem=YES_NO_EXPECTED)


def parse_project(text: str) -> Parsed:
    """The ESSMS's DUI project; empty is « aucun » (a required column says so itself)."""
    project = PROJECT_WORDS.get(fold(text))
    if project is None:
        return Parsed(problem=PROJECT_EXPECTED)
    return Parsed(project)


def parse_role(text: str) -> Parsed:
    role = ROLE_WORDS.get(fold(text))
    return Parsed(role) if role is not None else Parsed(problem=ROLE_EXPECTED)


SITUATION_EXPECTED = (
    "« aucun », « non_reference », « reference » ou « inconnue » attendu "
    "(les libellés « Pas de DUI », « DUI non référencé Ségur », « DUI référencé Ségur » "
    "et « Non renseignée » aussi)"
)
SITUATION_WORDS: Mapping[str, DuiSituation] = MappingProxyType(
    {
        "": DuiSituation.INCONNUE,
        **{fold(s.value.replace("_", " ")): s for s in DuiSituation},
        **{fold(s.label): s for s in DuiSituation},
    }
)
"""Folded words (underscores read as spaces) → situation: the enum values and the French labels."""


def parse_situation(text: str) -> Parsed:
    """The current DUI: the stored value or its French label, from a sheet, a paste or the grid.

    Empty is « inconnue »: the column is optional, like the grid's default.
    """
    situation = SITUATION_WORDS.get(fold(text.replace("_", " ")))
    return Parsed(situation) if situation is not None else Parsed(problem=SITUATION_EXPECTED)


SERVICES_EXPECTED = (
    "services socles séparés par des virgules attendus : DMP (ou Mon espace santé), "
    "MSS (MSSanté), INS, e-prescription ; vide : aucun"
)
SERVICE_WORDS: Mapping[str, CoreService] = MappingProxyType(
    {
        **{fold(s.value.replace("_", " ")): s for s in CoreService},
        **{fold(s.short.replace("-", " ")): s for s in CoreService},
        **{fold(s.label.replace("-", " ")): s for s in CoreService},
        "mon espace sante": CoreService.DMP,
        "mes": CoreService.DMP,
        "dossier medical partage": CoreService.DMP,
        "mss": CoreService.MSSANTE,
        "messagerie securisee de sante": CoreService.MSSANTE,
        "identite nationale de sante": CoreService.INS,
        "eprescription": CoreService.E_PRESCRIPTION,
        "e prescription": CoreService.E_PRESCRIPTION,
        "prescription electronique": CoreService.E_PRESCRIPTION,
    }
)
"""Folded words (underscores and dashes read as spaces) → service: values, short names, labels
and the French names people use."""

_SERVICE_SEPARATORS = re.compile(r"[,;+\n]|\bet\b")


def parse_core_services(text: str) -> Parsed:
    """The core services targeted, as a set: « DMP, MSS, INS », « Mon espace santé ; INS »…

    Empty is none. « DMP / Mon espace santé » (the label) is one service, so a slash separates
    nothing; a word no service has refuses the whole cell, naming it.
    """
    found: set[CoreService] = set()
    for part in _SERVICE_SEPARATORS.split(text):
        word = fold(part.replace("_", " ").replace("-", " ").replace("‑", " "))
        if not word:
            continue
        service = SERVICE_WORDS.get(word)
        if service is None:
            return Parsed(problem=f"« {part.strip()} » inconnu : {SERVICES_EXPECTED}")
        found.add(service)
    return Parsed(frozenset(found))


# --- identifiers and codes ------------------------------------------------------------------


def parse_finess(text: str) -> Parsed:
    """Normalise; an invalid number is *kept* (so the user can fix it) with its problem."""
    check = check_finess(text)
    return Parsed(check.value, check.problem)


def parse_optional_finess(text: str) -> Parsed:
    """A FINESS that may be left empty (an OG's FINESS juridique)."""
    return parse_finess(text) if normalise(text) else Parsed("")


def parse_siren(text: str) -> Parsed:
    """Normalise; may be empty; an invalid SIREN is kept with its problem, like a FINESS."""
    value = normalise(text)
    return Parsed(value, siren_problem(value) if value else "")


def parse_category(text: str) -> Parsed:
    code = normalise_category(text)
    if code.isascii() and code.isdigit() and len(code) == 3:
        return Parsed(code)
    return Parsed(problem=CATEGORY_EXPECTED)


def parse_postal_code(text: str) -> Parsed:
    return Parsed(normalise(text))


# --- text and dates -------------------------------------------------------------------------


def parse_label(text: str) -> Parsed:
    """A row's label: kept as typed but never empty (an unnamed row prints as nothing)."""
    return Parsed(text.strip()) if text.strip() else Parsed(problem="libellé obligatoire")


def parse_name(text: str) -> Parsed:
    """The name of an ESSMS or an OG: never empty (it is how the dossier designates them)."""
    return Parsed(text.strip()) if text.strip() else Parsed(problem="nom obligatoire")


def parse_text(text: str) -> Parsed:
    """Free text: any value is accepted, surrounding spaces dropped."""
    return Parsed(text.strip())


def parse_due_date(text: str) -> Parsed:
    """A date typed ``jj/mm/aaaa`` exactly; empty means no date.

    Strict on purpose: ``3/4/25`` could be read several ways, and a wrong due date printed in the
    dossier is worse than asking for four more keystrokes.
    """
    raw = text.strip()
    if not raw:
        return Parsed(None)
    match = _DATE.fullmatch(raw)
    if match is None:
        return Parsed(problem="date au format jj/mm/aaaa attendue (par exemple 31/12/2025)")
    day, month, year = (int(g) for g in match.groups())
    try:
        return Parsed(date(year, month, day))
    except ValueError:
        return Parsed(problem="date inexistante : vérifiez le jour et le mois")


# --- usage-target thresholds ----------------------------------------------------------------

_THRESHOLD = re.compile(
    r"^(?P<amount>[0-9]+(?:[ \u00a0\u202f][0-9]{3})*(?:[.,][0-9]+)?)\s*(?P<rest>.*)$", re.DOTALL
)
_PER = re.compile(r"^(?P<unit>.*?)\s*(?P<sep>/|\bpar\b)\s*(?P<period>[^\s/]*)\s*$", re.IGNORECASE)
THRESHOLD_HINT = "« 80 % » pour un pourcentage, « 100 messages / mois » pour un nombre par période"


def parse_threshold(text: str) -> Parsed:
    """A usage target's threshold: a percentage or a count, optionally per period.

    Empty means "not set yet" (``None``). A number without a unit is refused rather than read as
    a percentage: the calls use both forms, and guessing printed « 100 % » for 100 messages.
    """
    raw = " ".join(text.split())
    if not raw:
        return Parsed(None)
    match = _THRESHOLD.match(raw)
    if match is None:
        return Parsed(problem=f"seuil attendu : {THRESHOLD_HINT}")
    amount = Decimal(re.sub(r"[ \u00a0\u202f]", "", match["amount"]).replace(",", "."))
    rest = match["rest"].strip()
    if not rest:
        return Parsed(problem=f"précisez l'unité : {THRESHOLD_HINT}")
    if rest.startswith("%"):
        if rest != "%":
            return Parsed(
                problem="rien après « % » : l'indicateur se décrit dans sa propre colonne"
            )
        if amount > 100:
            return Parsed(problem="un pourcentage ne dépasse pas 100 %")
        return Parsed(percentage(amount))
    unit, period = rest, ""
    per = _PER.match(rest)
    if per is not None:
        word = per["period"].casefold()
        if word in PERIOD_WORDS:
            unit, period = per["unit"].strip(), PERIOD_WORDS[word]
        elif per["sep"] == "/":  # « par » may belong to the unit (« messages envoyés par ESSMS »)
            known = ", ".join(PERIODS)
            return Parsed(problem=f"période « {per['period']} » inconnue : {known}")
    if not any(c.isalpha() for c in unit):
        return Parsed(problem=f"dites ce qui est compté : {THRESHOLD_HINT}")
    return Parsed(UsageThreshold(amount, unit, period))
