"""FINESS category codes → label, agrégat, domain and programme sector.

We match on the *code*, never the label: labels change (home services were renamed in 2025) and
real files carry codes that are in no published nomenclature, which we accept with a warning.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path


class Sector(StrEnum):
    PA = "PA"
    PH = "PH"
    DOMICILE = "DOMICILE"
    PE = "PE"
    AHI = "AHI"
    PJM = "PJM"
    SPECIFIQUE = "SPECIFIQUE"
    AUTRE = "AUTRE"

    @property
    def label(self) -> str:
        return SECTOR_LABELS[self]


SECTOR_LABELS: Mapping[Sector, str] = {
    Sector.PA: "Personnes âgées",
    Sector.PH: "Personnes handicapées",
    Sector.DOMICILE: "Services à domicile",
    Sector.PE: "Protection de l'enfance",
    Sector.AHI: "Accueil, hébergement, insertion",
    Sector.PJM: "Protection juridique des majeurs",
    Sector.SPECIFIQUE: "Difficultés spécifiques",
    Sector.AUTRE: "Autre",
}

USLD = "362"
"""Unité de soins de longue durée: sanitaire, never eligible even beside an EHPAD (FAQ)."""


class CategoryEligibility(StrEnum):
    ELIGIBLE = "eligible"
    UNKNOWN = "inconnue"  # accepted, with a warning
    USLD = "usld"
    NOT_MEDICO_SOCIAL = "hors_medico_social"


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    label: str
    sector: Sector
    domain: str = ""
    agregat: str = ""
    agregat_label: str = ""
    open: bool = True
    known: bool = True

    @property
    def eligibility(self) -> CategoryEligibility:
        if self.code == USLD:
            return CategoryEligibility.USLD
        if not self.known:
            return CategoryEligibility.UNKNOWN
        if self.domain and self.domain != "SOC":
            return CategoryEligibility.NOT_MEDICO_SOCIAL
        return CategoryEligibility.ELIGIBLE

    @property
    def display(self) -> str:
        """« 500 — Établissement d'hébergement… »: the code as FINESS has it, the label with
        the accented capitals FINESS leaves out (what people read; the data stays as it is)."""
        label = accented(self.label)
        return f"{self.code} — {label}" if label else self.code


_CAPITALS = (
    (re.compile(r"\bEtablissement"), "Établissement"),
    (re.compile(r"\bEcole"), "École"),
    (re.compile(r"\bEquipe"), "Équipe"),
    (re.compile(r"\bA Domicile\b"), "À Domicile"),
)


def accented(label: str) -> str:
    """A FINESS label with its capitals accented (« Etablissement » → « Établissement »):
    the register writes capitals without accents, French typography wants them."""
    for pattern, replacement in _CAPITALS:
        label = pattern.sub(replacement, label)
    return label


@lru_cache(maxsize=4096)
def normalise_category(raw: str) -> str:
    """``"500"``, ``" 500 "``, ``"500.0"`` (a spreadsheet number) and ``"50"`` → 3-digit code."""
    text = (raw or "").strip()
    if text.endswith(".0"):
        text = text[:-2]
    return text.zfill(3) if text.isdigit() and len(text) <= 3 else text


class Nomenclature:
    """Category look-up; unknown codes get a ``known=False`` category in sector AUTRE."""

    def __init__(self, categories: Mapping[str, Category]) -> None:
        self._by_code = dict(categories)

    @classmethod
    def from_csv(cls, text: str) -> Nomenclature:
        reader = csv.DictReader(io.StringIO(text), delimiter=";")
        cats = {}
        for row in reader:
            code = row["code"]
            cats[code] = Category(
                code=code,
                label=row["libelle"],
                sector=Sector(row["secteur"]),
                domain=row["domaine"],
                agregat=row["agregat"],
                agregat_label=row["libelle_agregat"],
                open=row["statut"] != "fermee",
            )
        return cls(cats)

    @classmethod
    def load(cls, path: Path) -> Nomenclature:
        return cls.from_csv(path.read_text(encoding="utf-8"))

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and normalise_category(code) in self._by_code

    def get(self, raw: str) -> Category:
        code = normalise_category(raw)
        found = self._by_code.get(code)
        if found is not None:
            return found
        return Category(code=code, label="", sector=Sector.AUTRE, known=False)

    def categories(self) -> list[Category]:
        return sorted(self._by_code.values(), key=lambda c: c.code)
