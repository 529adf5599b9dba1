"""Departments → regions, for the size rules that depend on how many regions a grappe spans.

From 2024 the regional calls take any grappe of one region and multi-region grappes under 50
ESSMS, the national call the multi-region grappes of 50 or more (programme.md §8): the region of
an ESSMS comes from the department of its FINESS. A "region" here is an ARS's territory, since
the regional call is the ARS's: Saint-Martin and Saint-Barthélemy belong to the ARS of
Guadeloupe (interpretation esms-desktop).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

_REGIONS: dict[str, str] = {
    "Auvergne-Rhône-Alpes": "01 03 07 15 26 38 42 43 63 69 73 74",
    "Bourgogne-Franche-Comté": "21 25 39 58 70 71 89 90",
    "Bretagne": "22 29 35 56",
    "Centre-Val de Loire": "18 28 36 37 41 45",
    "Corse": "2A 2B 20",
    "Grand Est": "08 10 51 52 54 55 57 67 68 88",
    "Hauts-de-France": "02 59 60 62 80",
    "Île-de-France": "75 77 78 91 92 93 94 95",
    "Normandie": "14 27 50 61 76",
    "Nouvelle-Aquitaine": "16 17 19 23 24 33 40 47 64 79 86 87",
    "Occitanie": "09 11 12 30 31 32 34 46 48 65 66 81 82",
    "Pays de la Loire": "44 49 53 72 85",
    "Provence-Alpes-Côte d'Azur": "04 05 06 13 83 84",
    "Guadeloupe, Saint-Martin et Saint-Barthélemy": "971 977 978",
    "Martinique": "972",
    "Guyane": "973",
    "La Réunion": "974",
    "Saint-Pierre-et-Miquelon": "975",
    "Mayotte": "976",
}

REGION_OF_DEPARTMENT: Mapping[str, str] = {
    dept: region for region, depts in _REGIONS.items() for dept in depts.split()
}


def region_of(department: str) -> str:
    """Region name of a department code (``"59"``, ``"2A"``, ``"974"``); empty when unknown."""
    return REGION_OF_DEPARTMENT.get(department, "")


def regions_of(departments: Iterable[str]) -> tuple[str, ...]:
    """The distinct known regions of ``departments``, sorted; unknown departments are left out
    (they can neither prove nor disprove that a grappe spans several regions)."""
    return tuple(sorted({region_of(d) for d in departments} - {""}))
