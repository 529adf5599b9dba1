"""Each OG's share of the aid, to the cent: the parts add up to the total, per tranche too."""

from __future__ import annotations

from decimal import Decimal

import pytest

from esms_desktop.domain.budget import Budget, compute
from esms_desktop.domain.grappe import ProjectType
from esms_desktop.domain.redistribution import largest_remainder, redistribute
from esms_desktop.services import catalog
from tests.domain.builders import establishments, grappe, og


def budget(*ogs, campaign: str = "amorcage-2021-t2") -> Budget:
    return compute(grappe(*ogs, segur=True), catalog.campaign(campaign), catalog.nomenclature())


def test_largest_remainder_sums_to_the_cent() -> None:
    parts = largest_remainder(Decimal("100000"), [Decimal(1), Decimal(1), Decimal(1)])
    assert parts == [Decimal("33333.34"), Decimal("33333.33"), Decimal("33333.33")]
    assert sum(parts) == Decimal("100000")
    assert largest_remainder(Decimal(10), [Decimal(0), Decimal(0)]) == [Decimal(10), Decimal(0)]


def test_three_small_ogs_share_the_project_lines_pro_rata_and_every_tranche() -> None:
    b = budget(
        og("Porteur", establishments(5, start=0, equipment=True), porteur=True),
        og("B", establishments(6, start=10, project=ProjectType.CONFORMITE)),
        og("C", establishments(4, start=20)),
    )
    r = redistribute(b, ["Porteur", "B", "C"], "Porteur")
    assert [s.og for s in r.shares] == ["Porteur", "B", "C"]
    assert [s.essms_count for s in r.shares] == [5, 6, 4]
    # 5 × (25 000 + 20 000), 6 × 10 000, 4 × 25 000
    assert [s.essms_amount for s in r.shares] == [Decimal(225000), Decimal(60000), Decimal(100000)]
    assert r.project_lines == Decimal(115000)  # procurement support + steering
    assert sum(s.project_share for s in r.shares) == r.project_lines
    assert sum(s.amount for s in r.shares) == b.total
    # pro rata of 225 000 : 60 000 : 100 000 over 385 000, to the cent
    expected = Decimal(115000) * 225000 / 385000
    assert abs(r.shares[0].project_share - expected) < Decimal("0.01")
    for j, tranche in enumerate(b.tranches):
        assert sum(s.tranches[j] for s in r.shares) == tranche.amount
    for s in r.shares:
        assert sum(s.tranches) == s.amount
        assert all(t == t.quantize(Decimal("0.01")) for t in s.tranches)


@pytest.mark.parametrize("sizes", [(1, 1, 1), (7, 3, 1, 2), (2, 9)])
def test_odd_splits_still_add_up(sizes: tuple[int, ...]) -> None:
    ogs = [
        og(
            f"OG {i}",
            establishments(n, start=100 * i, project=ProjectType.CONFORMITE),
            porteur=i == 0,
        )
        for i, n in enumerate(sizes)
    ]
    b = budget(*ogs)
    r = redistribute(b, [o.name for o in ogs], "OG 0")
    assert sum(s.amount for s in r.shares) == b.total
    for j, tranche in enumerate(b.tranches):
        assert sum(s.tranches[j] for s in r.shares) == tranche.amount
    for s in r.shares:
        assert sum(s.tranches) == s.amount


def test_an_og_without_funded_essms_is_listed_at_zero_and_unknown_amounts_are_flagged() -> None:
    b = budget(
        og("Porteur", establishments(15, start=0), porteur=True),
        og("Vide", establishments(1, start=50, project=ProjectType.AUCUN)),
        campaign="generalisation-2024",
    )
    r = redistribute(b, ["Porteur", "Vide"], "Porteur")
    empty = r.share_of("Vide")
    assert empty is not None and empty.essms_count == 0 and empty.amount == 0
    assert not b.complete and not r.complete
    assert r.share_of("Porteur").complete is False  # type: ignore[union-attr]
