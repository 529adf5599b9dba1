"""French identifiers used by the programme: FINESS, SIREN, SIRET.

Users paste these numbers from spreadsheets, letters and the FINESS website, so validation first
normalises (spaces, dots, dashes, case) and then checks the Luhn key. A spreadsheet that stored a
FINESS as a number loses its leading zero: we *suggest* the fix, never apply it silently, because a
wrong guess would attach money to someone else's establishment.

SIREN and SIRET are decided by ``python-stdnum`` (``stdnum.fr.siren`` / ``stdnum.fr.siret``: Luhn,
the SIREN inside the SIRET, La Poste's rule); the French messages saying *why* are ours. FINESS,
which stdnum does not know, is checked here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_SEPARATORS = re.compile(r"[\s.\-_/\u00a0\u202f]")
_FINESS_SHAPE = re.compile(r"^(?:[0-9]{2}|2[AB])[0-9]{7}$")
LA_POSTE_SIREN = "356000000"
LA_POSTE_HEAD_OFFICE_SIRET = "35600000000048"  # La Poste's siège: an ordinary Luhn key


def normalise(raw: str) -> str:
    """Strip separators people type or paste (spaces, NBSP, dots, dashes) and upper-case."""
    return _SEPARATORS.sub("", raw or "").upper()


def luhn_ok(digits: str) -> bool:
    """True when the Luhn (mod 10) sum of ``digits`` is a multiple of 10."""
    if not (digits.isascii() and digits.isdigit()):
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _finess_digits(finess: str) -> str:
    """Corsican departments 2A/2B count as 21/22 for the key (DREES convention)."""
    if finess.startswith("2A"):
        return "21" + finess[2:]
    if finess.startswith("2B"):
        return "22" + finess[2:]
    return finess


def finess_department(finess: str) -> str:
    """Department code of a normalised FINESS: 2 characters, 3 for overseas.

    Real overseas numbers start ``970`` and carry the department in their 4th digit (``9701…``
    Guadeloupe 971 … ``9705…`` Saint-Pierre-et-Miquelon 975); Mayotte's start ``9805`` (numbered
    when it was collectivité 985, department 976 since 2011). Other ``97x``/``98x`` → 3 characters.
    """
    if finess[:3] == "970" and finess[3:4] in ("1", "2", "3", "4", "5", "6"):
        return "97" + finess[3]
    if finess[:4] == "9805":
        return "976"
    if finess[:2] in ("97", "98"):
        return finess[:3]
    return finess[:2]


def is_island_or_overseas(finess: str) -> bool:
    """Corse (2A, 2B) and overseas (97x, 98x) get lower size thresholds in the programme."""
    return finess[:2] in ("2A", "2B", "97", "98")


@dataclass(frozen=True, slots=True)
class FinessCheck:
    """Outcome of checking one FINESS as typed.

    ``value`` is the normalised number (even when invalid, so messages can quote it);
    ``problem`` is a French sentence, empty when valid; ``suggestion`` a likely correct number.
    """

    value: str
    problem: str = ""
    suggestion: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


@lru_cache(maxsize=65_536)
def check_finess(raw: str) -> FinessCheck:
    """Normalise and validate a FINESS number (juridique or géographique).

    Cached: the budget is recomputed after every keystroke over the same numbers.
    """
    value = normalise(raw)
    if not value:
        return FinessCheck(value, "numéro FINESS vide")
    if len(value) == 8 and value.isascii() and value.isdigit():
        candidate = "0" + value
        hint = candidate if check_finess(candidate).ok else ""
        problem = "numéro FINESS de 8 caractères au lieu de 9"
        if hint:
            problem += f" : un zéro initial a peut-être été perdu par le tableur ({hint} ?)"
        return FinessCheck(value, problem, hint)
    if len(value) != 9:
        return FinessCheck(value, f"numéro FINESS de {len(value)} caractères au lieu de 9")
    if not _FINESS_SHAPE.match(value):
        return FinessCheck(
            value,
            "numéro FINESS mal formé : 9 chiffres attendus "
            "(département 2A/2B accepté pour la Corse)",
        )
    dept = value[:2]
    if dept in ("00", "96", "99") or (dept.isdigit() and int(dept) > 98):
        return FinessCheck(value, f"département « {dept} » inconnu dans le numéro FINESS")
    if not luhn_ok(_finess_digits(value)):
        return FinessCheck(value, "clé de contrôle du numéro FINESS incorrecte (faute de frappe ?)")
    return FinessCheck(value)


def finess_with_key(first_eight: str) -> str:
    """Complete 8 characters with their Luhn key (used to build test data and examples)."""
    base = normalise(first_eight)
    digits = _finess_digits(base)
    for key in "0123456789":
        if luhn_ok(digits + key):
            return base + key
    raise ValueError(first_eight)  # unreachable: one key always fits


def siren_problem(raw: str) -> str:
    """French message when ``raw`` is not a valid SIREN (9 digits, Luhn); empty when valid."""
    value = normalise(raw)
    if not (value.isascii() and value.isdigit()) or len(value) != 9:
        return "SIREN attendu sur 9 chiffres"
    from stdnum.fr import siren as stdnum_siren  # here: stdnum pulls pydoc and ssl at import

    if not stdnum_siren.is_valid(value):
        return "clé de contrôle du SIREN incorrecte"
    return ""


def siret_problem(raw: str) -> str:
    """French message when ``raw`` is not a valid SIRET (14 digits); empty when valid.

    Valid means what ``stdnum.fr.siret`` says: Luhn key right *and* the SIREN in its first nine
    digits valid (a Luhn-right SIRET around a wrong SIREN is a typo, refused). La Poste's
    establishments share SIREN 356000000 and their SIRETs, its siège excepted, do not follow
    Luhn: the INSEE rule for them is a digit sum that is a multiple of 5.
    """
    value = normalise(raw)
    if "E" in value or "," in value:
        return "SIRET en notation scientifique (précision perdue par le tableur)"
    if not (value.isascii() and value.isdigit()) or len(value) != 14:
        return "SIRET attendu sur 14 chiffres"
    from stdnum.fr import siret as stdnum_siret  # here: stdnum pulls pydoc and ssl at import

    if stdnum_siret.is_valid(value):
        return ""
    if value.startswith(LA_POSTE_SIREN) and value != LA_POSTE_HEAD_OFFICE_SIRET:
        return "clé de contrôle du SIRET incorrecte (règle La Poste)"
    if not luhn_ok(value):
        return "clé de contrôle du SIRET incorrecte"
    return (
        f"SIRET {value[:9]} {value[9:]} : son SIREN {value[:9]} (9 premiers chiffres) "
        "a une clé de contrôle incorrecte"
    )


def siret_siren_mismatch(siren_raw: str, siret_raw: str) -> str:
    """French message when a SIRET does not start with the SIREN given beside it; else empty.

    Said only when both numbers are valid on their own (each one's own problem is reported
    first): an établissement's SIRET is its entreprise's SIREN followed by a 5-digit NIC.
    """
    siren, siret = normalise(siren_raw), normalise(siret_raw)
    if not siren or not siret or siren_problem(siren) or siret_problem(siret):
        return ""
    if siret.startswith(siren):
        return ""
    return (
        f"le SIRET {siret[:9]} {siret[9:]} ne commence pas par le SIREN {siren} : "
        "l'un des deux numéros n'est pas celui du porteur"
    )
