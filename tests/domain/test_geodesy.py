"""Distances and the projections of FINESS files, checked on real FINESS coordinate pairs."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from esms_desktop.domain.geodesy import (
    SYSTEMS,
    GeoPoint,
    distance_km,
    from_finess_projection,
    from_lambert93,
    from_utm,
    system_name,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "geodesy"


def _rows(name: str) -> list[dict[str, str]]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


JSON_PAIRS = _rows("finess-json-coordinates.csv")
PROJ_POINTS = _rows("proj-reference-points.csv")


def test_the_fixtures_cover_every_system_finess_names() -> None:
    assert len(JSON_PAIRS) >= 20
    assert {r["systeme"] for r in JSON_PAIRS + PROJ_POINTS} == set(SYSTEMS)


@pytest.mark.parametrize("row", JSON_PAIRS + PROJ_POINTS, ids=lambda r: r.get("commune", ""))
def test_projected_points_convert_within_one_metre(row: dict[str, str]) -> None:
    point = from_finess_projection(float(row["x"]), float(row["y"]), row["systeme"])
    assert point is not None
    expected = GeoPoint(float(row["latitude"]), float(row["longitude"]))
    assert distance_km(point, expected) * 1000 < 1.0


def test_paris_lyon_is_about_392_km() -> None:
    paris = GeoPoint(48.8566, 2.3522)  # Notre-Dame
    lyon = GeoPoint(45.7640, 4.8357)  # Bellecour
    assert distance_km(paris, lyon) == pytest.approx(392, abs=2)


def test_distance_is_symmetric_and_zero_on_the_same_point() -> None:
    a, b = GeoPoint(50.63, 3.06), GeoPoint(43.30, 5.37)
    assert distance_km(a, b) == pytest.approx(distance_km(b, a))
    assert distance_km(a, a) == 0.0


def test_a_quarter_of_the_equator() -> None:
    quarter = distance_km(GeoPoint(0, 0), GeoPoint(0, 90))
    assert quarter == pytest.approx(math.pi / 2 * 6371.0088)


def test_lambert93_origin_is_its_central_point() -> None:
    origin = from_lambert93(700_000, 6_600_000)
    assert origin.latitude == pytest.approx(46.5, abs=1e-9)
    assert origin.longitude == pytest.approx(3.0, abs=1e-9)


def test_utm_central_meridian_on_the_equator() -> None:
    point = from_utm(500_000, 0, 31, south=False)
    assert (point.latitude, point.longitude) == pytest.approx((0.0, 3.0), abs=1e-9)
    south = from_utm(500_000, 10_000_000, 40, south=True)
    assert (south.latitude, south.longitude) == pytest.approx((0.0, 57.0), abs=1e-9)


def test_the_whole_etalab_source_field_names_the_system() -> None:
    source = "1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93"
    assert system_name(source) == "LAMBERT_93"
    assert system_name(" utm_s40 ") == "UTM_S40"
    brest = from_finess_projection(145925.36, 6837428.57, source)
    assert brest is not None and brest.longitude == pytest.approx(-4.497109, abs=1e-5)


@pytest.mark.parametrize("system", ["", "WGS84", "LAMBERT_II", "UTM_N32", "EPSG:2154", "1,X,Y"])
def test_an_unknown_system_gives_none_never_a_guess(system: str) -> None:
    assert from_finess_projection(145925.36, 6837428.57, system) is None


def test_implausible_values_give_none() -> None:
    # x and y swapped, zeros of a missing value, a point of Réunion read as Lambert-93
    assert from_finess_projection(6837428.57, 145925.36, "LAMBERT_93") is None
    assert from_finess_projection(0, 0, "LAMBERT_93") is None
    assert from_finess_projection(math.nan, 6837428.57, "LAMBERT_93") is None
    assert from_finess_projection(339837.95, 7689388.62, "LAMBERT_93") is None
    # a Réunion point read in the Martinique zone lands outside the Antilles
    assert from_finess_projection(339837.95, 7689388.62, "UTM_N20") is None


def test_a_point_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="hors limites"):
        GeoPoint(6589480.53, 941342.52)
    with pytest.raises(ValueError):
        from_utm(500_000, 0, 61, south=False)
