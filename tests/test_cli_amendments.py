"""Amendments on the command line: ``dossier import FILE --into N`` into a filed dossier merges
the file's indicators only and says what was left out; ``--avenant`` merges the grappe too and
records the amendment."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import pytest

from esms_desktop.cli import main
from esms_desktop.domain.dossier import UsageTarget
from esms_desktop.domain.follow_up import NO_FOLLOW_UP, IndicatorValue, Period
from esms_desktop.domain.usage_threshold import UsageThreshold
from esms_desktop.services import dossiers, exchange, follow_up
from esms_desktop.storage.store import open_store
from tests.storage.factories import full_dossier, grappe

SHARE = "Part des personnes accompagnées disposant d'un DUI actif"


def run(data: Path, *words: str) -> tuple[int, str, str]:
    out = io.StringIO()
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stderr", err)
        code = main(["--data-dir", str(data), *words], out)
    return code, out.getvalue(), err.getvalue()


def _folder(tmp_path: Path) -> tuple[Path, int, Path]:
    """A data folder with a filed dossier, and an .esms of it with two more ESSMS and one
    indicator value."""
    data = tmp_path / "donnees"
    base = replace(
        full_dossier(),
        follow_up=NO_FOLLOW_UP,
        overrides=MappingProxyType({}),
        usage_targets=(UsageTarget(SHARE, threshold=UsageThreshold(Decimal(50))),),
    )
    with open_store(data) as store:
        with store.uow() as uow:
            filed_id = uow.dossiers.add(base)
            uow.commit()
        filed = follow_up.file_candidature(store.uow(), filed_id, date(2024, 6, 1))
        finess = filed.grappe.organisations[0].establishments[0].finess
        value = IndicatorValue(finess, SHARE, Period(2025, 1), Decimal(40))
        other = replace(
            base,
            grappe=grappe(ogs=2, per_og=4),
            follow_up=replace(NO_FOLLOW_UP, indicators=(value,)),
            created=None,
            updated=None,
        )
        with store.uow() as uow:
            other_id = uow.dossiers.add(other)
            uow.commit()
        path = exchange.export_dossier(store.uow(), other_id, tmp_path / "plus.esms")
    return data, filed_id, path


def _stored(data: Path, dossier_id: int):  # type: ignore[no-untyped-def]
    with open_store(data) as store:
        return dossiers.load_dossier(store.uow(), dossier_id)


def test_import_into_a_filed_dossier_says_what_was_left_out(tmp_path: Path) -> None:
    data, filed_id, path = _folder(tmp_path)
    before = _stored(data, filed_id)
    code, out, _err = run(data, "dossier", "import", str(path), "--into", str(filed_id))
    assert code == 0
    assert "la candidature est déposée : un changement de la grappe demande un avenant" in out
    assert "--avenant" in out
    after = _stored(data, filed_id)
    assert after.grappe == before.grappe and after.follow_up.amendments == ()
    assert [v.value for v in after.follow_up.indicators] == [Decimal(40)]


def test_import_with_avenant_merges_the_grappe_and_records_the_amendment(tmp_path: Path) -> None:
    data, filed_id, path = _folder(tmp_path)
    before = _stored(data, filed_id)
    code, out, _err = run(
        data, "dossier", "import", str(path), "--into", str(filed_id), "--avenant"
    )
    assert code == 0 and "demande un avenant" not in out
    after = _stored(data, filed_id)
    assert len(list(after.grappe.rows())) == len(list(before.grappe.rows())) + 2
    (a,) = after.follow_up.amendments
    assert a.note == "Fusion du fichier « plus.esms »" and a.made_on == date.today()
    assert any(line.startswith("ESSMS ajouté") for line in a.changes)


def _filed_from_register(tmp_path: Path) -> tuple[Path, str]:
    """A data folder with the FINESS register loaded and a filed dossier with one ESSMS."""
    from tests.test_cli_finess import CAMPAIGN, WEB30

    data = tmp_path / "donnees"
    assert run(data, "finess", "import", str(WEB30))[0] == 0
    code, out, _err = run(data, "dossier", "new", "--name", "Ain", "--campaign", CAMPAIGN)
    assert code == 0
    dossier_id = out.strip()
    assert run(data, "dossier", "add-finess", dossier_id, "010001261")[0] == 0
    with open_store(data) as store:
        follow_up.file_candidature(store.uow(), int(dossier_id), date(2024, 6, 1))
    return data, dossier_id


def test_add_finess_and_add_ej_to_a_filed_dossier_need_avenant(tmp_path: Path) -> None:
    data, dossier_id = _filed_from_register(tmp_path)
    before = _stored(data, int(dossier_id))
    code, _out, err = run(data, "dossier", "add-finess", dossier_id, "010006898")
    assert code == 2 and "demande un avenant" in err and "--avenant" in err
    code, _out, err = run(data, "dossier", "add-ej", dossier_id, "010785897")
    assert code == 2 and "demande un avenant" in err
    assert _stored(data, int(dossier_id)).grappe == before.grappe  # nothing written


def test_add_finess_with_avenant_records_the_amendment(tmp_path: Path) -> None:
    data, dossier_id = _filed_from_register(tmp_path)
    code, out, err = run(data, "dossier", "add-finess", dossier_id, "010006898", "--avenant")
    assert code == 0, err
    assert "1 ESSMS ajouté(s)" in out
    after = _stored(data, int(dossier_id))
    assert [e.finess for _og, e in after.grappe.rows()] == ["010001261", "010006898"]
    (a,) = after.follow_up.amendments
    assert any("010006898" in line for line in a.changes)
    with open_store(data) as store:
        journal = [e.summary for e in dossiers.history(store.uow(), int(dossier_id))]
    assert any(s.startswith("Avenant : ESSMS ajouté") for s in journal)
