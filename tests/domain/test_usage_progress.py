"""Usage targets of a funded project: families, exemptions, periods, progress, imported rows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from esms_desktop.domain.dossier import DEFAULT_USAGE_TARGETS, UsageTarget
from esms_desktop.domain.follow_up import FollowUp, IndicatorValue, Period, PeriodKind
from esms_desktop.domain.follow_up_edits import merge_indicators
from esms_desktop.domain.nomenclature import Sector
from esms_desktop.domain.usage_progress import (
    AggregateBasis,
    IndicatorFamily,
    IndicatorProblem,
    TargetState,
    applies,
    check_indicator_rows,
    deadline_of,
    exemption_reason,
    family_of,
    parse_period,
    progress,
    project_progress,
    reaches,
    target_progress,
)
from esms_desktop.domain.usage_threshold import UsageThreshold, percentage
from tests.domain import follow_up_example as ex
from tests.domain.builders import finess

OUTSIDER = finess("75", 1)

# --- families and exemptions ----------------------------------------------------------------


def test_the_default_targets_fall_in_the_four_families() -> None:
    families = [family_of(t.indicator) for t in DEFAULT_USAGE_TARGETS]
    assert families == [
        IndicatorFamily.DUI,
        IndicatorFamily.INS,
        IndicatorFamily.DMP,
        IndicatorFamily.MSSANTE,
    ]


@pytest.mark.parametrize(
    ("indicator", "family"),
    [
        ("Nombre de DUI actifs", IndicatorFamily.DUI),
        ("messages MSS envoyés", IndicatorFamily.MSSANTE),
        ("Alimentation de Mon espace santé", IndicatorFamily.DMP),
        ("INS qualifiée", IndicatorFamily.INS),
        ("Hébergement insertion", IndicatorFamily.AUTRE),  # « ins » inside a word is not INS
        ("Taux de satisfaction", IndicatorFamily.AUTRE),
    ],
)
def test_family_of_reads_the_words_people_use(indicator: str, family: IndicatorFamily) -> None:
    assert family_of(indicator) is family


def test_ahi_is_exempt_from_dmp_and_mssante_only() -> None:
    dui, ins, dmp, mss = DEFAULT_USAGE_TARGETS
    assert [applies(t, Sector.AHI, None) for t in (dui, ins, dmp, mss)] == [
        True,
        True,
        False,
        False,
    ]
    assert all(applies(t, Sector.PA, None) for t in (dui, ins, dmp, mss))


def test_a_target_with_a_sector_applies_to_that_sector_only() -> None:
    target = UsageTarget("DUI actif", sector="PA, PH")
    assert applies(target, Sector.PA, None)
    assert applies(target, Sector.PH, None)
    assert not applies(target, Sector.DOMICILE, None)
    assert applies(UsageTarget("DUI actif", sector="Personnes âgées"), Sector.PA, None)
    # words naming no sector restrict nothing (we cannot tell)
    assert applies(UsageTarget("DUI actif", sector="tous"), Sector.PE, None)


def test_the_exemption_reason_names_the_rule_that_applies_to_that_essms() -> None:
    _dui, _ins, dmp, _mss = DEFAULT_USAGE_TARGETS
    assert "ESSMS AHI non éligible à SONS" in exemption_reason(dmp, Sector.AHI)
    assert "septembre 2025" in exemption_reason(dmp, Sector.AHI)
    assert exemption_reason(dmp, Sector.PA) == ""
    restricted = UsageTarget("DUI actif", sector="PA, PH")
    reason = exemption_reason(restricted, Sector.DOMICILE)
    assert reason == "cible réservée au secteur PA, PH (ESSMS du secteur DOMICILE)"
    assert "SONS" not in reason  # the DUI has no exempt sector
    assert exemption_reason(restricted, Sector.PH) == ""


# --- periods and deadlines ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2026-03", Period(2026, 3)),
        ("03/2026", Period(2026, 3)),
        ("3/2026", Period(2026, 3)),
        ("mars 2026", Period(2026, 3)),
        ("2026-03-01", Period(2026, 3)),
        ("01/03/2026", Period(2026, 3)),
        ("2026-T1", Period(2026, 1, PeriodKind.TRIMESTRE)),
        ("T1 2026", Period(2026, 1, PeriodKind.TRIMESTRE)),
        ("t4-2025", Period(2025, 4, PeriodKind.TRIMESTRE)),
    ],
)
def test_parse_period_accepts_months_and_quarters(text: str, period: Period) -> None:
    assert parse_period(text) == period


@pytest.mark.parametrize("text", ["", "2026-13", "T5 2026", "15/03/2026", "bientôt"])
def test_parse_period_refuses_in_french(text: str) -> None:
    with pytest.raises(ValueError, match=r"période|mois"):
        parse_period(text)


def test_deadline_from_a_date_a_period_or_a_delay_after_the_convention() -> None:
    def target(window: str) -> UsageTarget:
        return UsageTarget("DUI", window=window)

    signed = date(2025, 1, 31)
    assert deadline_of(target("31/12/2026"), None) == date(2026, 12, 31)
    assert deadline_of(target("2026-T2"), None) == date(2026, 6, 30)
    assert deadline_of(target("T+13 mois"), signed) == date(2026, 2, 28)
    assert deadline_of(target("18 mois"), None) is None  # no convention yet: no date
    assert deadline_of(target("à la fin du projet"), signed) is None


# --- one ESSMS, one target ------------------------------------------------------------------


def _v(month: int, value: int, den: int | None = None, finess: str = "1") -> IndicatorValue:
    return IndicatorValue(
        finess, "DUI", Period(2026, month), Decimal(value), Decimal(den) if den else None
    )


def test_since_is_the_first_period_it_has_stayed_reached_from() -> None:
    target = UsageTarget("DUI", threshold=percentage(80))
    values = [_v(1, 82), _v(2, 70), _v(3, 81), _v(4, 90)]
    p = target_progress(target, "1", "ESSMS", "OG", list(reversed(values)))
    assert p.reached is True
    assert p.since == Period(2026, 3)
    assert p.gap == Decimal(10)
    assert [str(period) for period, _ in p.by_period] == [
        "2026-01",
        "2026-02",
        "2026-03",
        "2026-04",
    ]


def test_no_threshold_or_no_value_is_neither_reached_nor_missed() -> None:
    assert target_progress(UsageTarget("DUI"), "1", "", "", [_v(1, 90)]).reached is None
    empty = target_progress(UsageTarget("DUI", threshold=percentage(80)), "1", "", "", [])
    assert (empty.reached, empty.gap, empty.since) == (None, None, None)


def test_a_share_is_weighted_by_denominators_when_all_are_given() -> None:
    target = UsageTarget("DUI", threshold=percentage(80))
    big = target_progress(target, "1", "", "", [_v(1, 90, 900, "1")])
    small = target_progress(target, "2", "", "", [_v(1, 10, 100, "2")])
    weighted = project_progress(target, [big, small])
    assert weighted.basis is AggregateBasis.PONDEREE
    assert weighted.value == Decimal(82)  # (810 + 10) / 1000, not the mean 50
    assert weighted.reached is True
    assert weighted.blocking == ("2",)
    unweighted = project_progress(
        target,
        [
            target_progress(target, "1", "", "", [_v(1, 90)]),
            target_progress(target, "2", "", "", [_v(1, 10, finess="2")]),
        ],
    )
    assert unweighted.basis is AggregateBasis.PART_ESSMS
    assert unweighted.value == Decimal(50)  # one ESSMS of two reaches 80 %
    assert unweighted.reached is False


def _two_essms(target: UsageTarget, first: list[int], second: list[int]):
    return [
        target_progress(target, "1", "", "", [_v(m, x) for m, x in enumerate(first, 1)]),
        target_progress(
            target, "2", "", "", [_v(m, x, finess="2") for m, x in enumerate(second, 1)]
        ),
    ]


def test_the_project_since_is_the_first_period_it_has_stayed_reached_from() -> None:
    target = UsageTarget("DUI", threshold=percentage(80))
    # both at 80 % in January, one falls back in February, the other in March, both in April
    p = project_progress(target, _two_essms(target, [82, 70, 85, 90], [90, 90, 70, 85]))
    assert p.reached is True
    assert p.since == Period(2026, 4)
    assert p.by_period[-1] == (Period(2026, 4), Decimal(100))
    assert (
        project_progress(target, _two_essms(target, [82, 70, 85, 90], [90, 90, 70])).since is None
    )


def test_the_project_since_reads_each_essms_latest_value_like_reached() -> None:
    target = UsageTarget("DUI", threshold=percentage(80))
    # the second ESSMS has not sent April yet: its March value still holds, as for ``reached``
    p = project_progress(target, _two_essms(target, [82, 70, 85, 90], [70, 90, 85]))
    assert p.reached is True
    assert p.since == Period(2026, 3)
    assert p.by_period[-1] == (Period(2026, 4), Decimal(100))  # April: one ESSMS measured
    # a concerned ESSMS without any value yet: nothing proven, no « since »
    waiting = [*_two_essms(target, [90], [90]), target_progress(target, "3", "", "", [])]
    assert project_progress(target, waiting).since is None


# --- the worked example ---------------------------------------------------------------------


@pytest.fixture
def followed():
    d = ex.dossier()
    d = replace(d, usage_targets=ex.targets_with_thresholds())
    values, problems = check_indicator_rows(ex.indicator_rows(d), d)
    assert problems == []
    return merge_indicators(d, values, replace=False)


def test_the_example_s_six_months_are_read_for_16_essms(followed) -> None:
    assert len(followed.follow_up.indicators) == 16 * 6 * 4
    assert {v.finess for v in followed.follow_up.indicators} == {f for f, _ in ex.essms(followed)}


def test_the_example_targets_per_essms_and_for_the_project(followed) -> None:
    result = progress(followed, ex.nomenclature(), ex.campaign())
    dui = result.for_target(ex.DUI)
    assert dui is not None
    assert len(dui.essms) == 15  # the USLD is never counted
    assert ex.USLD not in {p.finess for p in dui.essms}
    # per ESSMS: everyone reached 85 % in June but the laggard, stuck at 50 %
    assert {p.finess for p in dui.essms if not p.reached} == {ex.LAGGARD}
    laggard = next(p for p in dui.essms if p.finess == ex.LAGGARD)
    assert laggard.gap == Decimal(-35)
    assert laggard.since is None
    reached = next(p for p in dui.essms if p.finess == "590050076")
    assert reached.since == Period(2026, 6)
    # over the project: weighted by capacities, the laggard's 95 places keep it under 85 %
    assert dui.basis is AggregateBasis.PONDEREE
    assert dui.value is not None and Decimal(80) < dui.value < Decimal(85)
    assert dui.reached is False
    assert dui.blocking == (ex.LAGGARD,)
    assert len(dui.by_period) == 6
    # MSSanté: the AHI ESSMS is listed apart, the slow SSIAD holds the project back
    mss = result.for_target(ex.MSS)
    assert mss is not None
    assert [f for f, _ in mss.exempt] == [ex.AHI]
    assert len(mss.exempt_reasons) == len(mss.exempt)
    assert "ESSMS AHI non éligible à SONS" in mss.exemption_of(ex.AHI)
    assert mss.exemption_of(ex.LAGGARD) == ""  # concerned
    assert ex.AHI not in {p.finess for p in mss.essms}
    assert mss.basis is AggregateBasis.SOMME
    assert mss.blocking == (ex.SLOW_MSS,)
    assert mss.reached is True  # the sum over 14 ESSMS is above 14 × 100
    ins = result.for_target(ex.INS)
    assert ins is not None and ins.reached is True  # every ESSMS at 90 % or more in June
    assert ins.basis is AggregateBasis.PART_ESSMS  # no denominators: the share of ESSMS
    assert ins.value == Decimal(100)
    assert ins.by_period[0] == (Period(2026, 1), Decimal(0))
    # every ESSMS is measured every month: « since » is read off the trajectory
    stays = [period for period, value in ins.by_period if value == Decimal(100)]
    assert ins.since == stays[0] and ins.by_period[-len(stays) :] == tuple(
        (period, Decimal(100)) for period in stays
    )
    assert dui.since is None  # not reached
    assert mss.since is not None
    assert result.all_reached is False
    assert [p.target.indicator for p in result.missed] == [ex.DUI]
    assert set(result.blocking_essms()) == {ex.LAGGARD, ex.SLOW_MSS}
    assert "ESSMS mesurés sur 15" in dui.summary


def test_the_example_reaches_everything_once_the_laggards_catch_up(followed) -> None:
    later, problems = check_indicator_rows(
        ex.indicator_rows(followed, ["2026-07"], caught_up=True), followed
    )
    assert problems == []
    d = merge_indicators(followed, later, replace=False)
    result = progress(d, ex.nomenclature(), ex.campaign())
    assert result.all_reached is True
    assert result.blocking_essms() == ()


def test_progress_without_the_campaign_counts_the_same_rows(followed) -> None:
    with_campaign = progress(followed, ex.nomenclature(), ex.campaign())
    without = progress(followed, ex.nomenclature())
    assert [len(p.essms) for p in without.projects] == [
        len(p.essms) for p in with_campaign.projects
    ]


# --- an imported file -----------------------------------------------------------------------


def test_a_bad_file_lists_every_problem_by_row_and_column_and_keeps_nothing() -> None:
    d = replace(ex.dossier(), usage_targets=ex.targets_with_thresholds())
    good = {"Source": "", "Dénominateur": ""}
    rows = [
        {
            **good,
            "FINESS": "590050076",
            "Période": "2026-01",
            "Indicateur": ex.DUI,
            "Valeur": "72,5",
        },
        {**good, "FINESS": OUTSIDER, "Période": "2026-01", "Indicateur": ex.DUI, "Valeur": "50"},
        {**good, "FINESS": "590050076", "Période": "01/2026", "Indicateur": ex.DUI, "Valeur": "73"},
        {
            **good,
            "FINESS": "590050142",
            "Période": "2026-01",
            "Indicateur": ex.DUI,
            "Valeur": "120",
        },
        {**good, "FINESS": "590050142", "Période": "2026-01", "Indicateur": ex.MSS, "Valeur": "-4"},
        {**good, "FINESS": "590050142", "Période": "2026-14", "Indicateur": ex.INS, "Valeur": "80"},
        {
            **good,
            "FINESS": "590050142",
            "Période": "2026-02",
            "Indicateur": "Satisfaction",
            "Valeur": "8",
        },
        {
            **good,
            "FINESS": "590050142",
            "Période": "2026-02",
            "Indicateur": ex.INS,
            "Valeur": "beaucoup",
        },
        {
            **good,
            "FINESS": "590050217",
            "Période": "2026-02",
            "Indicateur": "INS",
            "Valeur": "81,5 %",
        },
    ]
    values, problems = check_indicator_rows(rows, d)
    assert values == []
    where = [(p.row, p.column) for p in problems]
    assert where == [
        (3, "FINESS"),  # not in the grappe
        (4, "Période"),  # the same FINESS, indicator and month as row 2
        (5, "Valeur"),  # a share above 100 %
        (6, "Valeur"),  # a negative count
        (7, "Période"),  # no 14th month
        (8, "Indicateur"),  # not a committed target
        (9, "Valeur"),  # not a number
    ]
    messages = {p.row: p.message for p in problems}
    assert "absent de la grappe" in messages[3]
    assert "ligne 2" in messages[4]
    assert "supérieure à 100 %" in messages[5]
    assert "négatif" in messages[6]
    assert all(isinstance(p, IndicatorProblem) for p in problems)
    # the same rows without the bad ones are read, « INS » naming its target by family
    kept, none = check_indicator_rows([rows[0], rows[-1]], d)
    assert none == []
    assert [(v.indicator, v.value) for v in kept] == [
        (ex.DUI, Decimal("72.5")),
        (ex.INS, Decimal("81.5")),
    ]


def test_a_file_without_a_required_column_says_which() -> None:
    d = ex.dossier()
    values, problems = check_indicator_rows([{"finess": "590050076", "Valeur": "1"}], d)
    assert values == []
    assert [(p.row, p.column) for p in problems] == [(1, "Période"), (1, "Indicateur")]


def test_a_denominator_is_a_positive_count_of_a_share() -> None:
    d = replace(ex.dossier(), usage_targets=ex.targets_with_thresholds())
    base = {"FINESS": "590050076", "Période": "2026-01", "Source": "éditeur"}
    rows = [
        {**base, "Indicateur": ex.DUI, "Valeur": "50", "Dénominateur": "0"},
        {**base, "Indicateur": ex.MSS, "Valeur": "50", "Dénominateur": "10"},
        {**base, "Indicateur": ex.INS, "Valeur": "50", "Dénominateur": "1 200"},
    ]
    _values, problems = check_indicator_rows(rows, d)
    assert [(p.row, p.column) for p in problems] == [(2, "Dénominateur"), (3, "Dénominateur")]
    values, problems = check_indicator_rows(rows[2:], d)
    assert problems == []
    assert values[0].denominator == Decimal(1200)
    assert values[0].source == "éditeur"


def test_an_empty_follow_up_has_no_progress_values() -> None:
    d = replace(ex.dossier(), follow_up=FollowUp())
    result = progress(d, ex.nomenclature())
    assert result.all_reached is False
    assert all(p.value is None for p in result.projects)


# --- each target's state, in the words a director acts on -----------------------------------


def test_reaches_applies_the_verdicts_rule_to_one_value() -> None:
    share = UsageTarget("DUI", threshold=percentage(80))
    assert reaches(share, Decimal(80)) is True
    assert reaches(share, Decimal("79.9")) is False
    count = UsageTarget("MSSanté", threshold=UsageThreshold(Decimal(100), "messages", "mois"))
    assert (reaches(count, Decimal(100)), reaches(count, Decimal(99))) == (True, False)
    assert reaches(UsageTarget("DUI"), Decimal(100)) is None  # no threshold: nothing to judge
    for value in (79, 80, 95):
        one = target_progress(share, "1", "", "", [_v(1, value)])
        assert one.reached is reaches(share, Decimal(value))


def _as_the_lead_saw_it(followed):
    """The worked data: the DUI threshold typed (and reached), the INS measured without its
    threshold, DMP and MSSanté without any value nor threshold."""
    targets = (
        UsageTarget(ex.DUI, threshold=percentage(50)),
        UsageTarget(ex.INS),
        UsageTarget(ex.DMP),
        UsageTarget(ex.MSS),
    )
    values = tuple(v for v in followed.follow_up.indicators if v.indicator in (ex.DUI, ex.INS))
    follow_up = replace(followed.follow_up, indicators=values)
    return replace(followed, usage_targets=targets, follow_up=follow_up)


def test_each_target_is_said_in_its_real_state(followed) -> None:
    result = progress(_as_the_lead_saw_it(followed), ex.nomenclature(), ex.campaign())
    assert [p.state for p in result.projects] == [
        TargetState.ATTEINTE,
        TargetState.SEUIL_A_CONFIRMER,
        TargetState.SANS_VALEUR,
        TargetState.SANS_VALEUR,
    ]
    # reached ones are not listed; the others by state, never all « non atteinte »
    assert result.holdups() == (
        f"seuil à confirmer (saisir celui de la convention) : {ex.INS}",
        f"aucune valeur saisie : {ex.DMP}, {ex.MSS}",
    )
    assert [p.target.indicator for p in result.missed] == [ex.INS, ex.DMP, ex.MSS]
    ins = result.for_target(ex.INS)
    assert ins is not None and {t.state for t in ins.essms} == {TargetState.SEUIL_A_CONFIRMER}
    assert ins.summary.startswith("seuil à confirmer (saisir celui de la convention)")
    assert [s.label for s in TargetState] == [
        "atteinte",
        "non atteinte",
        "seuil à confirmer",
        "sans valeur",
        "sans objet",
    ]


def test_a_target_not_reached_says_how_many_essms_hold_it_back(followed) -> None:
    result = progress(followed, ex.nomenclature(), ex.campaign())
    assert result.holdups() == (f"non atteinte : {ex.DUI} (1 ESSMS en retard)",)
    # the laggard's DUI values removed: over 85 % elsewhere, but one ESSMS proves nothing
    values = tuple(
        v
        for v in followed.follow_up.indicators
        if not (v.finess == ex.LAGGARD and v.indicator == ex.DUI)
    )
    d = replace(followed, follow_up=replace(followed.follow_up, indicators=values))
    dui = progress(d, ex.nomenclature(), ex.campaign()).for_target(ex.DUI)
    assert dui is not None and dui.state is TargetState.NON_ATTEINTE
    assert dui.shortfall == f"{ex.DUI} (1 sans valeur)"
    laggard = next(t for t in dui.essms if t.finess == ex.LAGGARD)
    assert laggard.state is TargetState.SANS_VALEUR


def test_a_target_no_counted_essms_is_concerned_by_holds_nothing_back(followed) -> None:
    # DMP reserved to the AHI sector, whose ESSMS are exempt from DMP: no ESSMS left
    nobody = UsageTarget(ex.DMP, sector="AHI", threshold=percentage(10))
    d = replace(followed, usage_targets=(*followed.usage_targets, nobody))
    result = progress(d, ex.nomenclature(), ex.campaign())
    project = result.projects[-1]
    assert project.essms == () and project.state is TargetState.SANS_OBJET
    assert project not in result.missed
    without = progress(followed, ex.nomenclature(), ex.campaign())
    assert result.holdups() == without.holdups()  # only the DUI, as before
