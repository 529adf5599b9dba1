"""Property tests: tranches always add up to the cent, the cap always keeps the best amounts."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from esms_desktop.domain.budget import compute, split_tranches
from esms_desktop.domain.campaign import parse_campaign
from esms_desktop.domain.grappe import ProjectType
from esms_desktop.services import catalog
from tests.domain.builders import establishments, grappe, og

amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def tranche_splits(draw: st.DrawFn) -> list[int]:
    n = draw(st.integers(min_value=1, max_value=5))
    cuts = sorted(draw(st.lists(st.integers(1, 99), min_size=n - 1, max_size=n - 1, unique=True)))
    bounds = [0, *cuts, 100]
    return [b - a for a, b in pairwise(bounds)]


def _campaign(pcts: list[int]):
    data = {
        "id": "x",
        "title": "x",
        "year": 2030,
        "values": {"v": {"label": "v", "amount": 1, "source": "test"}},
        "tranches": [{"label": f"T{i}", "pct": p} for i, p in enumerate(pcts)],
    }
    return parse_campaign(data)


@given(total=amounts, pcts=tranche_splits())
def test_tranches_sum_exactly_and_stay_within_a_cent(total: Decimal, pcts: list[int]) -> None:
    tranches = split_tranches(total, _campaign(pcts))
    assert sum(t.amount for t in tranches) == total
    for t in tranches[:-1]:
        assert t.amount == t.amount.quantize(Decimal("0.01"))
        assert abs(t.amount - total * t.pct / 100) <= Decimal("0.005")
    assert abs(tranches[-1].amount - total * tranches[-1].pct / 100) <= Decimal("0.01") * len(
        tranches
    )


@settings(max_examples=40, deadline=None)
@given(
    projects=st.lists(
        st.tuples(
            st.sampled_from([ProjectType.ACQUISITION, ProjectType.CONFORMITE, ProjectType.AUCUN]),
            st.booleans(),
        ),
        min_size=15,
        max_size=45,
    )
)
def test_cap_funds_at_most_30_and_keeps_the_highest(
    projects: list[tuple[ProjectType, bool]],
) -> None:
    ests = []
    for i, (project, equipment) in enumerate(projects):
        (e,) = establishments(1, start=i, project=project, equipment=equipment)
        ests.append(e)
    thirds = len(ests) // 3
    g = grappe(
        og("A", tuple(ests[:thirds]), porteur=True),
        og("B", tuple(ests[thirds : 2 * thirds])),
        og("C", tuple(ests[2 * thirds :])),
    )
    b = compute(g, catalog.campaign("amorcage-2021-t1"), catalog.nomenclature())
    candidates = [e for e in b.establishments if e.project is not ProjectType.AUCUN]
    funded = [e for e in b.establishments if e.funded]
    assert len(funded) == min(30, len(candidates))
    capped = [e for e in candidates if not e.funded]
    if capped and funded:
        assert min(e.requested for e in funded) >= max(e.requested for e in capped)
    assert b.total == sum(e.amount for e in funded)
    assert sum(t.amount for t in b.tranches) == b.total


@settings(max_examples=60, deadline=None)
@given(
    acquisition=amounts,
    equipment=amounts,
    ceiling=amounts,
    hours=st.integers(min_value=1, max_value=100),
    cut=st.integers(min_value=1, max_value=20),
    n=st.integers(min_value=1, max_value=20),
)
def test_ceiling_caps_every_essms_and_bands_pick_one_amount(
    acquisition: Decimal, equipment: Decimal, ceiling: Decimal, hours: int, cut: int, n: int
) -> None:
    """An ESSMS gets min(its lines after the prorata, the ceiling); the band of its rank."""
    data = {
        "id": "x",
        "title": "x",
        "year": 2030,
        "scope": {"hours_prorata": True, "hours_prorata_sectors": ["PA"]},
        "values": {
            "low": {"label": "rangs bas", "amount": str(acquisition)},
            "high": {"label": "rangs hauts", "amount": str(acquisition + 1)},
            "eq": {"label": "équipement", "amount": str(equipment)},
            "cap": {"label": "plafond", "amount": str(ceiling)},
        },
        "ceilings": {"per_essms": "cap"},
        "essms_lines": [
            {
                "projects": ["acquisition"],
                "bands": [
                    {"from": 1, "to": cut, "value": "low"},
                    {"from": cut + 1, "value": "high"},
                ],
            },
            {"value": "eq", "projects": ["acquisition"], "requires_equipment": True},
        ],
        "tranches": [{"label": "T", "pct": 100}],
    }
    ests = establishments(n, equipment=True, hours=Decimal(hours))
    b = compute(grappe(og("A", ests, porteur=True)), parse_campaign(data), catalog.nomenclature())
    for e in b.establishments:
        assert e.rank is not None and e.amount is not None
        base = (acquisition if e.rank <= cut else acquisition + 1) + equipment
        prorated = base - (base * (100 - hours) / 100).quantize(Decimal("0.01"), "ROUND_HALF_UP")
        if hours == 100:
            prorated = base
        assert e.amount == min(prorated, ceiling)
    assert b.total == sum((e.amount or 0 for e in b.establishments), Decimal(0))
