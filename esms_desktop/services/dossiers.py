"""Use cases on dossiers: create, list, load, save, rename, duplicate, delete, edit parts.

Each function takes a unit of work (``store.uow()`` in the program), runs in one transaction that is
committed as a whole or not at all, writes one French line to the dossier's change log, and returns
plain domain values. Storage failures arrive as ``StoreError`` subclasses (French ``message``); bad
input from the user as :class:`DossierInputError` (a ``ValueError``, French too).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from types import MappingProxyType

from esms_desktop.domain.dossier import AutodiagResponse, Dossier
from esms_desktop.domain.grappe import Establishment, Grappe
from esms_desktop.services.unit_of_work import UnitOfWork
from esms_desktop.storage.errors import NotFoundError
from esms_desktop.storage.records import AnnexFileInfo, ChangeLogEntry

MAX_NAME_LENGTH = 200
MAX_ANNEX_FILE_BYTES = 50 * 1024 * 1024
AUTODIAG_LEVELS = range(5)

ESTABLISHMENT_FIELD_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "finess": "FINESS",
        "name": "nom",
        "category": "catégorie",
        "capacity": "capacité",
        "project": "projet",
        "equipment": "équipement",
        "eligible_hours_pct": "heures éligibles (%)",
        "dui_solution": "solution DUI",
        "current_dui": "DUI actuel",
        "already_funded": "déjà financé",
        "address": "adresse",
        "postal_code": "code postal",
        "town": "commune",
    }
)
"""French names of the ESSMS fields, for the change log and merge reports."""

_DOSSIER_PART_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "name": "nom",
        "campaign_id": "campagne",
        "project_title": "titre du projet",
        "porteur": "porteur",
        "grappe": "grappe",
        "overrides": "valeurs de campagne",
        "autodiagnostics": "autodiagnostic",
        "usage_targets": "cibles d'usage",
        "milestones": "jalons",
        "governance": "gouvernance",
        "annexes": "annexes",
        "attestations": "attestations",
        "convention_date": "date de convention",
    }
)


class DossierInputError(ValueError):
    """Input the user can fix (empty name, level out of range…); ``message`` is French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class DossierSummary:
    """One line of the dossier list."""

    id: int
    name: str
    campaign_id: str
    establishment_count: int
    updated: datetime | None


def _now() -> datetime:
    return datetime.now(UTC)


def _clean_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise DossierInputError("Le nom du dossier ne peut pas être vide.")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise DossierInputError(
            f"Le nom du dossier est trop long ({len(cleaned)} caractères, "
            f"{MAX_NAME_LENGTH} au plus)."
        )
    return cleaned


def _clean_campaign(campaign_id: str) -> str:
    cleaned = (campaign_id or "").strip()
    if not cleaned:
        raise DossierInputError("Choisissez la campagne (l'appel à projets) du dossier.")
    return cleaned


def _essms_label(est: Establishment) -> str:
    finess = f" (FINESS {est.finess})" if est.finess else ""
    return f"« {est.name or 'sans nom'} »{finess}"


def changed_fields(before: object, after: object) -> list[str]:
    """Names of the dataclass fields whose values differ between two values of the same type."""
    return [
        f.name
        for f in dataclasses.fields(before)  # type: ignore[arg-type]
        if getattr(before, f.name) != getattr(after, f.name)
    ]


def _establishment_count(dossier: Dossier) -> int:
    return dossier.grappe.establishment_count


# --- whole dossiers ---------------------------------------------------------------------------


def create_dossier(
    uow: UnitOfWork, name: str, campaign_id: str, grappe: Grappe | None = None
) -> int:
    """Create a dossier (default annexes, attestations and usage targets); returns its id."""
    now = _now()
    dossier = Dossier(
        name=_clean_name(name),
        campaign_id=_clean_campaign(campaign_id),
        grappe=grappe if grappe is not None else Grappe(),
        created=now,
        updated=now,
    )
    with uow:
        new_id = uow.dossiers.add(dossier)
        uow.dossiers.log(
            new_id,
            "creation",
            f"Dossier « {dossier.name} » créé (campagne {dossier.campaign_id}, "
            f"{len(dossier.grappe.organisations)} OG, {_establishment_count(dossier)} ESSMS).",
            now,
        )
        uow.commit()
    return new_id


def list_dossiers(uow: UnitOfWork) -> list[DossierSummary]:
    """Every dossier, most recently changed first."""
    with uow:
        dossiers = uow.dossiers.list_all()
    return [
        DossierSummary(
            id=d.id if d.id is not None else 0,
            name=d.name,
            campaign_id=d.campaign_id,
            establishment_count=_establishment_count(d),
            updated=d.updated,
        )
        for d in dossiers
    ]


def load_dossier(uow: UnitOfWork, dossier_id: int) -> Dossier:
    """The whole dossier, exactly as last saved."""
    with uow:
        return uow.dossiers.get(dossier_id)


def save_dossier(uow: UnitOfWork, dossier: Dossier) -> Dossier:
    """Replace the stored dossier by ``dossier`` (every part); returns what is now stored.

    ``created`` is kept from the store and ``updated`` set to now. Saving an unchanged dossier
    writes nothing (the GUI may save often).
    """
    if dossier.id is None:
        raise DossierInputError("Ce dossier n'a jamais été enregistré : créez-le d'abord.")
    with uow:
        before = uow.dossiers.get(dossier.id)
        candidate = replace(
            dossier,
            name=_clean_name(dossier.name),
            created=before.created,
            updated=before.updated,
        )
        parts = changed_fields(before, candidate)
        if not parts:
            return before
        now = _now()
        stored = replace(candidate, updated=now)
        uow.dossiers.replace(stored)
        labels = ", ".join(_DOSSIER_PART_LABELS.get(p, p) for p in parts)
        uow.dossiers.log(dossier.id, "enregistrement", f"Dossier enregistré ({labels}).", now)
        uow.commit()
    return stored


def _update(
    uow: UnitOfWork,
    dossier_id: int,
    change: Callable[[Dossier], Dossier],
    action: str,
    summary: str,
) -> None:
    """Apply ``change(dossier) -> dossier`` in one transaction with one log line."""
    with uow:
        before = uow.dossiers.get(dossier_id)
        after = change(before)
        now = _now()
        uow.dossiers.replace(replace(after, updated=now))
        uow.dossiers.log(dossier_id, action, summary, now)
        uow.commit()


def rename_dossier(uow: UnitOfWork, dossier_id: int, name: str) -> None:
    new_name = _clean_name(name)
    with uow:
        before = uow.dossiers.get(dossier_id)
        if before.name == new_name:
            return
        now = _now()
        uow.dossiers.replace(replace(before, name=new_name, updated=now))
        uow.dossiers.log(
            dossier_id, "renommage", f"Dossier renommé « {before.name} » → « {new_name} ».", now
        )
        uow.commit()


def duplicate_dossier(uow: UnitOfWork, dossier_id: int, name: str | None = None) -> int:
    """Copy a dossier (attached files included) under ``name`` or « … (copie) »; returns the id."""
    now = _now()
    with uow:
        source = uow.dossiers.get(dossier_id)
        copy = replace(
            source,
            id=None,
            name=_clean_name(name if name is not None else f"{source.name} (copie)"),
            created=now,
            updated=now,
        )
        new_id = uow.dossiers.add(copy)
        uow.dossiers.copy_files(dossier_id, new_id)
        uow.dossiers.log(
            new_id,
            "duplication",
            f"Copie du dossier « {source.name} » (n° {dossier_id}).",
            now,
        )
        uow.commit()
    return new_id


def delete_dossier(uow: UnitOfWork, dossier_id: int) -> None:
    """Delete a dossier and everything it holds; the change log keeps a line saying so."""
    with uow:
        dossier = uow.dossiers.get(dossier_id)
        uow.dossiers.delete(dossier_id)
        uow.dossiers.log(
            dossier_id,
            "suppression",
            f"Dossier « {dossier.name} » supprimé ({_establishment_count(dossier)} ESSMS).",
            _now(),
        )
        uow.commit()


def update_grappe(uow: UnitOfWork, dossier_id: int, grappe: Grappe) -> None:
    """Replace the grappe (OGs, ESSMS, DUI solution) of a dossier."""
    _update(
        uow,
        dossier_id,
        lambda d: replace(d, grappe=grappe),
        "grappe",
        f"Grappe mise à jour : {len(grappe.organisations)} OG, {grappe.establishment_count} ESSMS.",
    )


def set_overrides(uow: UnitOfWork, dossier_id: int, overrides: Mapping[str, Decimal]) -> None:
    """Replace the campaign values the user entered (euros, exact decimals)."""
    cleaned: dict[str, Decimal] = {}
    for name, amount in overrides.items():
        if not isinstance(amount, Decimal) or not amount.is_finite():
            raise DossierInputError(
                f"La valeur saisie pour « {name} » doit être un montant en euros ({amount!r})."
            )
        cleaned[str(name)] = amount
    with uow:
        before = uow.dossiers.get(dossier_id)
        if dict(before.overrides) == cleaned:
            return
        now = _now()
        uow.dossiers.replace(replace(before, overrides=MappingProxyType(cleaned), updated=now))
        set_part = [f"{k} = {v} €" for k, v in cleaned.items() if before.overrides.get(k) != v]
        removed = [k for k in before.overrides if k not in cleaned]
        parts = set_part + [f"{k} retirée" for k in removed]
        uow.dossiers.log(
            dossier_id, "valeurs", f"Valeurs de campagne saisies : {', '.join(parts)}.", now
        )
        uow.commit()


def record_autodiag(
    uow: UnitOfWork, dossier_id: int, scope: str, answers: Mapping[str, int]
) -> None:
    """Store the autodiagnostic answers (question → level 0–4) of one scope, replacing them."""
    scope = (scope or "").strip() or "grappe"
    for question, level in answers.items():
        if isinstance(level, bool) or not isinstance(level, int) or level not in AUTODIAG_LEVELS:
            raise DossierInputError(
                f"Réponse invalide à la question « {question} » de l'autodiagnostic : {level!r} "
                "(niveau de 0 à 4 attendu)."
            )
    response = AutodiagResponse(scope=scope, answers=MappingProxyType(dict(answers)))

    def change(dossier: Dossier) -> Dossier:
        if any(r.scope == scope for r in dossier.autodiagnostics):  # keep the order of scopes
            updated = tuple(response if r.scope == scope else r for r in dossier.autodiagnostics)
            return replace(dossier, autodiagnostics=_dedupe_scopes(updated))
        return replace(dossier, autodiagnostics=(*dossier.autodiagnostics, response))

    _update(
        uow,
        dossier_id,
        change,
        "autodiagnostic",
        f"Autodiagnostic « {scope} » enregistré ({len(answers)} réponse(s)).",
    )


def _dedupe_scopes(responses: tuple[AutodiagResponse, ...]) -> tuple[AutodiagResponse, ...]:
    seen: set[str] = set()
    kept: list[AutodiagResponse] = []
    for response in responses:
        if response.scope not in seen:
            seen.add(response.scope)
            kept.append(response)
    return tuple(kept)


# --- one establishment row --------------------------------------------------------------------


def add_establishment(
    uow: UnitOfWork,
    dossier_id: int,
    og_index: int,
    establishment: Establishment,
    position: int | None = None,
) -> int:
    """Insert an ESSMS in OG ``og_index`` at ``position`` (end when ``None``); returns it."""
    with uow:
        dossier = uow.dossiers.get(dossier_id)
        where = uow.dossiers.add_establishment(dossier_id, og_index, establishment, position)
        now = _now()
        uow.dossiers.touch(dossier_id, now)
        og_name = dossier.grappe.organisations[og_index].name
        uow.dossiers.log(
            dossier_id,
            "essms_ajout",
            f"ESSMS {_essms_label(establishment)} ajouté à « {og_name} » (ligne {where + 1}).",
            now,
        )
        uow.commit()
    return where


def update_establishment(
    uow: UnitOfWork, dossier_id: int, og_index: int, position: int, establishment: Establishment
) -> list[str]:
    """Overwrite one ESSMS row; returns the names of the fields that changed (none: no write)."""
    with uow:
        before = uow.dossiers.get_establishment(dossier_id, og_index, position)
        changed = changed_fields(before, establishment)
        if not changed:
            return []
        uow.dossiers.update_establishment(dossier_id, og_index, position, establishment)
        now = _now()
        uow.dossiers.touch(dossier_id, now)
        labels = ", ".join(ESTABLISHMENT_FIELD_LABELS.get(f, f) for f in changed)
        uow.dossiers.log(
            dossier_id,
            "essms_modification",
            f"ESSMS {_essms_label(establishment)} modifié : {labels}.",
            now,
        )
        uow.commit()
    return changed


def remove_establishment(
    uow: UnitOfWork, dossier_id: int, og_index: int, position: int
) -> Establishment:
    """Delete one ESSMS row (the next ones move up); returns what was removed (for undo)."""
    with uow:
        dossier = uow.dossiers.get(dossier_id)
        removed = uow.dossiers.remove_establishment(dossier_id, og_index, position)
        now = _now()
        uow.dossiers.touch(dossier_id, now)
        og_name = dossier.grappe.organisations[og_index].name
        uow.dossiers.log(
            dossier_id,
            "essms_suppression",
            f"ESSMS {_essms_label(removed)} retiré de « {og_name} ».",
            now,
        )
        uow.commit()
    return removed


# --- attached files and history ---------------------------------------------------------------


def attach_annex_file(
    uow: UnitOfWork, dossier_id: int, annex_key: str, file_name: str, data: bytes
) -> AnnexFileInfo:
    """Store a file for an annex of the checklist (in the database, so backups carry it).

    The annex is marked provided and its ``file_name`` set; a previous file is replaced.
    """
    if len(data) > MAX_ANNEX_FILE_BYTES:
        raise DossierInputError(
            f"Le fichier « {file_name} » est trop gros ({len(data) // (1024 * 1024)} Mo ; "
            f"{MAX_ANNEX_FILE_BYTES // (1024 * 1024)} Mo au plus)."
        )
    name = file_name.strip() or "piece-jointe"
    with uow:
        dossier = uow.dossiers.get(dossier_id)
        annexes = list(dossier.annexes)
        index = next((i for i, a in enumerate(annexes) if a.key == annex_key), None)
        if index is None:
            raise NotFoundError(
                f"Le dossier « {dossier.name} » n'a pas d'annexe « {annex_key} » : "
                "impossible d'y joindre un fichier."
            )
        now = _now()
        annexes[index] = replace(annexes[index], provided=True, file_name=name)
        uow.dossiers.replace(replace(dossier, annexes=tuple(annexes), updated=now))
        info = uow.dossiers.attach_file(dossier_id, annex_key, name, data, now)
        uow.dossiers.log(
            dossier_id,
            "piece_jointe",
            f"Fichier « {name} » ({len(data)} octets) joint à l'annexe « {annexes[index].label} ».",
            now,
        )
        uow.commit()
    return info


def read_annex_file(
    uow: UnitOfWork, dossier_id: int, annex_key: str
) -> tuple[AnnexFileInfo, bytes]:
    """The attached file of an annex and its content."""
    with uow:
        return uow.dossiers.file_data(dossier_id, annex_key)


def list_annex_files(uow: UnitOfWork, dossier_id: int) -> list[AnnexFileInfo]:
    with uow:
        return uow.dossiers.files(dossier_id)


def detach_annex_file(uow: UnitOfWork, dossier_id: int, annex_key: str) -> None:
    """Remove the file of an annex (the annex is then no longer marked provided)."""
    with uow:
        dossier = uow.dossiers.get(dossier_id)
        info = uow.dossiers.detach_file(dossier_id, annex_key)
        if info is None:
            return
        now = _now()
        annexes = tuple(
            replace(a, provided=False, file_name="") if a.key == annex_key else a
            for a in dossier.annexes
        )
        uow.dossiers.replace(replace(dossier, annexes=annexes, updated=now))
        uow.dossiers.log(
            dossier_id, "piece_jointe", f"Fichier « {info.name} » retiré de l'annexe.", now
        )
        uow.commit()


def history(uow: UnitOfWork, dossier_id: int, limit: int | None = None) -> list[ChangeLogEntry]:
    """The dossier's change log, newest first."""
    with uow:
        return uow.dossiers.history(dossier_id, limit)
