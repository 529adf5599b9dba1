"""The campaign file format, described once: every key, its type, whether it is required.

A campaign file is written by hand (or by the campaign editor) from an ARS's cahier des charges,
so a typo must never pass silently: :func:`check` walks the parsed TOML against :data:`CAMPAIGN`
and refuses unknown keys, wrong types, values outside their list and references to a value that
``[values]`` does not define. ``docs/campagnes.md`` documents the same keys (a test holds the two
together), and :func:`key_lines` finds the line of a key in the file's text, since ``tomllib``
gives none, so that an error can say « fichier X, ligne N, clé Y ».

The module knows the format, not its meaning: :mod:`esms_desktop.domain.campaign` builds the
rules from a checked mapping and adds the checks that span several keys (tranches adding up to
100, bands that do not overlap…).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from esms_desktop.domain.grappe import ProjectType
from esms_desktop.domain.nomenclature import Sector

Path = tuple[str | int, ...]
"""Where a key is: table names and, for a list, the 0-based index of the element."""

STATUSES: tuple[str, ...] = ("seed", "ok", "a_confirmer", "saisi")
"""Statuses a file may give; ``saisi`` marks a value a person typed from her ARS's cahier des
charges (the campaign editor, or a dossier's values promoted to a new campaign)."""
PROJECTS: tuple[str, ...] = (ProjectType.ACQUISITION.value, ProjectType.CONFORMITE.value)
SECTORS: tuple[str, ...] = tuple(s.value for s in Sector)


class SchemaError(Exception):
    """One problem found in a campaign mapping, at ``path``; turned into a CampaignError."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(problem)
        self.path = path
        self.problem = problem


class Kind(StrEnum):
    TEXT = "texte"
    BOOL = "booléen"
    INT = "entier"
    AMOUNT = "montant"
    DATE = "date"
    TEXTS = "liste de textes"
    CHOICE = "choix"
    CHOICES = "liste de choix"
    THRESHOLD = "seuil"
    COEFFICIENT = "coefficient"
    RANKS = "rangs"
    TABLE = "table"
    TABLES = "liste de tables"
    MAP = "tables nommées"


@dataclass(frozen=True, slots=True)
class Key:
    """One key of a table: its type, whether it must be there, and a French line for the doc.

    ``ref`` names the table whose keys this text must be one of (``values``: a value defined in
    ``[values]``); ``table`` describes the inner table of a TABLE, TABLES or MAP key.
    """

    name: str
    kind: Kind
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str = ""
    table: Table | None = None
    minimum: int = 0


@dataclass(frozen=True, slots=True)
class Table:
    keys: tuple[Key, ...]
    doc: str = ""
    by_name: Mapping[str, Key] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {k.name: k for k in self.keys})


def _status(what: str = "de la valeur") -> Key:
    return Key(
        "status",
        Kind.CHOICE,
        f"Statut {what} : seed, ok, a_confirmer ou saisi (seed par défaut).",
        choices=STATUSES,
    )


def _source(what: str = "de la valeur") -> Key:
    return Key("source", Kind.TEXT, f"Source {what} (adresse ou référence du texte).")


THRESHOLD = Table(
    (
        Key("value", Kind.INT, "Le seuil (nombre entier).", required=True),
        _status("du seuil"),
        _source("du seuil"),
    ),
    'Un seuil s\'écrit 15, ou { value = 15, status = "ok", source = "…" }.',
)
COEFFICIENT = Table(
    (
        Key("value", Kind.AMOUNT, "Le coefficient (1,1 pour +10 %).", required=True),
        _status("du coefficient"),
        _source("du coefficient"),
    ),
    'Un coefficient s\'écrit 1.1, ou { value = 1.1, status = "a_confirmer", source = "…" }.',
)

WINDOW = Table(
    (
        Key("label", Kind.TEXT, "Ce que l'étape désigne (dépôt, date limite…).", required=True),
        Key("start", Kind.DATE, "Premier jour (AAAA-MM-JJ)."),
        Key("end", Kind.DATE, "Dernier jour ou date limite (AAAA-MM-JJ)."),
        _status("de la date"),
        _source("de la date"),
    )
)

_REGION_KEYS = (
    Key("min_essms", Kind.THRESHOLD, "Remplace size.min_essms pour cette configuration."),
    Key(
        "min_essms_island",
        Kind.THRESHOLD,
        "Remplace size.min_essms_island pour cette configuration.",
    ),
    Key("max_essms", Kind.THRESHOLD, "Remplace size.max_essms pour cette configuration."),
    Key("max_advice", Kind.TEXT, "Remplace size.max_advice pour cette configuration."),
    Key(
        "accepted",
        Kind.BOOL,
        "false : l'appel ne prend pas les grappes de cette configuration (bloquant).",
    ),
    Key("advice", Kind.TEXT, "Campagne à conseiller quand accepted = false."),
    _status("de la règle"),
    _source("de la règle"),
)
REGION = Table(_REGION_KEYS)

SIZE = Table(
    (
        Key("min_essms", Kind.THRESHOLD, "Nombre minimal d'ESSMS comptés."),
        Key(
            "min_essms_island",
            Kind.THRESHOLD,
            "Minimum quand tous les ESSMS sont en Corse ou outre-mer.",
        ),
        Key(
            "min_severity",
            Kind.CHOICE,
            "Gravité d'un minimum non atteint : bloquant (par défaut) ou avertissement.",
            choices=("bloquant", "avertissement"),
        ),
        Key("min_note", Kind.TEXT, "Phrase ajoutée au constat de taille insuffisante."),
        Key("max_essms", Kind.THRESHOLD, "Nombre maximal d'ESSMS comptés (au-delà : bloquant)."),
        Key("max_advice", Kind.TEXT, "Campagne à conseiller au-delà du maximum."),
        Key("funded_cap", Kind.THRESHOLD, "Nombre maximal d'ESSMS financés par projet."),
        Key("small_og_min_ogs", Kind.THRESHOLD, "Grappe de petits OG : nombre minimal d'OG."),
        Key(
            "small_og_min_ogs_island",
            Kind.THRESHOLD,
            "Grappe de petits OG en Corse ou outre-mer : nombre minimal d'OG.",
        ),
        Key(
            "multi_region_note",
            Kind.TEXT,
            "Information affichée quand la grappe s'étend sur plusieurs régions.",
        ),
        Key(
            "one_region",
            Kind.TABLE,
            "Règles propres aux grappes dont tous les ESSMS sont dans une seule région.",
            table=REGION,
        ),
        Key(
            "several_regions",
            Kind.TABLE,
            "Règles propres aux grappes réparties sur plusieurs régions.",
            table=REGION,
        ),
    )
)

SCOPE = Table(
    (
        Key(
            "priority_sectors",
            Kind.CHOICES,
            "Secteurs prioritaires (les autres admis en minorité).",
            choices=SECTORS,
        ),
        Key("single_solution", Kind.BOOL, "Une seule solution DUI pour tout le projet."),
        Key("segur_required", Kind.BOOL, "DUI référencé Ségur vague 1 exigé."),
        Key(
            "segur_exempt_sectors",
            Kind.CHOICES,
            "Secteurs dispensés du référencement Ségur (projet composé uniquement de ceux-ci).",
            choices=SECTORS,
        ),
        Key(
            "segur_registered_sectors",
            Kind.CHOICES,
            "Secteurs pour lesquels suffit un éditeur inscrit au guichet de référencement à la "
            "date de signature de la convention.",
            choices=SECTORS,
        ),
        Key(
            "ght_exception",
            Kind.BOOL,
            "Un ESSMS rattaché à un GHT peut garder le DUI de l'hôpital (exception déclarée).",
        ),
        Key("no_double_funding", Kind.BOOL, "Un ESSMS déclaré déjà financé n'est pas compté."),
        Key("hours_prorata", Kind.BOOL, "Montant proratisé par les heures éligibles."),
        Key(
            "hours_prorata_sectors",
            Kind.CHOICES,
            "Secteurs concernés par le prorata (DOMICILE par défaut).",
            choices=SECTORS,
        ),
    )
)

VALUE = Table(
    (
        Key("label", Kind.TEXT, "Libellé du montant, tel qu'il s'affiche.", required=True),
        Key("amount", Kind.AMOUNT, "Montant en euros (absent : à renseigner)."),
        _status(),
        _source(),
        Key(
            "fallback",
            Kind.AMOUNT,
            "Montant affiché à titre provisoire tant que la valeur n'est pas saisie.",
        ),
    )
)

BAND = Table(
    (
        Key(
            "from",
            Kind.INT,
            "Premier rang (ou première taille) de la tranche.",
            required=True,
            minimum=1,
        ),
        Key("to", Kind.INT, "Dernier rang (ou taille), inclus ; absent : sans limite.", minimum=1),
        Key(
            "value",
            Kind.TEXT,
            "Montant de la tranche (nom dans [values]).",
            required=True,
            ref="values",
        ),
    )
)
ISLAND = Table(
    (
        Key("value", Kind.TEXT, "Montant remplaçant pour la Corse et l'outre-mer.", ref="values"),
        Key("coefficient", Kind.COEFFICIENT, "Coefficient appliqué en Corse et outre-mer."),
    )
)

ESSMS_LINE = Table(
    (
        Key("value", Kind.TEXT, "Montant de la ligne (nom dans [values]).", ref="values"),
        Key(
            "projects",
            Kind.CHOICES,
            "Projets concernés : acquisition et/ou conformite.",
            required=True,
            choices=PROJECTS,
        ),
        Key("ranks", Kind.RANKS, "[premier rang] ou [premier, dernier] : rangs concernés."),
        Key(
            "band_by",
            Kind.CHOICE,
            "Ce que comptent les tranches : rank (rang de l'ESSMS, par défaut) ou size (nombre "
            "d'ESSMS du projet).",
            choices=("rank", "size"),
        ),
        Key("bands", Kind.TABLES, "Montants par tranche de rang ou de taille.", table=BAND),
        Key("small_og_only", Kind.BOOL, "Seulement pour les ESSMS des petits OG."),
        Key("requires_equipment", Kind.BOOL, "Seulement si l'équipement est demandé."),
        Key("requires_segur", Kind.BOOL, "Seulement si la solution est référencée Ségur."),
        Key(
            "payee",
            Kind.CHOICE,
            "Bénéficiaire : og (par défaut) ou editeur.",
            choices=("og", "editeur"),
        ),
        Key("island", Kind.TABLE, "Modulation pour la Corse et l'outre-mer.", table=ISLAND),
    )
)
PROJECT_LINE = Table(
    (
        Key(
            "value",
            Kind.TEXT,
            "Montant de la ligne (nom dans [values]).",
            required=True,
            ref="values",
        ),
        Key("only_small_og_grappe", Kind.BOOL, "Seulement pour une grappe de petits OG."),
        Key("requires_acquisition", Kind.BOOL, "Seulement si un ESSMS est en acquisition."),
    )
)
OG_LINE = Table(
    (
        Key("value", Kind.TEXT, "Montant par OG (nom dans [values]).", required=True, ref="values"),
        Key("small_og_only", Kind.BOOL, "Seulement pour les OG de moins de 15 ESSMS."),
        Key(
            "requires_acquisition",
            Kind.BOOL,
            "Seulement si un ESSMS de l'OG est en acquisition.",
        ),
    )
)
CEILINGS = Table(
    (
        Key(
            "per_essms",
            Kind.TEXT,
            "Plafond du montant d'un ESSMS (nom dans [values]).",
            ref="values",
        ),
    )
)
TRANCHE = Table(
    (
        Key("label", Kind.TEXT, "Libellé du versement.", required=True),
        Key("pct", Kind.AMOUNT, "Part du total, en % (les tranches font 100).", required=True),
        Key("condition", Kind.TEXT, "Condition du versement, en clair."),
        Key("usage_targets", Kind.BOOL, "Versement conditionné à l'atteinte des cibles d'usage."),
        _status("de la tranche"),
        _source("de la tranche"),
    )
)
REMINDER = Table(
    (
        Key("text", Kind.TEXT, "Le rappel, en clair.", required=True),
        Key(
            "projects",
            Kind.CHOICES,
            "Affiché quand un ESSMS a l'un de ces projets (tous par défaut).",
            choices=PROJECTS,
        ),
        _source("du rappel"),
    )
)

CAMPAIGN = Table(
    (
        Key("id", Kind.TEXT, "Identifiant (ligne de commande, échange de données).", required=True),
        Key("title", Kind.TEXT, "Titre affiché.", required=True),
        Key(
            "kind",
            Kind.CHOICE,
            "regional (par défaut) ou national.",
            choices=("regional", "national"),
        ),
        Key("year", Kind.INT, "Année de l'appel.", required=True, minimum=2000),
        Key("summary", Kind.TEXT, "Résumé en une phrase."),
        Key("source", Kind.TEXT, "Source principale de la campagne."),
        Key("notes", Kind.TEXTS, "Remarques et interprétations, affichées avec le budget."),
        Key("ttc", Kind.BOOL, "Les montants sont TTC (true par défaut)."),
        Key(
            "pnrr",
            Kind.BOOL,
            "Appel financé par le plan de relance (PNRR) : l'attestation de mention PNRR est "
            "demandée (false par défaut).",
        ),
        Key("windows", Kind.TABLES, "Calendrier de l'appel.", table=WINDOW),
        Key("size", Kind.TABLE, "Règles de taille et d'orientation.", table=SIZE),
        Key("scope", Kind.TABLE, "Périmètre et conditions.", table=SCOPE),
        Key("values", Kind.MAP, "Les montants, chacun nommé.", table=VALUE),
        Key("essms_lines", Kind.TABLES, "Lignes par ESSMS.", table=ESSMS_LINE),
        Key("project_lines", Kind.TABLES, "Lignes par projet.", table=PROJECT_LINE),
        Key("og_lines", Kind.TABLES, "Lignes par organisme gestionnaire.", table=OG_LINE),
        Key("ceilings", Kind.TABLE, "Plafonds de montant.", table=CEILINGS),
        Key("tranches", Kind.TABLES, "Échéancier des versements.", required=True, table=TRANCHE),
        Key("reminders", Kind.TABLES, "Rappels affichés avec l'éligibilité.", table=REMINDER),
    )
)

SHARED = {"seuil": THRESHOLD, "coefficient": COEFFICIENT}
"""Inner forms of the THRESHOLD and COEFFICIENT kinds, documented once."""


# --- checking --------------------------------------------------------------------------------


def check(data: Mapping[str, Any]) -> None:
    """Raise :class:`SchemaError` at the first key of ``data`` the format does not allow."""
    if not isinstance(data, Mapping):
        raise SchemaError((), "table attendue")
    values = data.get("values")
    names = frozenset(values) if isinstance(values, Mapping) else frozenset()
    _check_table(data, CAMPAIGN, (), {"values": names})


def _check_table(
    data: Mapping[str, Any], table: Table, path: Path, refs: Mapping[str, frozenset[str]]
) -> None:
    for name in data:
        if name not in table.by_name:
            raise SchemaError((*path, name), _unknown(str(name), table))
    for key in table.keys:
        if key.name in data:
            _check_value(data[key.name], key, (*path, key.name), refs)
        elif key.required:
            raise SchemaError((*path, key.name), "clé obligatoire manquante")


def _unknown(name: str, table: Table) -> str:
    known = [k.name for k in table.keys]
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
    return f"clé inconnue{hint} (clés possibles : {', '.join(known)})"


def _is_int(raw: object) -> bool:
    return isinstance(raw, int) and not isinstance(raw, bool)


def as_decimal(raw: object) -> Decimal | None:
    """A non-negative finite number as ``Decimal`` (TOML integer, float or numeric text, or a
    ``Decimal`` the campaign editor put in the mapping)."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
        return None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 else None


def _check_value(raw: object, key: Key, path: Path, refs: Mapping[str, frozenset[str]]) -> None:
    kind = key.kind
    if kind is Kind.TEXT:
        if not isinstance(raw, str):
            raise SchemaError(path, "texte attendu")
        if key.required and not raw.strip():
            raise SchemaError(path, "texte non vide attendu")
        if key.ref and raw not in refs.get(key.ref, frozenset()):
            raise SchemaError(path, f"valeur « {raw} » absente de [{key.ref}]")
    elif kind is Kind.BOOL:
        if not isinstance(raw, bool):
            raise SchemaError(path, "true ou false attendu")
    elif kind is Kind.INT:
        if not _is_int(raw) or raw < key.minimum:  # type: ignore[operator]
            raise SchemaError(path, f"nombre entier attendu (au moins {key.minimum})")
    elif kind is Kind.AMOUNT:
        if as_decimal(raw) is None:
            raise SchemaError(path, "nombre positif attendu")
    elif kind is Kind.DATE:
        if not isinstance(raw, date) or isinstance(raw, datetime):
            raise SchemaError(path, "date AAAA-MM-JJ attendue (sans heure)")
    elif kind is Kind.TEXTS:
        _check_list(raw, path, lambda x: isinstance(x, str), "liste de textes attendue")
    elif kind is Kind.CHOICE:
        if raw not in key.choices:
            raise SchemaError(path, f"une valeur parmi {', '.join(key.choices)} attendue")
    elif kind is Kind.CHOICES:
        items = _check_list(raw, path, lambda x: isinstance(x, str), "liste de textes attendue")
        for i, item in enumerate(items):
            if item not in key.choices:
                raise SchemaError(
                    (*path, i), f"« {item} » : une valeur parmi {', '.join(key.choices)} attendue"
                )
    elif kind is Kind.THRESHOLD:
        if not _is_int(raw):
            _check_inner(raw, THRESHOLD, path, refs, "nombre entier ou { value = … } attendu")
    elif kind is Kind.COEFFICIENT:
        if as_decimal(raw) is None:
            _check_inner(raw, COEFFICIENT, path, refs, "nombre ou { value = … } attendu")
    elif kind is Kind.RANKS:
        if (
            not isinstance(raw, list)
            or not 1 <= len(raw) <= 2
            or not all(_is_int(x) and x >= 1 for x in raw)
        ):
            raise SchemaError(path, "[premier rang] ou [premier, dernier] attendu")
    elif kind is Kind.TABLE:
        assert key.table is not None
        _check_inner(raw, key.table, path, refs, "table attendue")
    elif kind is Kind.TABLES:
        assert key.table is not None
        items = _check_list(
            raw, path, lambda x: isinstance(x, Mapping), "liste de tables [[…]] attendue"
        )
        for i, item in enumerate(items):
            _check_table(item, key.table, (*path, i), refs)
    elif kind is Kind.MAP:
        assert key.table is not None
        if not isinstance(raw, Mapping):
            raise SchemaError(path, "table attendue")
        for name, item in raw.items():
            _check_inner(item, key.table, (*path, name), refs, "table attendue")


def _check_inner(
    raw: object, table: Table, path: Path, refs: Mapping[str, frozenset[str]], expected: str
) -> None:
    if not isinstance(raw, Mapping):
        raise SchemaError(path, expected)
    _check_table(raw, table, path, refs)


def _check_list(raw: object, path: Path, ok: Any, expected: str) -> Sequence[Any]:
    if not isinstance(raw, list):
        raise SchemaError(path, expected)
    for i, item in enumerate(raw):
        if not ok(item):
            raise SchemaError((*path, i), expected)
    return raw


def format_path(path: Path) -> str:
    """``essms_lines[2].bands[1].value``: list elements counted from 1, as people count."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


# --- documentation ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeyDoc:
    path: str
    kind: str
    required: bool
    doc: str


def reference(table: Table = CAMPAIGN, prefix: str = "") -> Iterator[KeyDoc]:
    """Every key of the format with its dotted path (``values.<nom>.amount``), for the doc."""
    for key in table.keys:
        path = f"{prefix}{key.name}"
        kind = key.kind.value
        if key.choices and key.kind in (Kind.CHOICE, Kind.CHOICES):
            kind += " (" + ", ".join(key.choices) + ")"
        yield KeyDoc(path, kind, key.required, key.doc)
        if key.table is not None:
            inner = f"{path}.<nom>." if key.kind is Kind.MAP else f"{path}."
            yield from reference(key.table, inner)


# --- line numbers ----------------------------------------------------------------------------


_BARE = re.compile(r"[A-Za-z0-9_-]+")


class _Scanner:
    """Reads TOML text far enough to know the line of every key and list element.

    The text has already been parsed by ``tomllib``: this only follows its structure (headers,
    dotted keys, inline tables, arrays, strings) and does not re-check it.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.line = 1
        self.lines: dict[Path, int] = {}
        self.array_tables: dict[Path, int] = {}

    # low level -------------------------------------------------------------------------------

    def peek(self, n: int = 1) -> str:
        return self.text[self.i : self.i + n]

    def advance(self, n: int = 1) -> None:
        chunk = self.text[self.i : self.i + n]
        self.line += chunk.count("\n")
        self.i += n

    def skip_space(self, newlines: bool) -> None:
        while self.i < len(self.text):
            ch = self.text[self.i]
            if ch in " \t\r" or (newlines and ch == "\n"):
                self.advance()
            elif ch == "#":
                while self.i < len(self.text) and self.text[self.i] != "\n":
                    self.i += 1
            else:
                return

    def skip_string(self) -> str:
        """Skip a string and return its value (escapes in keys are not expected)."""
        for quote in ('"""', "'''"):
            if self.peek(3) == quote:
                end = self.text.find(quote, self.i + 3)
                end = len(self.text) if end < 0 else end
                while self.text[end + 3 : end + 4] == quote[0]:
                    end += 1  # up to two quotes may close the content
                value = self.text[self.i + 3 : end]
                self.advance(end + 3 - self.i)
                return value
        quote = self.peek()
        j = self.i + 1
        while j < len(self.text) and self.text[j] != quote and self.text[j] != "\n":
            j += 2 if quote == '"' and self.text[j] == "\\" else 1
        value = self.text[self.i + 1 : j]
        self.advance(j + 1 - self.i)
        return value

    def key(self) -> tuple[str, ...]:
        parts: list[str] = []
        while True:
            self.skip_space(False)
            if self.peek() in ('"', "'"):
                parts.append(self.skip_string())
            else:
                match = _BARE.match(self.text, self.i)
                if match is None:
                    return tuple(parts)
                parts.append(match.group())
                self.advance(match.end() - self.i)
            self.skip_space(False)
            if self.peek() != ".":
                return tuple(parts)
            self.advance()

    # structure -------------------------------------------------------------------------------

    def note(self, path: Path) -> None:
        self.lines.setdefault(path, self.line)

    def resolve(self, keys: tuple[str, ...]) -> Path:
        """A header's keys, with the current index of every array of tables on the way."""
        out: list[str | int] = []
        for name in keys:
            out.append(name)
            index = self.array_tables.get(tuple(out))
            if index is not None:
                out.append(index)
        return tuple(out)

    def run(self) -> dict[Path, int]:
        current: Path = ()
        while True:
            self.skip_space(True)
            if self.i >= len(self.text):
                return self.lines
            if self.peek(2) == "[[":
                self.advance(2)
                keys = self.key()
                parent = (*self.resolve(keys[:-1]), keys[-1]) if keys else ()
                self.note(parent)
                index = self.array_tables.get(parent, -1) + 1
                self.array_tables[parent] = index
                current = (*parent, index)
                self.note(current)
                self.skip_to_eol()
            elif self.peek() == "[":
                self.advance()
                current = self.resolve(self.key())
                for n in range(1, len(current) + 1):
                    self.note(current[:n])
                self.skip_to_eol()
            else:
                self.pair(current)

    def skip_to_eol(self) -> None:
        while self.i < len(self.text) and self.text[self.i] != "\n":
            self.i += 1

    def pair(self, table: Path) -> None:
        keys = self.key()
        if not keys:  # not TOML we understand: skip the line rather than loop
            self.skip_to_eol()
            return
        path = (*table, *keys)
        for n in range(len(table) + 1, len(path) + 1):
            self.note(path[:n])
        self.skip_space(False)
        if self.peek() == "=":
            self.advance()
        self.skip_space(False)
        self.value(path)

    def value(self, path: Path) -> None:
        ch = self.peek()
        if ch in ('"', "'"):
            self.skip_string()
        elif ch == "{":
            self.advance()
            while True:
                self.skip_space(False)
                if self.peek() in ("}", ""):
                    self.advance()
                    return
                if self.peek() == ",":
                    self.advance()
                    continue
                self.pair(path)
        elif ch == "[":
            self.advance()
            index = 0
            while True:
                self.skip_space(True)
                if self.peek() in ("]", ""):
                    self.advance()
                    return
                if self.peek() == ",":
                    self.advance()
                    continue
                self.note((*path, index))
                self.value((*path, index))
                index += 1
        else:
            while self.i < len(self.text) and self.text[self.i] not in ",]}#\n":
                self.i += 1


def key_lines(text: str) -> dict[Path, int]:
    """The line (from 1) of every key, table and list element of a TOML text."""
    return _Scanner(text).run()


def line_of(text: str, path: Path) -> int | None:
    """The line of ``path`` in ``text``, or of its nearest enclosing key when it is absent."""
    lines = key_lines(text)
    for n in range(len(path), 0, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return None
