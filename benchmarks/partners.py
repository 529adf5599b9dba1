"""Figure (issue 19) — « Trouver des partenaires » on the national register: under 200 ms.

A synthetic national register (100,000 establishments of 40,000 OGs, made from the real rows by
``tests/services/national_register.py``) is loaded into a fresh store; then
:func:`esms_desktop.services.partner_search.search` is timed from the FINESS juridique of OGs
of a few departments (a transaction, the territory's establishments, their legal entities and
sizes, the ranking). Yardstick: a plain ``sqlite3`` query reading the same rows (the open
establishments of the same departments, through the department index), in the same session.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from benchmarks.common import Figure, Settings, interleaved, median

GOAL_MS = 200.0
ORIGINS = ("59", "75", "35", "13", "69")


def run(settings: Settings) -> list[Figure]:
    from esms_desktop.services import partner_search
    from esms_desktop.storage.store import open_store
    from tests.services.national_register import load_national, make_national_register

    register = make_national_register(100_000, 40_000)
    legal = {e.finess_ej for e in register.legal_entities}
    origins = [next(ej for ej in sorted(legal) if ej[:2] == d) for d in ORIGINS]
    runs = settings.runs(15, 5)
    figures: list[Figure] = []
    with (
        tempfile.TemporaryDirectory() as folder,
        open_store(Path(folder), backup_on_open=False) as store,
    ):
        load_national(store.uow(), register)
        path = store.register_file
        for department, ej in zip(ORIGINS, origins, strict=True):
            found = partner_search.search(store.uow(read_only=True), finess_ej=ej)
            depts = sorted(found.departments)
            marks = ",".join("?" for _ in depts)

            def plain(depts: list[str] = depts, marks: str = marks) -> int:
                with sqlite3.connect(path) as conn:
                    return len(
                        conn.execute(
                            f"SELECT * FROM repertoire_finess WHERE department IN ({marks}) "
                            "AND NOT closed ORDER BY finess",
                            depts,
                        ).fetchall()
                    )

            def search(ej: str = ej) -> object:
                return partner_search.search(store.uow(read_only=True), finess_ej=ej)

            samples = interleaved({"search": search, "plain": plain}, runs)
            value = median(samples["search"]) * 1000
            figures.append(
                Figure(
                    key=f"partners_{department}",
                    label=f"Partenaires depuis un OG du {department} ({len(depts)} dép.)",
                    value=value,
                    unit="ms",
                    goal=f"< {GOAL_MS:.0f} ms",
                    ok=value < GOAL_MS,
                    yardstick=median(samples["plain"]) * 1000,
                    yardstick_label="requête SQLite des mêmes lignes",
                    samples=[s * 1000 for s in samples["search"]],
                    yardstick_samples=[s * 1000 for s in samples["plain"]],
                    details={"candidates": len(found.candidates), "departments": depts},
                )
            )
    return figures
