"""Points on the Earth, the distance between them, and the projections FINESS files use.

The partner search tells a director how far a possible partner is: far enough and nobody will
drive to the steering meetings. FINESS gives places in two ways: the ANS JSON flux in WGS84
degrees, the etalab extract (its ``geolocalisation`` rows) in metres of a projection named at the
end of the row's source field (``1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93``):

- ``LAMBERT_93``: RGF93 / Lambert-93 (EPSG:2154), metropolitan France and Corse;
- ``UTM_N20``: Guadeloupe, Martinique, Saint-Martin, Saint-Barthélemy (EPSG:4559, RRAF 1991);
- ``UTM_N21``: Saint-Pierre-et-Miquelon (EPSG:4467, RGSPM06);
- ``UTM_N22``: Guyane (EPSG:2972, RGFG95);
- ``UTM_S38``: Mayotte (EPSG:4471, RGM04);
- ``UTM_S40``: La Réunion (EPSG:2975, RGR92).

These datums are realisations of the same global frame as WGS84 (ITRF), within a metre or so,
which is far below what a distance between two towns needs: no datum shift is applied. A system
name that is not one of these gives ``None``: guessing a projection would put an ESAT of Lille in
the Atlantic with full confidence.

The formulas are the standard ones: Lambert conformal conic with two standard parallels
(IGN notes NTG 71 and the EPSG guidance note 7-2) and the transverse Mercator inverse by Krüger's
series (three terms: better than a millimetre inside a UTM zone). Standard library only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG, (2a + b) / 3 of WGS84), the usual one for great-circle distances."""


@dataclass(frozen=True, slots=True)
class GeoPoint:
    """A place in WGS84 degrees (latitude north positive, longitude east positive).

    Out-of-range values raise ``ValueError``: latitude and longitude given the wrong way round is
    the usual mistake, and a swapped point must not silently sit in another country.
    """

    latitude: float
    longitude: float

    def __post_init__(self) -> None:
        if not (-90.0 <= self.latitude <= 90.0 and -180.0 <= self.longitude <= 180.0):
            raise ValueError(
                f"coordonnées hors limites : latitude {self.latitude}, longitude {self.longitude}"
            )


def distance_km(a: GeoPoint, b: GeoPoint) -> float:
    """Great-circle distance in km (haversine on a sphere of :data:`EARTH_RADIUS_KM`).

    A sphere is within 0.5 % of the ellipsoid: a few hundred metres between two French towns,
    which no partner choice depends on.
    """
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


# --- ellipsoids -----------------------------------------------------------------------------

_A = 6378137.0
_F_GRS80 = 1 / 298.257222101
_F_WGS84 = 1 / 298.257223563


# --- Lambert-93 -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lambert:
    """Constants of a Lambert conformal conic (two standard parallels), computed once."""

    e: float
    n: float
    af: float  # a·F
    rho0: float
    lon0: float
    x0: float
    y0: float


def _lambert(lat1: float, lat2: float, lat0: float, lon0: float, x0: float, y0: float) -> _Lambert:
    e = math.sqrt(_F_GRS80 * (2 - _F_GRS80))

    def m(phi: float) -> float:
        return math.cos(phi) / math.sqrt(1 - (e * math.sin(phi)) ** 2)

    def t(phi: float) -> float:
        s = e * math.sin(phi)
        return math.tan(math.pi / 4 - phi / 2) / math.pow((1 - s) / (1 + s), e / 2)

    p1, p2, p0 = math.radians(lat1), math.radians(lat2), math.radians(lat0)
    n = (math.log(m(p1)) - math.log(m(p2))) / (math.log(t(p1)) - math.log(t(p2)))
    af = _A * m(p1) / (n * t(p1) ** n)
    return _Lambert(e, n, af, af * t(p0) ** n, math.radians(lon0), x0, y0)


_LAMBERT_93 = _lambert(44.0, 49.0, 46.5, 3.0, 700_000.0, 6_600_000.0)


def from_lambert93(x: float, y: float) -> GeoPoint:
    """RGF93 / Lambert-93 metres (EPSG:2154) → WGS84 degrees."""
    p = _LAMBERT_93
    dx, dy = x - p.x0, p.rho0 - (y - p.y0)
    rho = math.copysign(math.hypot(dx, dy), p.n)
    t = math.pow(rho / p.af, 1 / p.n)
    lon = math.atan2(dx, dy) / p.n + p.lon0
    e = p.e
    phi = math.pi / 2 - 2 * math.atan(t)
    for _ in range(15):  # converges to 1e-12 rad in 4 or 5 steps
        s = e * math.sin(phi)
        nxt = math.pi / 2 - 2 * math.atan(t * math.pow((1 - s) / (1 + s), e / 2))
        if abs(nxt - phi) < 1e-12:
            phi = nxt
            break
        phi = nxt
    return GeoPoint(math.degrees(phi), math.degrees(lon))


# --- UTM ------------------------------------------------------------------------------------

_N = _F_WGS84 / (2 - _F_WGS84)
_RECTIFYING = _A / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)
_BETA = (
    _N / 2 - 2 * _N**2 / 3 + 37 * _N**3 / 96,
    _N**2 / 48 + _N**3 / 15,
    17 * _N**3 / 480,
)
_DELTA = (
    2 * _N - 2 * _N**2 / 3 - 2 * _N**3,
    7 * _N**2 / 3 - 8 * _N**3 / 5,
    56 * _N**3 / 15,
)
_K0 = 0.9996


def from_utm(easting: float, northing: float, zone: int, *, south: bool) -> GeoPoint:
    """UTM metres of ``zone`` (1–60; ``south``: false northing 10,000 km) → WGS84 degrees."""
    if not 1 <= zone <= 60:
        raise ValueError(f"fuseau UTM {zone} inconnu (1 à 60)")
    xi = (northing - (10_000_000.0 if south else 0.0)) / (_K0 * _RECTIFYING)
    eta = (easting - 500_000.0) / (_K0 * _RECTIFYING)
    xi_p, eta_p = xi, eta
    for j, beta in enumerate(_BETA, start=1):
        xi_p -= beta * math.sin(2 * j * xi) * math.cosh(2 * j * eta)
        eta_p -= beta * math.cos(2 * j * xi) * math.sinh(2 * j * eta)
    chi = math.asin(math.sin(xi_p) / math.cosh(eta_p))
    phi = chi + sum(d * math.sin(2 * j * chi) for j, d in enumerate(_DELTA, start=1))
    lon0 = math.radians(zone * 6 - 183)
    lon = lon0 + math.atan2(math.sinh(eta_p), math.cos(xi_p))
    return GeoPoint(math.degrees(phi), math.degrees(lon))


# --- the systems FINESS names ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProjectedSystem:
    """A projection FINESS names, and where its points may fall (south, west, north, east)."""

    zone: int  # 0: Lambert-93
    south: bool
    bounds: tuple[float, float, float, float]


SYSTEMS: Mapping[str, ProjectedSystem] = MappingProxyType(
    {
        "LAMBERT_93": ProjectedSystem(0, False, (41.0, -5.8, 51.5, 10.0)),
        "UTM_N20": ProjectedSystem(20, False, (14.0, -63.5, 18.5, -60.5)),
        "UTM_N21": ProjectedSystem(21, False, (46.5, -57.0, 47.5, -55.8)),
        "UTM_N22": ProjectedSystem(22, False, (1.8, -54.9, 6.0, -51.3)),
        "UTM_S38": ProjectedSystem(38, True, (-13.3, 44.8, -12.4, 45.5)),
        "UTM_S40": ProjectedSystem(40, True, (-21.6, 55.1, -20.7, 56.0)),
    }
)
"""The projection names of the etalab ``geolocalisation`` rows this module converts."""


def system_name(source: str) -> str:
    """The projection's name in an etalab source field: its last comma-separated part.

    ``"1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93"`` → ``"LAMBERT_93"``; a bare name is
    returned as is (upper-cased, stripped).
    """
    return source.rsplit(",", 1)[-1].strip().upper()


def from_finess_projection(x: float, y: float, system: str) -> GeoPoint | None:
    """A FINESS projected point (metres) → WGS84, or None when it cannot be trusted.

    ``system`` is a name of :data:`SYSTEMS` or the whole source field that ends with it. None
    for an unknown system, a value that is not a finite number, or a result outside the
    territory the system covers (x and y swapped, a zero for a missing value): better no
    distance than a wrong one.
    """
    found = SYSTEMS.get(system_name(system))
    if found is None or not (math.isfinite(x) and math.isfinite(y)) or x <= 0 or y <= 0:
        return None
    try:
        if found.zone == 0:
            point = from_lambert93(x, y)
        else:
            point = from_utm(x, y, found.zone, south=found.south)
    except (ValueError, OverflowError, ZeroDivisionError):
        return None
    south, west, north, east = found.bounds
    if south <= point.latitude <= north and west <= point.longitude <= east:
        return point
    return None
