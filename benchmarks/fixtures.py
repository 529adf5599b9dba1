"""The data the benchmarks work on: grappes of 49 and 1,000 ESSMS, dossiers, prepared stores."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.grappe import Grappe
from esms_desktop.services import dossiers
from esms_desktop.services.export import dossier_from_grappe
from esms_desktop.storage.store import open_store
from tests.domain.builders import split_grappe

REGIONAL = (49, 4, "amorcage-2021-t2")
"""A regional grappe: 49 ESSMS in 4 OGs, the first call for projects."""
NATIONAL = (1000, 10, "national-2021")
"""A national grappe: 1,000 ESSMS in 10 OGs."""


def grappe_of(count: int, ogs: int) -> Grappe:
    """``count`` ESSMS in ``ogs`` OGs, each with a capacity (so a capacity edit is a change)."""
    grappe = split_grappe(count, ogs, segur=True)
    organisations = tuple(
        replace(
            og,
            establishments=tuple(
                replace(e, capacity=20 + (i * 7 + j) % 60, town="Lille", postal_code="59000")
                for j, e in enumerate(og.establishments)
            ),
        )
        for i, og in enumerate(grappe.organisations)
    )
    return replace(grappe, organisations=organisations)


def dossier_of(count: int, ogs: int, campaign_id: str, name: str | None = None) -> Dossier:
    """The dossier the command line would print from that grappe (as ``bench_pdf.py`` does)."""
    return dossier_from_grappe(grappe_of(count, ogs), campaign_id, name)


def prepare_store(folder: Path, count: int, ogs: int, campaign_id: str, copies: int = 1) -> int:
    """A data folder holding ``copies`` dossiers of ``count`` ESSMS; returns the last one's id."""
    dossier = dossier_of(count, ogs, campaign_id)
    with open_store(folder, backup_on_open=False) as store:
        last = 0
        for n in range(copies):
            last = dossiers.create_dossier(
                store.uow(), f"Dossier {n + 1}", campaign_id, dossier.grappe
            )
    return last
