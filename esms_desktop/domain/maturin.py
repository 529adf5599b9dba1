"""Levels typed from MaturiN-SMS: a director who already answered it need not answer twice.

MaturiN-SMS (ANS, 2024) is the sector's reference maturity framework: 7 dimensions, 64 questions,
5 levels (programme.md §6 and §8). esms-desktop's questionnaire is its own, inspired by it, and
one of its domains differs (MaturiN-SMS « Qualité de service », ours « Interopérabilité et
services socles »). A user who holds a MaturiN-SMS result types here, per dimension, the level
1–5 she read in it and the date of that assessment.

The dimensions and their mapping to our domains are data (``[maturin]`` in
``resources/autodiagnostic.toml``, read by :func:`~esms_desktop.domain.autodiagnostic.
parse_questionnaire`); this module holds the typed records and the pure checks. How a typed level
stands in for a domain score is stated once in :mod:`esms_desktop.domain.autodiagnostic` (see
:func:`~esms_desktop.domain.autodiagnostic.score`); how it routes in
:mod:`esms_desktop.domain.autodiag_routing`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

MATURIN_LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)
"""The levels a MaturiN-SMS result gives per dimension."""

MATURIN_DIMENSION_COUNT = 7
"""MaturiN-SMS has 7 dimensions: the data file must name exactly these many (checked at load), and
completeness counts the self-assessment done once all of them are typed."""


@dataclass(frozen=True, slots=True)
class MaturinDimension:
    """One MaturiN-SMS dimension, named as the ANS names it.

    ``id`` is stored with the typed levels (never rename it); ``domain_id`` is the domain of our
    questionnaire it corresponds to, ``None`` for the dimension ours does not have: that one is
    shown and printed but routes nothing.
    """

    id: str
    number: int
    title: str
    domain_id: str | None = None


@dataclass(frozen=True, slots=True)
class MaturinFramework:
    """The MaturiN-SMS dimensions the data file describes, in the ANS's order."""

    title: str
    source: str
    dimensions: tuple[MaturinDimension, ...]

    def dimension(self, dimension_id: str) -> MaturinDimension:
        for d in self.dimensions:
            if d.id == dimension_id:
                return d
        raise KeyError(f"Dimension MaturiN-SMS inconnue : « {dimension_id} »")

    def has_dimension(self, dimension_id: str) -> bool:
        return any(d.id == dimension_id for d in self.dimensions)

    def for_domain(self, domain_id: str) -> MaturinDimension | None:
        """The dimension mapped to our domain ``domain_id``, ``None`` when there is none."""
        for d in self.dimensions:
            if d.domain_id == domain_id:
                return d
        return None


_NO_LEVELS: Mapping[str, int] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class TypedLevels:
    """What the user typed from her MaturiN-SMS result for one scope.

    ``levels`` maps a dimension id to the level 1–5 read in the result (a dimension left out is
    « non renseigné »); ``assessed_on`` is the date of that MaturiN-SMS assessment, ``None`` when
    not given. Values are kept as stored: one outside 1–5 or of an unknown dimension (a file
    edited by hand, a later framework) is not counted but never dropped silently
    (:func:`usable_levels`).
    """

    levels: Mapping[str, int] = field(default_factory=lambda: _NO_LEVELS)
    assessed_on: date | None = None

    @property
    def is_empty(self) -> bool:
        return not self.levels and self.assessed_on is None


NO_TYPED_LEVELS = TypedLevels()


def is_level(value: object) -> bool:
    """``value`` is a MaturiN-SMS level (an int 1–5, never a bool)."""
    return isinstance(value, int) and not isinstance(value, bool) and value in MATURIN_LEVELS


def usable_levels(framework: MaturinFramework | None, typed: TypedLevels) -> dict[str, int]:
    """The typed levels that count: a known dimension and a level 1–5, in the framework's order."""
    if framework is None:
        return {}
    return {
        d.id: typed.levels[d.id]
        for d in framework.dimensions
        if d.id in typed.levels and is_level(typed.levels[d.id])
    }


def ignored_levels(
    framework: MaturinFramework | None, typed: TypedLevels
) -> tuple[tuple[str, object], ...]:
    """The typed entries that are kept but not counted, as ``(dimension id, value)``."""
    usable = usable_levels(framework, typed)
    return tuple((k, v) for k, v in typed.levels.items() if k not in usable)


def typed_complete(typed: TypedLevels, count: int = MATURIN_DIMENSION_COUNT) -> bool:
    """Every dimension has a level 1–5 (the self-assessment then counts as done)."""
    return sum(1 for v in typed.levels.values() if is_level(v)) >= count


def with_level(typed: TypedLevels, dimension_id: str, level: int | None) -> TypedLevels:
    """``typed`` with one dimension set (``None``: back to « non renseigné »), order kept."""
    levels = dict(typed.levels)
    if level is None:
        levels.pop(dimension_id, None)
    else:
        levels[dimension_id] = level
    return TypedLevels(MappingProxyType(levels), typed.assessed_on)


def with_date(typed: TypedLevels, assessed_on: date | None) -> TypedLevels:
    """``typed`` with the date of the MaturiN-SMS assessment replaced."""
    return TypedLevels(typed.levels, assessed_on)
