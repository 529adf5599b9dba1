"""Is this dossier one the program can hold? Every value in range, every text printable.

A dossier reaches the program from many doors: typed in the grid, read from a spreadsheet, a
partner's ``.esms``, the command line, the store itself. The typing doors refuse bad values one
by one (:mod:`esms_desktop.domain.parsing`); a file arrives whole, and a value that skipped the
parsers (``NaN`` hours, a capacity of -5, a level 99,999,999) used to be stored, then printed in
the signed PDF or crash every start. :func:`dossier_problems` checks a whole dossier against the
same parsers, through the field table, and lists each problem with where it is, what was found
and what is expected, so a file is refused whole with its list, and a stored dossier that fails
is opened read-only instead of stopping the program.

It does not judge completeness or eligibility (an invalid FINESS key, an empty name, a missing
porteur are the dossier's business, reported by :mod:`completeness` and the rules): only values
that no door would have let in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from esms_desktop.domain.dossier import Dossier, TeamMember, TeamRole, UsageTarget
from esms_desktop.domain.eligibility import Declarations
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.fields import (
    ESTABLISHMENT_FIELDS,
    ORGANISATION_FIELDS,
    FieldKind,
    FieldSpec,
)
from esms_desktop.domain.grappe import Establishment, Organisation
from esms_desktop.domain.parsing import MAX_AMOUNT, MAX_COUNT
from esms_desktop.domain.usage_threshold import PERIODS, UsageThreshold

MAX_ORGANISATIONS = 1_000
MAX_ESTABLISHMENTS = 5_000
"""The most ESSMS a dossier holds: the largest grappes funded had a few hundred."""
MAX_ITEMS = 500
"""The most usage targets, milestones, annexes, attestations or campaign values in a dossier."""
MAX_AUTODIAG_SCOPES = MAX_ESTABLISHMENTS + MAX_ORGANISATIONS + 1
MAX_ANSWERS = 1_000
"""Answers in one autodiagnostic: the questionnaire has a few dozen questions."""
MAX_LEVEL = 4
"""The top of the answer scale (0–4); a questionnaire file may narrow it, never widen it."""
MAX_SHORT_TEXT = 1_000
"""Characters in a name, an address, a label: a line of the printed dossier."""
MAX_LONG_TEXT = 50_000
"""Characters in the free texts (governance, justification, notes): a few printed pages."""
MAX_PROBLEMS_SHOWN = 20
_HUGE_DIGITS = 30

LONG_TEXTS = frozenset({"governance", "justification", "description", "note", "evidence"})
"""Attributes that hold paragraphs: line breaks and tabs are welcome there."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One value no door would have let in: where it is, what it is, what was expected."""

    where: str
    field: str
    value: str
    expected: str

    def __str__(self) -> str:
        return f"{self.where} — {self.field} : « {self.value} » ({self.expected})"


class InvalidDossierError(UserError):
    """A dossier refused whole; ``problems`` lists every reason (the message shows the first)."""

    def __init__(self, source: str, problems: tuple[Problem, ...]) -> None:
        self.source = source
        self.problems = problems
        lines = [str(p) for p in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            lines.append(f"… et {len(problems) - MAX_PROBLEMS_SHOWN} autre(s) problème(s)")
        count = len(problems)
        super().__init__(
            f"{source} contient {count} valeur{'s' if count > 1 else ''} hors des limites "
            "admises ; rien n'a été enregistré :\n" + "\n".join(f"• {line}" for line in lines)
        )


def shown(value: object, limit: int = 60) -> str:
    """A value as the message shows it: short, and with no control character to misprint."""
    text = value if isinstance(value, str) else repr(value) if value is not None else "vide"
    text = "".join("\ufffd" if _is_control(c, multiline=False) else c for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_control(character: str, *, multiline: bool) -> bool:
    """C0/C1 controls (escape codes, NUL), bidi overrides, unpaired surrogates, unassigned."""
    if character in "\n\r\t":  # a cell typed with Alt+Entrée keeps its line breaks
        return False
    return unicodedata.category(character) in {"Cc", "Cf", "Cs", "Cn"} and character not in {
        "\u200d",  # zero-width joiner: part of some emoji and scripts
        "\u00ad",  # soft hyphen
    }


def text_problem(value: object, *, multiline: bool = False) -> str:
    """Why a text is not one the program keeps ("" when it is)."""
    if not isinstance(value, str):
        return "texte attendu"
    limit = MAX_LONG_TEXT if multiline else MAX_SHORT_TEXT
    if len(value) > limit:
        return f"texte de {limit:,} caractères au plus attendu".replace(",", "\u202f")
    if any(_is_control(c, multiline=multiline) for c in value):
        return "caractère de contrôle interdit (code d'échappement, caractère nul…)"
    return ""


# --- one field of the table ---------------------------------------------------------------------


def _kind_problem(spec: FieldSpec, value: Any) -> str:
    """The value's Python type against the field's kind (a file may carry anything)."""
    match spec.kind:
        case FieldKind.TEXT:
            return text_problem(value, multiline=spec.name in LONG_TEXTS)
        case FieldKind.INTEGER:
            ok = value is None or (isinstance(value, int) and not isinstance(value, bool))
            return "" if ok else "nombre entier attendu"
        case FieldKind.DECIMAL:
            ok = isinstance(value, Decimal) and value.is_finite()
            return "" if ok else "nombre décimal attendu"
        case FieldKind.BOOLEAN:
            return "" if isinstance(value, bool) else "oui ou non attendu"
        case FieldKind.CHOICE:
            ok = spec.choice_type is not None and isinstance(value, spec.choice_type)
            return "" if ok else "valeur de la liste attendue"
        case FieldKind.DATE:
            ok = value is None or (isinstance(value, date) and not isinstance(value, datetime))
            return "" if ok else "date attendue"
        case FieldKind.CHOICES:
            kind = spec.choice_type
            ok = isinstance(value, frozenset) and all(
                kind is not None and isinstance(v, kind) for v in value
            )
            return "" if ok else "valeurs de la liste attendues"
    return ""  # pragma: no cover - every kind is matched above


def field_problem(spec: FieldSpec, value: Any) -> str:
    """Why ``value`` cannot be this field's ("" when it can): its type, then its range.

    Numbers are written as the template's cell and read back through the field's own parser:
    the range is the one the grid and the spreadsheet apply, stated once, in the parser.
    """
    problem = _kind_problem(spec, value)
    if problem or spec.kind not in {FieldKind.INTEGER, FieldKind.DECIMAL} or value is None:
        return problem
    if isinstance(value, Decimal) and value.adjusted() > _HUGE_DIGITS:
        # too many digits to write out: the parser's word on any huge number of this field
        return spec.parse("9" * (_HUGE_DIGITS + 1)).problem or "nombre trop grand"
    parsed = spec.parse(spec.cell(value))
    if parsed.value != value:
        return parsed.problem or f"valeur lue « {shown(parsed.value)} »"
    return ""


# --- the dossier ---------------------------------------------------------------------------------

_Check = Callable[[str, str, str, object], None]


def _record(specs: Iterable[FieldSpec], record: object, where: str, add: _Check) -> None:
    for spec in specs:
        value = getattr(record, spec.name)
        problem = field_problem(spec, value)
        if problem:
            add(where, spec.label, problem, value)


def _texts(record: object, where: str, labels: Mapping[str, str], add: _Check) -> None:
    """Every str attribute of a frozen record (porteur, solution, target…)."""
    for f in fields(record):  # type: ignore[arg-type]
        if f.type != "str":  # postponed annotations: the type is its source text
            continue
        value = getattr(record, f.name)
        problem = text_problem(value, multiline=f.name in LONG_TEXTS)
        if problem:
            add(where, labels.get(f.name, f.name), problem, value)


def _count(items: tuple[Any, ...] | Mapping[str, Any], limit: int, where: str, add: _Check) -> bool:
    if isinstance(items, tuple | Mapping) and len(items) <= limit:
        return True
    size = len(items) if isinstance(items, tuple | Mapping) else "?"
    add(where, "nombre d'éléments", f"{limit:,} au plus".replace(",", "\u202f"), size)
    return False


def _threshold(target: UsageTarget, where: str, add: _Check) -> None:
    value = target.threshold
    if value is None:
        return
    if not isinstance(value, UsageThreshold):
        add(where, "seuil", "seuil attendu", value)
        return
    amount = value.amount
    if not isinstance(amount, Decimal) or not amount.is_finite() or amount < 0:
        add(where, "seuil", "nombre positif attendu", amount)
    elif value.is_percentage and amount > 100:
        add(where, "seuil", "un pourcentage ne dépasse pas 100 %", amount)
    elif amount > MAX_COUNT:
        add(where, "seuil", f"{MAX_COUNT:,} au plus".replace(",", "\u202f"), amount)
    if value.period and value.period not in PERIODS:
        add(where, "période du seuil", "période connue attendue", value.period)
    problem = text_problem(value.unit)
    if problem:
        add(where, "unité du seuil", problem, value.unit)


def _organisations(dossier: Dossier, add: _Check) -> None:
    organisations = dossier.grappe.organisations
    if not _count(organisations, MAX_ORGANISATIONS, "Grappe", add):
        return
    total = 0
    for i, og in enumerate(organisations, start=1):
        if not isinstance(og, Organisation):
            add("Grappe", f"OG n°{i}", "organisme gestionnaire attendu", og)
            continue
        where = f"OG n°{i} « {shown(og.name, 40)} »"
        _record(ORGANISATION_FIELDS, og, where, add)
        if not _count(og.establishments, MAX_ESTABLISHMENTS, where, add):
            continue
        total += len(og.establishments)
        for j, est in enumerate(og.establishments, start=1):
            here = f"{where}, ESSMS n°{j}"
            if not isinstance(est, Establishment):
                add(here, "ESSMS", "établissement attendu", est)
                continue
            _record(ESTABLISHMENT_FIELDS, est, f"{here} « {shown(est.name, 40)} »", add)
    if total > MAX_ESTABLISHMENTS:
        add("Grappe", "nombre d'ESSMS", f"{MAX_ESTABLISHMENTS:,} au plus", total)


def _overrides(dossier: Dossier, add: _Check) -> None:
    if not _count(dossier.overrides, MAX_ITEMS, "Budget", add):
        return
    for key, amount in dossier.overrides.items():
        where = f"Budget, valeur « {shown(key, 40)} »"
        if text_problem(key) or not key:
            add("Budget", "nom de la valeur", text_problem(key) or "nom attendu", key)
        elif not isinstance(amount, Decimal) or not amount.is_finite() or amount < 0:
            add(where, "montant", "montant positif en euros attendu", amount)
        elif amount > MAX_AMOUNT:
            add(where, "montant", "montant invraisemblable : 100 000 000 € au plus", amount)


def _autodiagnostics(dossier: Dossier, add: _Check, top_level: int) -> None:
    if not _count(dossier.autodiagnostics, MAX_AUTODIAG_SCOPES, "Autodiagnostic", add):
        return
    for response in dossier.autodiagnostics:
        where = f"Autodiagnostic « {shown(response.scope, 40)} »"
        if text_problem(response.scope):
            add(where, "périmètre", text_problem(response.scope), response.scope)
        if not _count(response.answers, MAX_ANSWERS, where, add):
            continue
        for question, level in response.answers.items():
            if text_problem(question) or not question:
                add(where, "question", text_problem(question) or "identifiant attendu", question)
            elif isinstance(level, bool) or not isinstance(level, int):
                add(where, f"question « {shown(question, 30)} »", "niveau entier attendu", level)
            elif not 0 <= level <= top_level:
                expected = f"niveau de 0 à {top_level} attendu"
                add(where, f"question « {shown(question, 30)} »", expected, level)


def _lists(dossier: Dossier, add: _Check) -> None:
    labels = {
        "indicator": "indicateur",
        "sector": "secteur",
        "window": "échéance",
        "evidence": "justificatif",
        "label": "libellé",
        "description": "description",
        "key": "clé",
        "file_name": "nom du fichier",
        "note": "note",
        "baseline": "valeur actuelle",
        "name": "nom",
        "function": "fonction",
        "organisation": "organisme",
        "availability": "disponibilité",
    }
    parts: tuple[tuple[str, tuple[Any, ...]], ...] = (
        ("Cible d'usage", dossier.usage_targets),
        ("Jalon", dossier.milestones),
        ("Membre de l'équipe projet", dossier.team),
        ("Pièce jointe", dossier.annexes),
        ("Attestation", dossier.attestations),
    )
    for title, items in parts:
        if not _count(items, MAX_ITEMS, title, add):
            continue
        for i, item in enumerate(items, start=1):
            _texts(item, f"{title} n°{i}", labels, add)
            if isinstance(item, UsageTarget):
                _threshold(item, f"{title} n°{i}", add)
            if isinstance(item, TeamMember) and not isinstance(item.role, TeamRole):
                add(f"{title} n°{i}", "rôle", "valeur de la liste attendue", item.role)


DECLARED_FINESS = re.compile(r"[0-9A-Z]{9}")
"""A declared FINESS géographique, as :func:`~esms_desktop.domain.edits.declare_ght` stores it:
nine characters once normalised (digits, and the A or B of Corsica)."""


def _campaign_version(dossier: Dossier, add: _Check) -> None:
    """The recorded fingerprint is a short text: only compared, and printed escaped."""
    value = dossier.campaign_fingerprint
    problem = text_problem(value)
    if problem:
        add("Dossier", "version de la campagne", problem, value)


def _declarations(dossier: Dossier, add: _Check) -> None:
    """What the user declared: FINESS numbers as the rules read them, a yes, no or nothing."""
    declared = dossier.declarations
    if not isinstance(declared, Declarations):
        add("Déclarations", "déclarations", "déclarations attendues", declared)
        return
    registered = declared.editor_registered
    if registered is not None and not isinstance(registered, bool):
        add(
            "Déclarations",
            "éditeur inscrit au guichet Ségur",
            "oui, non ou vide attendu",
            registered,
        )
    ght = declared.ght_essms
    if not isinstance(ght, frozenset) or len(ght) > MAX_ESTABLISHMENTS:
        add("Déclarations", "ESSMS rattachés à un GHT", f"{MAX_ESTABLISHMENTS} FINESS au plus", ght)
        return
    for finess in sorted(ght, key=str):
        if not isinstance(finess, str) or not DECLARED_FINESS.fullmatch(finess):
            add(
                "Déclarations",
                "ESSMS rattaché à un GHT",
                "FINESS géographique de 9 caractères attendu",
                finess,
            )


def dossier_problems(dossier: Dossier, *, top_level: int = MAX_LEVEL) -> tuple[Problem, ...]:
    """Every value of ``dossier`` that no door would have let in, in the dossier's order.

    ``top_level`` is the questionnaire's top answer (never above :data:`MAX_LEVEL`).
    """
    found: list[Problem] = []

    def add(where: str, label: str, expected: str, value: object) -> None:
        found.append(Problem(where, label, shown(value), expected))

    for name, label in (("name", "nom du dossier"), ("campaign_id", "campagne")):
        value = getattr(dossier, name)
        problem = text_problem(value)
        if problem:
            add("Dossier", label, problem, value)
    for name, multiline in (("project_title", False), ("governance", True)):
        problem = text_problem(getattr(dossier, name), multiline=multiline)
        if problem:
            add("Dossier", name.replace("_", " "), problem, getattr(dossier, name))
    _texts(dossier.porteur, "Porteur", PORTEUR_LABELS, add)
    _texts(dossier.grappe.solution, "Solution DUI", _SOLUTION_LABELS, add)
    _organisations(dossier, add)
    _overrides(dossier, add)
    _autodiagnostics(dossier, add, min(top_level, MAX_LEVEL))
    _lists(dossier, add)
    _campaign_version(dossier, add)
    _declarations(dossier, add)
    return tuple(found)


def check_dossier(dossier: Dossier, source: str) -> Dossier:
    """``dossier`` itself when it holds only admissible values; else :class:`InvalidDossierError`
    naming ``source`` (« Le fichier « x.esms » », « Le dossier n°3 »)."""
    problems = dossier_problems(dossier)
    if problems:
        raise InvalidDossierError(source, problems)
    return dossier


PORTEUR_LABELS: dict[str, str] = {
    "name": "nom",
    "legal_status": "statut juridique",
    "siren": "SIREN",
    "siret": "SIRET",
    "finess_ej": "FINESS juridique",
    "address": "adresse",
    "postal_code": "code postal",
    "town": "commune",
    "legal_representative": "représentant légal",
    "legal_representative_title": "qualité du représentant",
    "project_lead": "chef de projet",
    "contact_email": "courriel",
    "contact_phone": "téléphone",
}
"""The porteur's fields as a French reader names them (checks, amendments)."""
_SOLUTION_LABELS = {
    "editor": "éditeur",
    "product": "produit",
    "segur_reference": "référence Ségur",
    "justification": "justification",
}


# --- what a received file is refused for ---------------------------------------------------------

TEXT_CONTENT_PROBLEMS: frozenset[str] = frozenset(
    {
        text_problem("\x00"),
        text_problem("x" * (MAX_SHORT_TEXT + 1)),
        text_problem("x" * (MAX_LONG_TEXT + 1), multiline=True),
    }
)
"""The ``expected`` of the problems about a text's content (a control character, a length), as
opposed to its type: what :func:`value_problems` leaves out."""


def value_problems(dossier: Dossier, *, top_level: int = MAX_LEVEL) -> tuple[Problem, ...]:
    """:func:`dossier_problems` less the rules on a text's content (control characters, length).

    What a received ``.esms`` is refused for. The texts are left out because every door keeps
    them today (a spreadsheet cell's line break in an address, text pasted with a tab or an
    escape code) and the store holds, exports and prints them: refusing them in a file would make
    the program refuse its own exports. Everything that poisons a dossier — a number out of its
    range, ``NaN``, a value of the wrong type, a list beyond its size — is still here.
    """
    return tuple(
        p
        for p in dossier_problems(dossier, top_level=top_level)
        if p.expected not in TEXT_CONTENT_PROBLEMS
    )


def problem_lines(problems: Sequence[Problem]) -> tuple[str, ...]:
    """The problems as a message lists them: the first :data:`MAX_PROBLEMS_SHOWN`, then how
    many more (a file with 5,000 bad capacities needs a dialog, not a scroll of 5,000 lines)."""
    lines = [f"• {p}" for p in problems[:MAX_PROBLEMS_SHOWN]]
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append(f"… et {len(problems) - MAX_PROBLEMS_SHOWN} autre(s) problème(s)")
    return tuple(lines)
