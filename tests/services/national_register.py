"""A synthetic national FINESS register made from the real rows, for the partner search.

The real website export holds 1,508 ESAT of all France (``../shared/data/finess``; the 30-row
excerpt of ``tests/fixtures`` when absent). The national register is ~100,000 establishments of
~40,000 organismes gestionnaires: this module makes one of that shape from the real rows — their
names, addresses, SIRET, capacities — with fresh valid FINESS numbers, a category mix
(medico-social, USLD and sanitary ones, which the search must leave out), some closed ones,
places around a point per department, half the OGs with a legal entity (as the ANS flux gives)
and the other half without (as the etalab extract). Deterministic (a seeded generator).

Used by tests/services/test_partner_search.py and ``python -m benchmarks --only partners``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from esms_desktop.domain.department_neighbours import neighbours
from esms_desktop.domain.finess_register import RegisterEntry, RegisterLegalEntity
from esms_desktop.domain.geodesy import GeoPoint
from esms_desktop.domain.identifiers import finess_with_key
from esms_desktop.importers.finess_detect import read_register

ROOT = Path(__file__).resolve().parents[2]
WEB_EXPORT = ROOT.parent / "shared" / "data" / "finess" / "finess-web-export-esat.csv"
EXCERPT = ROOT / "tests" / "fixtures" / "finess_files" / "finess-web-export-esat-30.csv"
DEPARTMENTS = tuple(
    [f"{d:02d}" for d in range(1, 20)] + ["2A", "2B"] + [f"{d:02d}" for d in range(21, 96)]
)
CATEGORIES = (
    ("246", "Etablissement et Service d'Aide par le Travail (E.S.A.T.)", 30),
    ("500", "Etablissement d'hébergement pour personnes âgées dépendantes", 30),
    ("182", "Service d'Éducation Spéciale et de Soins à Domicile", 12),
    ("354", "Service de Soins Infirmiers A Domicile (S.S.I.A.D)", 10),
    ("255", "Maison d'Accueil Spécialisée (M.A.S.)", 8),
    ("362", "Etablissement de Soins Longue Durée", 5),
    ("101", "Centre Hospitalier Régional (C.H.R.)", 5),
)
"""Category, label, weight: medico-social mostly, a tenth USLD and sanitary (left out)."""
ELIGIBLE = frozenset({"246", "500", "182", "354", "255"})


@dataclass(frozen=True, slots=True)
class NationalRegister:
    entries: tuple[RegisterEntry, ...]
    legal_entities: tuple[RegisterLegalEntity, ...]
    centres: dict[str, GeoPoint]


def real_rows() -> list[RegisterEntry]:
    """The real export's establishments (or the excerpt's)."""
    source = WEB_EXPORT if WEB_EXPORT.exists() else EXCERPT
    return list(read_register(source).entries)


def _sizes(rng: random.Random, ogs: int, total: int) -> list[int]:
    """How many establishments each OG has: mostly one or two, a few large networks."""
    sizes = []
    for _ in range(ogs):
        roll = rng.random()
        if roll < 0.55:
            sizes.append(1)
        elif roll < 0.80:
            sizes.append(2)
        elif roll < 0.92:
            sizes.append(rng.randint(3, 5))
        elif roll < 0.985:
            sizes.append(rng.randint(6, 14))
        else:
            sizes.append(rng.randint(15, 60))
    k = 0
    while sum(sizes) < total:  # fill up to the total, one more here and there
        sizes[k % ogs] += 1
        k += 7
    while sum(sizes) > total:
        if sizes[k % ogs] > 1:
            sizes[k % ogs] -= 1
        k += 3
    return sizes


def _near(rng: random.Random, centre: GeoPoint, spread: float = 0.25) -> GeoPoint:
    return GeoPoint(
        centre.latitude + rng.uniform(-spread, spread),
        centre.longitude + rng.uniform(-spread, spread),
    )


def make_national_register(
    count: int = 100_000, ogs: int = 40_000, *, seed: int = 19
) -> NationalRegister:
    """``count`` establishments of ``ogs`` OGs over the 96 metropolitan departments."""
    rng = random.Random(seed)
    base = real_rows()
    centres = {d: GeoPoint(rng.uniform(43.0, 50.5), rng.uniform(-3.5, 7.0)) for d in DEPARTMENTS}
    weights = [w for _c, _l, w in CATEGORIES]
    numbers = dict.fromkeys(DEPARTMENTS, 0)

    def fresh(department: str, offset: int) -> str:
        numbers[department] += 1
        return finess_with_key(f"{department}{offset + numbers[department]:06d}")

    entries: list[RegisterEntry] = []
    legal: list[RegisterLegalEntity] = []
    row = 0
    for k, size in enumerate(_sizes(rng, ogs, count)):
        home = DEPARTMENTS[k % len(DEPARTMENTS)]
        ej = fresh(home, 500_000)
        has_legal = (k // len(DEPARTMENTS)) % 2 == 0
        if has_legal:
            legal.append(
                RegisterLegalEntity(
                    finess_ej=ej,
                    name=f"ASSO {k}",
                    long_name=f"Association gestionnaire n° {k}",
                    department=home,
                    town=base[k % len(base)].town,
                    location=_near(rng, centres[home]),
                    source="json",
                )
            )
        around = sorted(neighbours(home) & set(DEPARTMENTS))
        for _ in range(size):
            real = base[row % len(base)]
            row += 1
            department = home
            if around and rng.random() < 0.1:
                department = rng.choice(around)
            code, label, _w = rng.choices(CATEGORIES, weights)[0]
            number = fresh(department, 0)
            entries.append(
                replace(
                    real,
                    finess=number,
                    finess_ej=ej,
                    category=code,
                    category_label=label,
                    department=department,
                    closed=rng.random() < 0.05,
                    closed_on=None,
                    location=None if rng.random() < 0.1 else _near(rng, centres[department]),
                )
            )
    return NationalRegister(tuple(entries), tuple(legal), centres)


def load_national(uow: object, register: NationalRegister) -> int:
    """Write ``register`` as the loaded table of the store behind ``uow`` (committed)."""
    with uow:  # type: ignore[attr-defined]
        done = uow.register.replace_all(  # type: ignore[attr-defined]
            iter(register.entries),
            file="registre-national-synthetique.csv",
            source="json",
            loaded_at=datetime.now(UTC),
            legal_entities=register.legal_entities,
        )
        uow.commit()  # type: ignore[attr-defined]
    return int(done)


def by_ej(register: NationalRegister) -> Iterator[tuple[str, list[RegisterEntry]]]:
    groups: dict[str, list[RegisterEntry]] = {}
    for entry in register.entries:
        groups.setdefault(entry.finess_ej, []).append(entry)
    yield from groups.items()
