"""The .esms exchange file: exact round trip, strict refusal of bad files, merge by FINESS."""

from __future__ import annotations

import argparse
import errno
import json
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esms_desktop.cli import dispatch
from esms_desktop.cli import store as cli_store
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.edits import merge_grappes
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.fields import ESTABLISHMENT_FIELDS
from esms_desktop.domain.grappe import (
    CoreService,
    DuiSituation,
    Establishment,
    Grappe,
    OgRole,
    Organisation,
    ProjectType,
)
from esms_desktop.domain.usage_threshold import UsageThreshold
from esms_desktop.services import dossiers, exchange
from esms_desktop.services.exchange import (
    MAX_NEW_ESTABLISHMENTS,
    ExchangeFileError,
    merge_grappe,
)
from esms_desktop.storage.errors import DiskFullError
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import CAMPAIGN, establishment, full_dossier, grappe


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "donnees")
    try:
        yield opened
    finally:
        opened.close()


def _stored_full(store: Store) -> int:
    with store.uow() as uow:
        new_id = uow.dossiers.add(full_dossier())
        uow.commit()
    dossiers.attach_annex_file(store.uow(), new_id, "rib", "rib.pdf", b"%PDF rib \x00\xff")
    return new_id


def _rewrite(path: Path, change: object) -> None:
    """Rewrite the archive's esms.json through ``change(envelope)`` keeping the other entries."""
    with zipfile.ZipFile(path) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    envelope = json.loads(entries["esms.json"])
    change(envelope)  # type: ignore[operator]
    entries["esms.json"] = json.dumps(envelope).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)


def _dossier_count(store: Store) -> int:
    return len(dossiers.list_dossiers(store.uow()))


def test_dossier_round_trips_exactly_through_a_file(store: Store, tmp_path: Path) -> None:
    source = _stored_full(store)
    original = dossiers.load_dossier(store.uow(), source)
    path = exchange.export_dossier(store.uow(), source, tmp_path / "envoi.esms")

    content = exchange.read_exchange_file(path)
    assert content.kind == "dossier"
    assert content.dossier == replace(original, id=None)  # every field, exact decimals and dates
    assert [(f.annex_key, f.name, f.data) for f in content.files] == [
        ("rib", "rib.pdf", b"%PDF rib \x00\xff")
    ]

    new_id = exchange.import_as_new(store.uow(), path)
    imported = dossiers.load_dossier(store.uow(), new_id)
    assert replace(imported, id=None, updated=None) == replace(original, id=None, updated=None)
    assert dossiers.read_annex_file(store.uow(), new_id, "rib")[1] == b"%PDF rib \x00\xff"
    assert dossiers.history(store.uow(), new_id)[0].action == "import"
    assert any(b.reason == "avant-import" for b in store.backups())


def test_payload_is_plain_json_with_exact_decimals(store: Store, tmp_path: Path) -> None:
    path = exchange.export_dossier(store.uow(), _stored_full(store), tmp_path / "envoi.esms")
    with zipfile.ZipFile(path) as archive:
        envelope = json.loads(archive.read("esms.json"))
        assert archive.read(envelope["payload"]["files"][0]["entry"]) == b"%PDF rib \x00\xff"
    assert envelope["format"] == "esms-desktop/echange"
    assert envelope["format_version"] == 1
    assert envelope["kind"] == "dossier"
    assert envelope["payload"]["dossier"]["overrides"] == {
        "acquisition": "25000.00",
        "pilotage": "0.10",
    }
    assert envelope["checksum"]["value"] == exchange.payload_checksum(envelope["payload"])
    assert "id" not in envelope["payload"]["dossier"]


establishments = st.builds(
    Establishment,
    finess=st.text(max_size=12),
    name=st.text(max_size=20),
    category=st.text(max_size=4),
    capacity=st.none() | st.integers(),
    project=st.sampled_from(ProjectType),
    # the decimals a door lets in: the reader refuses NaN, the exponent form (test_exchange_hostile)
    eligible_hours_pct=st.decimals(min_value=0, max_value=100, places=2),
)


@settings(max_examples=60, deadline=None)
@given(ests=st.lists(establishments, max_size=5), title=st.text())
def test_any_dossier_survives_the_json_encoding(ests: list[Establishment], title: str) -> None:
    dossier = Dossier(
        name="n",
        campaign_id="c",
        project_title=title,
        grappe=Grappe((Organisation("OG", establishments=tuple(ests)),)),
    )
    payload = json.loads(json.dumps(exchange.dossier_to_dict(dossier)))
    decoded = exchange.dossier_from_dict(exchange._Reader(payload, "dossier"))
    assert decoded == dossier
    for before, after in zip(ests, decoded.grappe.organisations[0].establishments, strict=True):
        hours = before.eligible_hours_pct
        assert str(hours if hours else hours.copy_abs()) == str(after.eligible_hours_pct)


def _check_refused(store: Store, path: Path, words: str) -> None:
    before = _dossier_count(store)
    with pytest.raises(ExchangeFileError) as caught:
        exchange.import_as_new(store.uow(), path)
    assert words in caught.value.message
    assert str(path) in caught.value.message and "Rien n'a été importé" in caught.value.message
    assert _dossier_count(store) == before


def test_tampered_payload_is_refused(store: Store, tmp_path: Path) -> None:
    path = exchange.export_dossier(store.uow(), _stored_full(store), tmp_path / "envoi.esms")

    def edit(envelope: dict) -> None:
        envelope["payload"]["dossier"]["overrides"]["acquisition"] = "250000.00"

    _rewrite(path, edit)
    _check_refused(store, path, "somme de contrôle")


def test_tampered_attachment_is_refused(store: Store, tmp_path: Path) -> None:
    path = exchange.export_dossier(store.uow(), _stored_full(store), tmp_path / "envoi.esms")
    with zipfile.ZipFile(path) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    entries["pieces/0001"] = b"%PDF RIB \x00\x00"  # same length, other bytes
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    _check_refused(store, path, "altérée")


@pytest.mark.parametrize("keep", [0.9, 0.5, 0.1])
def test_truncated_archive_is_refused(store: Store, tmp_path: Path, keep: float) -> None:
    path = exchange.export_dossier(store.uow(), _stored_full(store), tmp_path / "envoi.esms")
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    _check_refused(store, path, "incomplet ou endommagé")


def test_truncated_plain_json_is_refused(store: Store, tmp_path: Path) -> None:
    path = exchange.export_dossier(store.uow(), _stored_full(store), tmp_path / "envoi.esms")
    with zipfile.ZipFile(path) as archive:
        text = archive.read("esms.json")
    plain = tmp_path / "envoi.json"
    plain.write_bytes(text[: len(text) // 2])
    _check_refused(store, plain, "incomplet ou endommagé")


def test_plain_json_without_files_is_accepted(store: Store, tmp_path: Path) -> None:
    new_id = dossiers.create_dossier(store.uow(), "Sans pièce", CAMPAIGN, grappe(1, 2))
    path = exchange.export_dossier(store.uow(), new_id, tmp_path / "envoi.esms")
    with zipfile.ZipFile(path) as archive:
        text = archive.read("esms.json")
    plain = tmp_path / "envoi.json"
    plain.write_bytes(b"\xef\xbb\xbf" + text)  # with a BOM, as Windows editors save it
    imported = exchange.import_as_new(store.uow(), plain)
    assert dossiers.load_dossier(store.uow(), imported).grappe == grappe(1, 2)


@pytest.mark.parametrize(
    "content",
    [
        b"Bonjour, ceci est un courrier.",
        b'{"format": "autre-programme", "payload": {}}',
        b"[1, 2, 3]",
        b"\x89PNG\r\n\x1a\n....",
    ],
)
def test_files_that_are_not_ours_are_refused(store: Store, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "mystere.esms"
    path.write_bytes(content)
    _check_refused(store, path, "n'est pas un fichier d'échange esms-desktop")


def test_a_zip_without_our_entry_is_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "photos.esms"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", b"jpeg")
    _check_refused(store, path, "n'est pas un fichier d'échange esms-desktop")


def test_a_newer_format_is_refused_with_a_request_to_update(store: Store, tmp_path: Path) -> None:
    new_id = dossiers.create_dossier(store.uow(), "D", CAMPAIGN)
    path = exchange.export_dossier(store.uow(), new_id, tmp_path / "envoi.esms")

    def newer(envelope: dict) -> None:
        envelope["format_version"] = 2
        envelope["app_version"] = "9.0.0"

    _rewrite(path, newer)
    _check_refused(store, path, "version plus récente")


def test_missing_file_is_refused(store: Store, tmp_path: Path) -> None:
    _check_refused(store, tmp_path / "absent.esms", "introuvable")


def test_export_is_atomic(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new_id = dossiers.create_dossier(store.uow(), "D", CAMPAIGN, grappe())
    target = tmp_path / "envoi.esms"
    target.write_bytes(b"export precedent")

    def no_space(self: zipfile.ZipFile, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", no_space)
    with pytest.raises(DiskFullError) as caught:
        exchange.export_dossier(store.uow(), new_id, target)
    assert str(target) in caught.value.message
    assert target.read_bytes() == b"export precedent"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "donnees") == ["envoi.esms"]


# --- merge ------------------------------------------------------------------------------------


def _porteur_with(*ests: Establishment) -> Grappe:
    return Grappe(
        (Organisation("Porteur", OgRole.PORTEUR, finess_ej="590000004", establishments=ests),)
    )


def test_merge_reports_added_changed_and_conflicts() -> None:
    filled = establishment(1)
    blank = establishment(2, capacity=None, town="", equipment=False)
    ours = _porteur_with(filled, blank)
    theirs = [
        Organisation(
            "Porteur",
            finess_ej="59 000 000 4",  # the same OG, typed differently
            establishments=(
                replace(filled, name="Autre nom"),  # conflict: both filled in
                replace(blank, capacity=40, town="Douai"),  # fills our blanks: no conflict
                establishment(3),  # new
            ),
        ),
        Organisation("Partenaire", establishments=(establishment(4),)),  # new OG
    ]
    merged, report = merge_grappe(ours, theirs)
    assert [a.finess for a in report.added] == [establishment(3).finess, establishment(4).finess]
    assert report.added_organisations == ("Partenaire",)
    assert [c.finess for c in report.changed] == [filled.finess, blank.finess]
    assert [c.finess for c in report.conflicts] == [filled.finess]
    conflict = report.conflicts[0].changes[0]
    assert (conflict.field, conflict.ours, conflict.theirs, conflict.conflict) == (
        "name",
        filled.name,
        "Autre nom",
        True,
    )
    fills = {c.field: (c.theirs, c.conflict) for c in report.changed[1].changes}
    assert fills == {"capacity": ("40", False), "town": ("Douai", False)}

    porteur, partner = merged.organisations
    assert porteur.establishments[0].name == filled.name  # default: ours kept on conflict
    assert porteur.establishments[1].capacity == 40 and porteur.establishments[1].town == "Douai"
    assert porteur.establishments[2] == establishment(3)
    assert partner.role is OgRole.MEMBRE and partner.establishments == (establishment(4),)
    assert "1 en conflit" in report.summary()


def test_merge_choices_per_conflict_and_globally() -> None:
    ours = _porteur_with(establishment(1), establishment(2))
    theirs = [
        Organisation(
            "Porteur",
            establishments=(establishment(1, name="Nouveau 1"), establishment(2, name="Nouveau 2")),
        )
    ]
    key1 = exchange.establishment_key(establishment(1))
    merged, report = merge_grappe(ours, theirs, {key1: "theirs"})
    assert [e.name for e in merged.organisations[0].establishments] == [
        "Nouveau 1",
        establishment(2).name,
    ]
    assert dict(report.resolution) == {
        key1: "theirs",
        exchange.establishment_key(establishment(2)): "ours",
    }
    merged, _ = merge_grappe(ours, theirs, default="theirs")
    assert [e.name for e in merged.organisations[0].establishments] == ["Nouveau 1", "Nouveau 2"]


def test_merging_the_same_file_twice_changes_nothing_the_second_time() -> None:
    ours = _porteur_with(establishment(1))
    theirs = [Organisation("Partenaire", establishments=(establishment(5), establishment(6)))]
    once, _ = merge_grappe(ours, theirs)
    twice, report = merge_grappe(once, theirs)
    assert twice == once
    assert (len(report.added), len(report.changed), report.unchanged) == (0, 0, 2)


# The partner's file and the spreadsheet import used to merge by two rules: the cases below
# failed on one or the other.


def test_a_namesake_with_another_finess_juridique_is_another_organisation() -> None:
    ours = _porteur_with(establishment(1))
    namesake = Organisation("porteur ", finess_ej="620088013", establishments=(establishment(2),))
    merged, report = merge_grappe(ours, [namesake])
    assert [o.finess_ej for o in merged.organisations] == ["590000004", "620088013"]
    assert merged.organisations[0].establishments == (establishment(1),)
    assert report.added_organisations == ("porteur ",)


def test_the_same_og_in_the_file_fills_our_blanks_and_keeps_our_values() -> None:
    ours = _porteur_with(establishment(1))
    theirs = Organisation(
        "Autre nom",
        finess_ej="590000004",
        siren="123456782",
        contact_email="direction@porteur.fr",
        establishments=(establishment(1),),
    )
    merged, report = merge_grappe(ours, [theirs])
    (porteur,) = merged.organisations
    assert (porteur.name, porteur.siren, porteur.contact_email) == (
        "Porteur",
        "123456782",
        "direction@porteur.fr",
    )
    assert report.unchanged == 1


def _same_merge_cases() -> list[tuple[Grappe, list[Organisation]]]:
    one, two, three = establishment(1), establishment(2), establishment(3)
    blank = establishment(4, capacity=None, town="")
    ours = Grappe(
        (
            Organisation("Porteur", OgRole.PORTEUR, siren="123456782", establishments=(one, blank)),
            Organisation("APEI", siren="732829320", finess_ej="620088013", establishments=(two,)),
        )
    )
    return [
        # renamed, found by its FINESS juridique although its SIREN disagrees
        (ours, [Organisation("APEI du Littoral", siren="314159260", finess_ej="620088013")]),
        # renamed without identifiers: its known ESSMS merge in place, the new one comes in
        (ours, [Organisation("Association APEI", establishments=(two, three))]),
        # the same ESSMS filled in on the other side
        (ours, [Organisation("Porteur", establishments=(replace(blank, capacity=40),))]),
        # a namesake with another FINESS juridique
        (ours, [Organisation("apei", finess_ej="590000004", establishments=(three,))]),
        # the same OG by SIREN, with its contact
        (ours, [Organisation("P.", siren="123456782", contact_name="Mme Roux")]),
    ]


@pytest.mark.parametrize(("ours", "theirs"), _same_merge_cases())
def test_the_file_and_the_spreadsheet_import_merge_alike(
    ours: Grappe, theirs: list[Organisation]
) -> None:
    merged, _ = merge_grappe(ours, theirs)
    assert merge_grappes(ours, Grappe(tuple(theirs), ours.solution)) == merged


def test_og_file_merges_into_a_dossier(store: Store, tmp_path: Path) -> None:
    porteur_id = dossiers.create_dossier(
        store.uow(), "Porteur", CAMPAIGN, _porteur_with(establishment(1))
    )
    partner_id = dossiers.create_dossier(
        store.uow(),
        "Chez le partenaire",
        CAMPAIGN,
        Grappe(
            (Organisation("Partenaire", siren="123456782", establishments=(establishment(7),)),)
        ),
    )
    path = exchange.export_organisation(store.uow(), partner_id, 0, tmp_path / "partenaire.esms")
    assert exchange.read_exchange_file(path).kind == "og"

    preview = exchange.preview_merge(store.uow(), porteur_id, path)
    assert not preview.applied and [a.finess for a in preview.added] == [establishment(7).finess]
    assert dossiers.load_dossier(store.uow(), porteur_id).grappe == _porteur_with(establishment(1))

    report = exchange.merge_into(store.uow(), porteur_id, path)
    assert report.applied and report.backup is not None and report.backup.is_file()
    grappe_after = dossiers.load_dossier(store.uow(), porteur_id).grappe
    assert [o.name for o in grappe_after.organisations] == ["Porteur", "Partenaire"]
    assert grappe_after.organisations[1].establishments == (establishment(7),)
    assert dossiers.history(store.uow(), porteur_id)[0].action == "fusion"

    new_id = exchange.import_as_new(store.uow(), path)  # an OG file can also start a dossier
    started = dossiers.load_dossier(store.uow(), new_id)
    assert started.name == "Partenaire" and started.campaign_id == CAMPAIGN
    assert started.grappe.organisations[0].establishments == (establishment(7),)


def test_merge_into_with_their_values(store: Store, tmp_path: Path) -> None:
    ours_id = dossiers.create_dossier(
        store.uow(), "Nous", CAMPAIGN, _porteur_with(establishment(1))
    )
    theirs_id = dossiers.create_dossier(
        store.uow(), "Eux", CAMPAIGN, _porteur_with(establishment(1, capacity=999))
    )
    path = exchange.export_dossier(store.uow(), theirs_id, tmp_path / "eux.esms")
    report = exchange.merge_into(store.uow(), ours_id, path, default="theirs")
    assert [c.field for c in report.conflicts[0].changes] == ["capacity"]
    est = dossiers.load_dossier(store.uow(), ours_id).grappe.organisations[0].establishments[0]
    assert est.capacity == 999
    assert est.eligible_hours_pct == Decimal("87.50")


# A partner's part file used to be merged as a whole dossier: it could edit the porteur's ESSMS,
# overwrite ours where ours was still at its default, and add any number of ESSMS.


def test_a_partners_part_leaves_the_porteurs_essms_as_they_are_and_says_so(
    store: Store, tmp_path: Path
) -> None:
    ours = Grappe(
        (
            *_porteur_with(establishment(1, town=""), establishment(2)).organisations,
            Organisation(
                "Partenaire", siren="123456782", establishments=(establishment(3, town=""),)
            ),
        )
    )
    porteur_id = dossiers.create_dossier(store.uow(), "Porteur", CAMPAIGN, ours)
    theirs = Grappe(
        (
            Organisation(
                "Partenaire",
                siren="123456782",
                establishments=(
                    establishment(3, town="Lens"),  # its own blank, filled
                    establishment(1, town="Roubaix"),  # the porteur's blank: not its to fill
                    establishment(8),  # new
                ),
            ),
        )
    )
    partner_id = dossiers.create_dossier(store.uow(), "Chez le partenaire", CAMPAIGN, theirs)
    path = exchange.export_organisation(store.uow(), partner_id, 0, tmp_path / "partenaire.esms")

    preview = exchange.preview_merge(store.uow(), porteur_id, path)
    report = exchange.merge_into(store.uow(), porteur_id, path)
    porteur, partner = dossiers.load_dossier(store.uow(), porteur_id).grappe.organisations
    assert porteur == ours.organisations[0]  # the porteur's ESSMS unchanged
    assert partner.establishments == (establishment(3, town="Lens"), establishment(8))
    sentence = (
        f"L'ESSMS {establishment(1).finess} ({establishment(1).name}) appartient à l'OG "
        "« Porteur » : le fichier de « Partenaire » ne peut pas le modifier."
    )
    assert [r.message for r in preview.refused] == [sentence]
    assert sentence in preview.summary() and sentence in report.summary()
    assert preview.headline() == "1 ESSMS ajouté, 1 modifié (dont 0 conflit), 1 refusé."
    assert [r.owner for r in report.refused] == ["Porteur"]


def test_ours_still_at_its_default_is_kept_and_shown_as_a_conflict() -> None:
    mine = establishment(1, already_funded=False, eligible_hours_pct=Decimal(100))
    theirs = replace(mine, already_funded=True, eligible_hours_pct=Decimal(60))
    merged, report = merge_grappe(
        _porteur_with(mine), [Organisation("Porteur", establishments=(theirs,))]
    )
    (conflict,) = report.conflicts
    assert {(c.field, c.ours, c.theirs, c.conflict) for c in conflict.changes} == {
        ("eligible_hours_pct", "100", "60", True),
        ("already_funded", "non", "oui", True),
    }
    assert merged == _porteur_with(mine)  # « garder les nôtres »
    assert "gardé : les nôtres" in report.summary()
    chosen, _ = merge_grappe(
        _porteur_with(mine),
        [Organisation("Porteur", establishments=(theirs,))],
        {conflict.key: "theirs"},
    )
    assert chosen == _porteur_with(theirs)


def test_a_file_adding_more_than_500_essms_is_refused_before_anything_even_by_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "donnees"
    many = tuple(establishment(10 + n) for n in range(MAX_NEW_ESTABLISHMENTS + 1))
    with open_store(data_dir) as store:
        ours_id = dossiers.create_dossier(
            store.uow(), "Nous", CAMPAIGN, _porteur_with(establishment(1))
        )
        partner_id = dossiers.create_dossier(
            store.uow(), "Eux", CAMPAIGN, Grappe((Organisation("Partenaire", establishments=many),))
        )
        path = exchange.export_organisation(store.uow(), partner_id, 0, tmp_path / "eux.esms")
        backups = store.backups()
        with pytest.raises(UserError) as refused:
            exchange.merge_into(store.uow(), ours_id, path)
        assert refused.value.message.startswith(
            "Le fichier « eux.esms » ajouterait 501 ESSMS à la grappe, plus que les 500 qu'une "
            "fusion peut ajouter : la fusion est refusée, rien n'a été modifié."
        )
        with pytest.raises(UserError):
            exchange.preview_merge(store.uow(), ours_id, path)
        assert dossiers.load_dossier(store.uow(), ours_id).grappe == _porteur_with(establishment(1))
        assert store.backups() == backups  # not even a backup taken
    args = argparse.Namespace(data_dir=data_dir, file=path, into=ours_id, prefer="ours")
    assert dispatch(cli_store.cmd_dossier_import, args, sys.stdout) == 2
    err = capsys.readouterr().err
    assert "ajouterait 501 ESSMS" in err and "la fusion est refusée" in err


def test_count_thresholds_travel_and_older_files_read_as_percentages(
    store: Store, tmp_path: Path
) -> None:
    """``threshold`` carries the unit; a file written before it has only ``threshold_pct``."""
    path = exchange.export_dossier(store.uow(), _stored_full(store), tmp_path / "envoi.esms")
    with zipfile.ZipFile(path) as archive:
        targets = json.loads(archive.read("esms.json"))["payload"]["dossier"]["usage_targets"]
    percent, count, unset = targets
    assert percent["threshold"] == {"amount": "33.333", "unit": "%", "period": ""}
    assert percent["threshold_pct"] == "33.333"  # still readable by older programs
    assert count["threshold"] == {"amount": "100", "unit": "messages", "period": "mois"}
    assert "threshold_pct" not in count  # an older program sees it as not set, never as 100 %
    assert unset["threshold"] is None

    def as_older_program_wrote_it(envelope: dict) -> None:
        for t in envelope["payload"]["dossier"]["usage_targets"]:
            t.pop("threshold")
        envelope["checksum"]["value"] = exchange.payload_checksum(envelope["payload"])

    _rewrite(path, as_older_program_wrote_it)
    imported = dossiers.load_dossier(store.uow(), exchange.import_as_new(store.uow(), path))
    assert [t.threshold for t in imported.usage_targets] == [
        UsageThreshold(Decimal("33.333")),
        None,
        None,
    ]


def test_a_threshold_with_an_unknown_period_is_refused_naming_the_field(
    store: Store, tmp_path: Path
) -> None:
    path = exchange.export_dossier(store.uow(), _stored_full(store), tmp_path / "envoi.esms")

    def bad_period(envelope: dict) -> None:
        envelope["payload"]["dossier"]["usage_targets"][1]["threshold"]["period"] = "siècle"
        envelope["checksum"]["value"] = exchange.payload_checksum(envelope["payload"])

    _rewrite(path, bad_period)
    _check_refused(store, path, "threshold")


# --- the codec reads the field table (esms_desktop/domain/fields.py) ---------------------------

_EVERY_FIELD_SET = Establishment(
    finess="590050076",
    name="EHPAD « Les Tilleuls »",
    category="500",
    capacity=84,
    project=ProjectType.CONFORMITE,
    equipment=True,
    eligible_hours_pct=Decimal("70.50"),
    dui_solution="Éditeur — Produit",
    current_dui=DuiSituation.NON_REFERENCE,
    core_services=frozenset({CoreService.INS, CoreService.DMP}),
    already_funded=True,
    address="1 rue de la Paix",
    postal_code="59000",
    town="Lille",
)


def test_the_json_of_an_establishment_is_unchanged() -> None:
    """Keys, order and value forms as files have always had them (the table changed nothing);
    issue 16 added the core services, a list of values in the programme's order."""
    assert json.dumps(exchange.establishment_to_dict(_EVERY_FIELD_SET), ensure_ascii=False) == (
        '{"finess": "590050076", "name": "EHPAD « Les Tilleuls »", "category": "500", '
        '"capacity": 84, "project": "conformite", "equipment": true, '
        '"eligible_hours_pct": "70.50", "dui_solution": "Éditeur — Produit", '
        '"current_dui": "non_reference", "core_services": ["dmp", "ins"], '
        '"already_funded": true, "address": "1 rue de la Paix", '
        '"postal_code": "59000", "town": "Lille"}'
    )


def test_the_json_of_an_organisation_is_unchanged() -> None:
    og = Organisation(
        "OG",
        OgRole.PORTEUR,
        "314159260",
        "590088001",
        20,
        (),
        "Mme Martin",
        "m@example.org",
        date(2025, 3, 1),
    )
    assert list(exchange.organisation_to_dict(og).items()) == [
        ("name", "OG"),
        ("role", "porteur"),
        ("siren", "314159260"),
        ("finess_ej", "590088001"),
        ("declared_size", 20),
        ("contact_name", "Mme Martin"),
        ("contact_email", "m@example.org"),
        ("convention_date", "2025-03-01"),
        ("national_entity", False),
        ("establishments", []),
    ]


def test_every_field_of_the_table_goes_through_the_file() -> None:
    """A field added to the dataclass and the table travels in .esms files with no codec edit."""
    data = exchange.establishment_to_dict(_EVERY_FIELD_SET)
    assert list(data) == [s.exchange for s in ESTABLISHMENT_FIELDS]
    back = exchange.establishment_from_dict(exchange._Reader(data, "e"))
    assert back == _EVERY_FIELD_SET
    for spec in ESTABLISHMENT_FIELDS:  # every field set away from its default, so tested
        assert getattr(back, spec.name) != spec.default, spec.name


def test_absent_keys_read_as_the_defaults_and_wrong_types_are_named() -> None:
    est = exchange.establishment_from_dict(exchange._Reader({"finess": "1"}, "e"))
    assert est == Establishment("1", "", "")
    with pytest.raises(exchange._PayloadError, match=r"e\.current_dui"):
        exchange.establishment_from_dict(exchange._Reader({"current_dui": "peut-être"}, "e"))
    with pytest.raises(exchange._PayloadError, match=r"o\.declared_size"):
        exchange.organisation_from_dict(exchange._Reader({"declared_size": "3"}, "o"))


def test_a_file_without_the_issue_16_keys_loads_with_none_of_them() -> None:
    """Files written before the core services, the baselines and the team: none, "", ()."""
    data = exchange.dossier_to_dict(full_dossier())
    for og in data["grappe"]["organisations"]:
        for est in og["establishments"]:
            del est["core_services"]
    for target in data["usage_targets"]:
        del target["baseline"]
    del data["team"]
    back = exchange.dossier_from_dict(exchange._Reader(data, "dossier"))
    assert all(e.core_services == frozenset() for _, e in back.grappe.rows())
    assert all(t.baseline == "" for t in back.usage_targets) and back.team == ()
    assert back.usage_targets[0].indicator == full_dossier().usage_targets[0].indicator


def test_the_issue_16_keys_travel_and_bad_values_are_named() -> None:
    dossier = full_dossier()
    data = exchange.dossier_to_dict(dossier)
    back = exchange.dossier_from_dict(exchange._Reader(data, "dossier"))
    assert back.team == dossier.team and back.usage_targets == dossier.usage_targets
    assert [e.core_services for _, e in back.grappe.rows()] == [
        e.core_services for _, e in dossier.grappe.rows()
    ]
    with pytest.raises(exchange._PayloadError, match=r"e\.core_services"):
        exchange.establishment_from_dict(exchange._Reader({"core_services": ["fax"]}, "e"))
    with pytest.raises(exchange._PayloadError, match=r"e\.core_services"):
        exchange.establishment_from_dict(exchange._Reader({"core_services": "dmp"}, "e"))
