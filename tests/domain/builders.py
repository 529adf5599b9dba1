"""Small builders for grappes in tests: valid FINESS numbers made with their real key."""

from __future__ import annotations

from decimal import Decimal

from esms_desktop.domain.grappe import (
    DuiSolution,
    Establishment,
    Grappe,
    OgRole,
    Organisation,
    ProjectType,
)
from esms_desktop.domain.identifiers import finess_with_key


def finess(dept: str, n: int) -> str:
    """A valid FINESS géographique in ``dept`` (``"59"``, ``"2A"``, ``"974"``), unique per n."""
    body = f"{dept}{n:0{8 - len(dept)}d}"
    assert len(body) == 8, body
    return finess_with_key(body)


def establishments(
    count: int,
    *,
    dept: str = "59",
    start: int = 0,
    category: str = "500",
    project: ProjectType = ProjectType.ACQUISITION,
    equipment: bool = False,
    solution: str = "Éditeur — Produit",
    hours: Decimal = Decimal(100),
) -> tuple[Establishment, ...]:
    return tuple(
        Establishment(
            finess=finess(dept, start + i + 1),
            name=f"ESSMS {dept}-{start + i + 1}",
            category=category,
            project=project,
            equipment=equipment,
            dui_solution=solution,
            eligible_hours_pct=hours,
        )
        for i in range(count)
    )


def og(
    name: str,
    ests: tuple[Establishment, ...],
    *,
    porteur: bool = False,
    size: int | None = None,
) -> Organisation:
    return Organisation(
        name=name,
        role=OgRole.PORTEUR if porteur else OgRole.MEMBRE,
        declared_size=size,
        establishments=ests,
    )


def grappe(*ogs: Organisation, segur: bool | None = None) -> Grappe:
    return Grappe(tuple(ogs), DuiSolution("Éditeur", "Produit", segur_referenced=segur))


def split_grappe(total: int, n_ogs: int, *, dept: str = "59", **kw: object) -> Grappe:
    """``total`` ESSMS spread over ``n_ogs`` OGs (the first is porteur), all small unless sized."""
    per = [total // n_ogs + (1 if i < total % n_ogs else 0) for i in range(n_ogs)]
    ogs, start = [], 0
    for i, n in enumerate(per):
        ogs.append(og(f"OG {i + 1}", establishments(n, dept=dept, start=start), porteur=i == 0))
        start += n
    return grappe(*ogs, **kw)  # type: ignore[arg-type]
