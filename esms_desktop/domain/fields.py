"""One table of the fields of an ESSMS and of an OG: how each is named, parsed, shown and stored.

An establishment's fields used to be spelt out in the spreadsheet template, the ``.esms`` codec,
the store's row mapping and the grid, each list free to drift from the others (a field added to
the dataclass and forgotten in the codec is silently lost on export). Every consumer now loops
over this table instead, and a test checks that it covers every dataclass field exactly once.

Pure data over domain values: the consumers keep what belongs to them (the codec's strict JSON
reader, the store's SQL, the grid's translated titles) and read the rest from here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass
from dataclasses import fields as dataclass_fields
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from esms_desktop.domain.formatting import format_date, format_decimal, format_pct
from esms_desktop.domain.grappe import (
    CoreService,
    DuiSituation,
    Establishment,
    OgRole,
    Organisation,
    ProjectType,
    services_text,
)
from esms_desktop.domain.parsing import (
    CATEGORY_EXPECTED,
    PROJECT_EXPECTED,
    ROLE_EXPECTED,
    Parsed,
    Parser,
    parse_bool,
    parse_category,
    parse_core_services,
    parse_due_date,
    parse_finess,
    parse_int,
    parse_name,
    parse_og_size,
    parse_optional_finess,
    parse_pct,
    parse_postal_code,
    parse_project,
    parse_role,
    parse_siren,
    parse_situation,
    parse_text,
)


class FieldKind(StrEnum):
    """The type of a field's value: how the ``.esms`` codec and the store carry it."""

    TEXT = "text"
    INTEGER = "integer"  # an int or None
    DECIMAL = "decimal"
    BOOLEAN = "boolean"
    CHOICE = "choice"  # a StrEnum member, carried as its value
    DATE = "date"  # a date or None
    CHOICES = "choices"  # a frozenset of StrEnum members, carried as their values


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """Everything the program says about one field, in one place.

    ``column`` is the spreadsheet template's column ("" when the template has none); ``required``,
    ``help``, ``aliases``, ``choices``, ``as_text`` and ``expected`` only matter when it has one.
    ``cell`` writes the value as the template's cell text, which reads back through ``parse`` as
    the same value. ``exchange`` is the ``.esms`` JSON key and ``stored`` the database column:
    both are the attribute name today, and stay so unless a rename must keep old files readable.
    """

    name: str
    label: str
    kind: FieldKind
    parse: Parser
    show: Callable[[Any], str]
    cell: Callable[[Any], str]
    default: Any
    choice_type: type[StrEnum] | None = None
    column: str = ""
    required: bool = False
    help: str = ""
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    as_text: bool = False
    expected: str = ""
    exchange: str = ""
    stored: str = ""


# --- small pure functions for the table -------------------------------------------------------


def _plain(value: Any) -> str:
    return "" if value is None else str(value)


def _yes_no(value: bool) -> str:
    return "oui" if value else "non"


def _enum_value(value: StrEnum) -> str:
    return value.value


def _pct_cell(value: Decimal) -> str:
    """100 (the default) is left empty; others in plain French notation: 70, 70,5 (never 1E+1)."""
    return "" if value == 100 else format_decimal(value)


def _situation_cell(value: DuiSituation) -> str:
    """Unknown is left empty, as the template's help says (« vide : inconnue »)."""
    return "" if value is DuiSituation.INCONNUE else value.value


def _role_label(value: OgRole) -> str:
    return value.value.capitalize()


def _services_cell(value: frozenset[CoreService]) -> str:
    """« DMP, MSS, INS »: what the template's help asks for, read back by the parser."""
    return services_text(value)


def _services_shown(value: frozenset[CoreService]) -> str:
    return services_text(value) or "aucun"


def _day(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


# --- the tables -------------------------------------------------------------------------------


def _defaults(cls: type) -> dict[str, Any]:
    """Each field's default in the dataclass; a field without one defaults to its empty text."""
    return {
        f.name: "" if f.default is MISSING and f.default_factory is MISSING else f.default
        for f in dataclass_fields(cls)
    }


_EST = _defaults(Establishment)
_OG = _defaults(Organisation)


def _spec(
    defaults: Mapping[str, Any], name: str, label: str, kind: FieldKind, **more: Any
) -> FieldSpec:
    """A FieldSpec whose JSON key and database column are the attribute name unless told."""
    more.setdefault("show", _plain)
    more.setdefault("cell", _plain)
    more.setdefault("exchange", name)
    more.setdefault("stored", name)
    return FieldSpec(name=name, label=label, kind=kind, default=defaults[name], **more)


ESTABLISHMENT_FIELDS: tuple[FieldSpec, ...] = (
    _spec(
        _EST,
        "finess",
        "FINESS",
        FieldKind.TEXT,
        parse=parse_finess,
        column="finess",
        required=True,
        help="FINESS géographique de l'établissement : 9 caractères (gardez le zéro initial)",
        aliases=("finess_geographique", "finess_et"),
        as_text=True,
    ),
    _spec(
        _EST,
        "name",
        "Nom",
        FieldKind.TEXT,
        parse=parse_name,
        column="nom",
        required=True,
        help="Nom de l'établissement",
        aliases=("nom_etablissement",),
    ),
    _spec(
        _EST,
        "category",
        "Catégorie",
        FieldKind.TEXT,
        parse=parse_category,
        column="categorie",
        required=True,
        help="Code catégorie FINESS à 3 chiffres (ex. 500 EHPAD, 246 ESAT, 354 SSIAD)",
        aliases=("categorie_finess",),
        as_text=True,
        expected=CATEGORY_EXPECTED,
    ),
    _spec(
        _EST,
        "capacity",
        "Capacité",
        FieldKind.INTEGER,
        parse=parse_int,
        column="capacite",
        help="Places ou file active : nombre entier",
    ),
    _spec(
        _EST,
        "project",
        "Projet",
        FieldKind.CHOICE,
        choice_type=ProjectType,
        parse=parse_project,
        show=lambda v: v.label,
        cell=_enum_value,
        column="projet",
        required=True,
        help="acquisition, conformite (mise en conformité du DUI) ou aucun",
        choices=("acquisition", "conformite", "aucun"),
        expected=PROJECT_EXPECTED,
    ),
    _spec(
        _EST,
        "equipment",
        "Équipement",
        FieldKind.BOOLEAN,
        parse=parse_bool,
        show=_yes_no,
        cell=_yes_no,
        column="equipement",
        help="oui / non : demande la ligne équipement et infrastructure ; vide : non",
        choices=("oui", "non"),
    ),
    _spec(
        _EST,
        "eligible_hours_pct",
        "Heures éligibles (%)",
        FieldKind.DECIMAL,
        parse=parse_pct,
        show=format_pct,
        cell=_pct_cell,
        column="heures_eligibles_pct",
        help="Services à domicile : part des heures sur activités essentielles, "
        "de 0 à 100 ; vide : 100",
        aliases=("heures_eligibles",),
    ),
    _spec(
        _EST,
        "dui_solution",
        "Solution DUI",
        FieldKind.TEXT,
        parse=parse_text,
        column="solution_dui",
        help="Solution DUI sous la forme « Éditeur — Produit »",
    ),
    _spec(
        _EST,
        "current_dui",
        "DUI actuel",
        FieldKind.CHOICE,
        choice_type=DuiSituation,
        parse=parse_situation,
        show=lambda v: v.label,
        cell=_situation_cell,
        column="dui_actuel",
        help="DUI utilisé aujourd'hui : aucun (pas de DUI), non_reference (DUI non référencé "
        "Ségur), reference (DUI référencé Ségur) ou inconnue ; les libellés « Pas de DUI », "
        "« DUI non référencé Ségur », « DUI référencé Ségur » sont aussi acceptés ; "
        "vide : inconnue",
        choices=tuple(s.value for s in DuiSituation),
    ),
    _spec(
        _EST,
        "core_services",
        "Services socles visés",
        FieldKind.CHOICES,
        choice_type=CoreService,
        parse=parse_core_services,
        show=_services_shown,
        cell=_services_cell,
        column="services_socles",
        help="Services socles que le projet fera utiliser, séparés par des virgules : DMP "
        "(Mon espace santé), MSS (MSSanté), INS, e-prescription — ex. « DMP, MSS, INS » ; "
        "vide : aucun",
        aliases=("services_socles_vises", "services"),
    ),
    _spec(
        _EST,
        "already_funded",
        "Déjà financé",
        FieldKind.BOOLEAN,
        parse=parse_bool,
        show=_yes_no,
        cell=_yes_no,
    ),
    _spec(_EST, "address", "Adresse", FieldKind.TEXT, parse=parse_text),
    _spec(_EST, "postal_code", "Code postal", FieldKind.TEXT, parse=parse_postal_code),
    _spec(_EST, "town", "Commune", FieldKind.TEXT, parse=parse_text),
)
"""The fields of :class:`Establishment`, in the dataclass's (and the template's) order."""

ORGANISATION_FIELDS: tuple[FieldSpec, ...] = (
    _spec(
        _OG,
        "name",
        "Nom",
        FieldKind.TEXT,
        parse=parse_name,
        column="og_nom",
        required=True,
        help="Nom de l'organisme gestionnaire (OG) qui gère l'établissement",
    ),
    _spec(
        _OG,
        "role",
        "Rôle",
        FieldKind.CHOICE,
        choice_type=OgRole,
        parse=parse_role,
        show=_role_label,
        cell=_enum_value,
        column="og_role",
        required=True,
        help="« porteur » sur les lignes de l'OG qui porte le projet (un seul OG), "
        "« membre » sur celles des autres OG",
        choices=("porteur", "membre"),
        expected=ROLE_EXPECTED,
    ),
    _spec(
        _OG,
        "siren",
        "SIREN",
        FieldKind.TEXT,
        parse=parse_siren,
        column="og_siren",
        help="SIREN de l'OG : 9 chiffres",
        as_text=True,
    ),
    _spec(
        _OG,
        "finess_ej",
        "FINESS juridique",
        FieldKind.TEXT,
        parse=parse_optional_finess,
        column="og_finess_ej",
        help="FINESS juridique de l'OG : 9 caractères",
        as_text=True,
    ),
    _spec(
        _OG,
        "declared_size",
        "ESSMS gérés",
        FieldKind.INTEGER,
        parse=parse_og_size,
        column="og_nb_esms",
        help="Nombre total d'ESSMS gérés par l'OG (tous, pas seulement ceux du projet) ; "
        "vide : son nombre de lignes dans ce fichier",
    ),
    _spec(_OG, "contact_name", "Contact", FieldKind.TEXT, parse=parse_text),
    _spec(_OG, "contact_email", "Courriel", FieldKind.TEXT, parse=parse_text),
    _spec(
        _OG,
        "convention_date",
        "Date de convention",
        FieldKind.DATE,
        parse=parse_due_date,
        show=format_date,
        cell=_day,
    ),
    _spec(
        _OG,
        "national_entity",
        "Rattaché à une entité nationale",
        FieldKind.BOOLEAN,
        parse=parse_bool,
        show=_yes_no,
        cell=_yes_no,
        column="og_entite_nationale",
        help="oui si l'OG est rattaché à une entité nationale (l'accord de celle-ci est alors "
        "à joindre) ; vide : non",
        choices=("oui", "non"),
    ),
)
"""The scalar fields of :class:`Organisation`; its ESSMS are :data:`ORGANISATION_NESTED`."""

ORGANISATION_NESTED: tuple[str, ...] = ("establishments",)
"""Organisation attributes that hold other records rather than a value: not in the table."""

ESTABLISHMENT_BY_NAME: Mapping[str, FieldSpec] = MappingProxyType(
    {f.name: f for f in ESTABLISHMENT_FIELDS}
)
ORGANISATION_BY_NAME: Mapping[str, FieldSpec] = MappingProxyType(
    {f.name: f for f in ORGANISATION_FIELDS}
)


def establishment_field(name: str) -> FieldSpec:
    """The spec of one Establishment attribute (KeyError for a name that is not one)."""
    return ESTABLISHMENT_BY_NAME[name]


def organisation_field(name: str) -> FieldSpec:
    """The spec of one scalar Organisation attribute (KeyError otherwise)."""
    return ORGANISATION_BY_NAME[name]


# --- what the grids parse ----------------------------------------------------------------------

ESTABLISHMENT_PARSERS: Mapping[str, Parser] = MappingProxyType(
    {f.name: f.parse for f in ESTABLISHMENT_FIELDS}
)
"""Establishment attribute → parser of what is typed in its cell (every field is editable)."""

ORGANISATION_GRID: tuple[str, ...] = (
    "name",
    "role",
    "siren",
    "finess_ej",
    "declared_size",
    "contact_name",
    "contact_email",
    "national_entity",
)
"""The OG fields typed in the grappe's OG table (the convention date has its own page)."""

ORGANISATION_PARSERS: Mapping[str, Parser] = MappingProxyType(
    {name: ORGANISATION_BY_NAME[name].parse for name in ORGANISATION_GRID}
)
"""Organisation attribute → parser of what is typed in its cell."""


def parse_establishment_field(field: str, text: str) -> Parsed:
    """Parse what the user typed in one ESSMS cell (``field`` is an Establishment attribute)."""
    return ESTABLISHMENT_PARSERS[field](text)
