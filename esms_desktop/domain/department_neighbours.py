"""Which French departments touch each other by land, to look for partners close by.

A grappe is built by OGs that can meet, share a DUI project manager and train together: the
partner search looks in the porteur's department and the departments next to it. Neighbours are
by land (a border on a river or an estuary counts, the open sea does not): Corse-du-Sud and
Haute-Corse are neighbours of each other only, overseas departments have none.

The table was checked pair by pair against two public lists, which disagree with each other:
``src/main/resources/limitroph.properties`` of the repository cgenin/geocoding and
``Models/Geo/Data/Departments.ts`` of DimitriSauvage/PetanquePlanning ("adjacentDepartements").
It follows the first (symmetric, no sea pairs), plus 2A–2B (it has Corsica as "20" alone) and
Alpes-de-Haute-Provence–Bouches-du-Rhône (a short border on the Durance at
Saint-Paul-lès-Durance, in the second list only). From the second list, left out: Corsica ("20")
beside 06, 13 and 83 (the sea) and pairs that do not touch (02–62, 07–69, 08–59, 18–89, 26–30,
26–69, 43–69, 44–53, 57–88, 68–70); added, missing there: 07–42, 14–76 (the Seine estuary, the
Pont de Normandie), 38–42, 77–93; made symmetric, given one way only there: 04–13, 11–66, 17–24,
35–49, 36–87, 75–93, 77–94, 77–95, 83–84, 91–92, 92–94. The table below lists each pair once
and the module makes it symmetric, so no entry can say "A touches B" alone.

Codes are those of :mod:`esms_desktop.domain.geography` (``"01"``, ``"2A"``, ``"974"``); the old
Corsica code ``"20"`` found in old files neighbours 2A and 2B (it is the same island).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# Each line: a department and the neighbours with a higher code (every pair written once).
_PAIRS = """
01: 38 39 69 71 73 74
02: 08 51 59 60 77 80
03: 18 23 42 58 63 71
04: 05 06 13 26 83 84
05: 26 38 73
06: 83
07: 26 30 38 42 43 48 84
08: 51 55
09: 11 31 66
10: 21 51 52 77 89
11: 31 34 66 81
12: 15 30 34 46 48 81 82
13: 30 83 84
14: 27 50 61 76
15: 19 43 46 48 63
16: 17 24 79 86 87
17: 24 33 79 85
18: 23 36 41 45 58
19: 23 24 46 63 87
20: 2A 2B
2A: 2B
21: 39 52 58 70 71 89
22: 29 35 56
23: 36 63 87
24: 33 46 47 87
25: 39 70 90
26: 38 84
27: 28 60 61 76 78 95
28: 41 45 61 72 78 91
29: 56
30: 34 48 84
31: 32 65 81 82
32: 40 47 64 65 82
33: 40 47
34: 81
35: 44 49 50 53 56
36: 37 41 86 87
37: 41 49 72 86
38: 42 69 73
39: 70 71
40: 47 64
41: 45 72
42: 43 63 69 71
43: 48 63
44: 49 56 85
45: 58 77 89 91
46: 47 82
47: 82
49: 53 72 79 85 86
50: 53 61
51: 52 55 77
52: 55 70 88
53: 61 72
54: 55 57 67 88
55: 88
57: 67
58: 71 89
59: 62 80
60: 76 77 80 95
61: 72
62: 80
64: 65
67: 68 88
68: 88 90
69: 71
70: 88 90
73: 74
75: 92 93 94
76: 80
77: 89 91 93 94 95
78: 91 92 95
79: 85 86
81: 82
83: 84
86: 87
88: 90
91: 92 94
92: 93 94 95
93: 94 95
"""


def _table(text: str) -> Mapping[str, frozenset[str]]:
    sets: dict[str, set[str]] = {}
    for line in text.strip().splitlines():
        code, _, others = line.partition(":")
        for other in others.split():
            sets.setdefault(code, set()).add(other)
            sets.setdefault(other, set()).add(code)
    return MappingProxyType({code: frozenset(found) for code, found in sets.items()})


NEIGHBOURS: Mapping[str, frozenset[str]] = _table(_PAIRS)
"""Department code → the departments it touches by land (symmetric; absent codes: none)."""

_NONE: frozenset[str] = frozenset()


def neighbours(department: str) -> frozenset[str]:
    """The departments that touch ``department`` by land; empty for overseas and unknown codes."""
    return NEIGHBOURS.get(department.strip().upper(), _NONE)


def is_neighbour(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are two different departments that touch by land."""
    return b.strip().upper() in neighbours(a)


def same_or_neighbour(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are the same (known or not, but not blank) department or touch.

    What the partner search asks of a candidate's ESSMS: close enough to the porteur to work
    together. Two blank codes are not "the same": an unknown place is close to nothing.
    """
    a, b = a.strip().upper(), b.strip().upper()
    return bool(a) and (a == b or b in NEIGHBOURS.get(a, _NONE))
