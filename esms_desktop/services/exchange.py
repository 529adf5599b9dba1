"""The ``.esms`` exchange file: a whole dossier, or one OG's part, to send to someone else.

A porteur sends the dossier to a partner; a partner OG fills in its own ESSMS and sends its part
back; the porteur merges it by FINESS. The file is a ZIP holding ``esms.json`` — an envelope with
the format name and version, the program version, the creation date, the kind (``"dossier"`` or
``"og"``), the payload and the SHA-256 of the payload's canonical JSON — plus the attached annex
files under ``pieces/`` (their size and SHA-256 are in the payload, so the checksum covers them).
A plain ``.json`` file with the same envelope (and no attached files) is read too.

Reading is strict: a truncated or damaged file, a file that is not ours, a checksum that does not
match (edited by hand, corrupted on the way) or a newer format is refused with a French message,
and nothing is changed. Writing goes to a temporary file renamed over the target.

Pure JSON and ZIP: no SQLAlchemy here, the database is reached through the unit of work.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any, BinaryIO, Literal, TypeVar

from esms_desktop import __version__
from esms_desktop.domain.dossier import (
    Annex,
    Attestation,
    AutodiagResponse,
    Dossier,
    Milestone,
    Porteur,
    UsageTarget,
)
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.fields import (
    ESTABLISHMENT_FIELDS,
    ORGANISATION_FIELDS,
    FieldKind,
    FieldSpec,
)
from esms_desktop.domain.grappe import (
    DuiSolution,
    Establishment,
    Grappe,
    Organisation,
)
from esms_desktop.domain.merge import AddedEstablishment as AddedEstablishment
from esms_desktop.domain.merge import EstablishmentMerge as EstablishmentMerge
from esms_desktop.domain.merge import FieldChange as FieldChange
from esms_desktop.domain.merge import Side as Side
from esms_desktop.domain.merge import establishment_key as establishment_key
from esms_desktop.domain.merge import merge
from esms_desktop.domain.porteur_link import PorteurChoice, sync_porteur
from esms_desktop.domain.usage_threshold import PERCENT, UsageThreshold
from esms_desktop.services.dossiers import (
    ESTABLISHMENT_FIELD_LABELS,
    MAX_ANNEX_FILE_BYTES,
    DossierInputError,
)
from esms_desktop.services.unit_of_work import UnitOfWork
from esms_desktop.storage.fsutil import atomic_write

FORMAT_NAME = "esms-desktop/echange"
FORMAT_VERSION = 1
JSON_ENTRY = "esms.json"
FILES_PREFIX = "pieces/"
MAX_JSON_BYTES = 20 * 1024 * 1024
Kind = Literal["dossier", "og"]
_E = TypeVar("_E", bound=StrEnum)


class ExchangeFileError(UserError):
    """An exchange file that cannot be used; ``message`` is French and names the file."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


@dataclass(frozen=True, slots=True)
class AttachedFile:
    """An annex file carried by an exchange file."""

    annex_key: str
    name: str
    data: bytes
    added: datetime | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True, slots=True)
class ExchangeContent:
    """What an exchange file holds, decoded and verified."""

    kind: Kind
    format_version: int
    app_version: str
    created: datetime | None
    campaign_id: str
    dossier: Dossier | None = None
    organisation: Organisation | None = None
    files: tuple[AttachedFile, ...] = ()

    @property
    def organisations(self) -> tuple[Organisation, ...]:
        """The OGs to merge: the dossier's whole grappe, or the single OG."""
        if self.dossier is not None:
            return self.dossier.grappe.organisations
        return (self.organisation,) if self.organisation is not None else ()


# --- domain → JSON ----------------------------------------------------------------------------


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _threshold_to_dict(value: UsageThreshold | None) -> dict[str, Any]:
    """``threshold`` (amount, unit, period), plus ``threshold_pct`` for a percentage.

    Programs older than the count thresholds read only ``threshold_pct``: they keep reading
    percentages, and see a count as a threshold still to set rather than as a wrong figure.
    """
    if value is None:
        return {"threshold": None}
    out: dict[str, Any] = {
        "threshold": {"amount": str(value.amount), "unit": value.unit, "period": value.period}
    }
    if value.is_percentage:
        out["threshold_pct"] = str(value.amount)
    return out


def _threshold_from(target: _Reader) -> UsageThreshold | None:
    if "threshold" not in target.data:  # written before count thresholds: a percentage or none
        amount = target.decimal("threshold_pct")
        return None if amount is None else UsageThreshold(amount)
    if target.data["threshold"] is None:
        return None
    t = _Reader(target.data["threshold"], f"{target.where}.threshold")
    amount = t.decimal("amount")
    if amount is None:
        raise _invalid(f"{t.where}.amount", "nombre attendu")
    try:
        return UsageThreshold(amount, t.text("unit", PERCENT), t.text("period"))
    except ValueError as exc:
        raise _invalid(t.where, str(exc)) from None


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _field_json(spec: FieldSpec, value: Any) -> Any:
    """One field's JSON value: enums as their value, decimals as text, dates in ISO form."""
    if spec.kind is FieldKind.CHOICE:
        return None if spec.choice_type is None else spec.choice_type(value).value
    if spec.kind is FieldKind.DECIMAL:
        return _dec(value)
    if spec.kind is FieldKind.DATE:
        return _day(value)
    return value


def _fields_to_dict(specs: Iterable[FieldSpec], record: object) -> dict[str, Any]:
    return {s.exchange: _field_json(s, getattr(record, s.name)) for s in specs}


def establishment_to_dict(est: Establishment) -> dict[str, Any]:
    """Every field of the table (:data:`ESTABLISHMENT_FIELDS`), in its order."""
    return _fields_to_dict(ESTABLISHMENT_FIELDS, est)


def organisation_to_dict(og: Organisation) -> dict[str, Any]:
    """The OG's fields, then its ESSMS (last, as files have always had them)."""
    return {
        **_fields_to_dict(ORGANISATION_FIELDS, og),
        "establishments": [establishment_to_dict(e) for e in og.establishments],
    }


def dossier_to_dict(d: Dossier) -> dict[str, Any]:
    """Every field of a dossier except its local ``id`` (meaningless on another computer)."""
    solution = d.grappe.solution
    return {
        "name": d.name,
        "campaign_id": d.campaign_id,
        "project_title": d.project_title,
        "porteur": {f.name: getattr(d.porteur, f.name) for f in fields(Porteur)},
        "grappe": {
            "organisations": [organisation_to_dict(o) for o in d.grappe.organisations],
            "solution": {f.name: getattr(solution, f.name) for f in fields(DuiSolution)},
        },
        "overrides": {k: _dec(v) for k, v in d.overrides.items()},
        "autodiagnostics": [
            {"scope": r.scope, "answers": dict(r.answers.items())} for r in d.autodiagnostics
        ],
        "usage_targets": [
            {
                "indicator": t.indicator,
                "sector": t.sector,
                **_threshold_to_dict(t.threshold),
                "window": t.window,
                "evidence": t.evidence,
            }
            for t in d.usage_targets
        ],
        "milestones": [
            {"label": m.label, "due": _day(m.due), "description": m.description}
            for m in d.milestones
        ],
        "governance": d.governance,
        "annexes": [
            {
                "key": a.key,
                "label": a.label,
                "required": a.required,
                "provided": a.provided,
                "file_name": a.file_name,
                "note": a.note,
            }
            for a in d.annexes
        ],
        "attestations": [
            {"key": a.key, "label": a.label, "accepted": a.accepted} for a in d.attestations
        ],
        "convention_date": _day(d.convention_date),
        "created": _moment(d.created),
        "updated": _moment(d.updated),
    }


# --- JSON → domain (strict) -------------------------------------------------------------------


class _Reader:
    """Typed access to one JSON object; any mismatch is a French error naming the field."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            raise _invalid(where, "objet attendu")
        self.data: dict[str, Any] = data
        self.where = where

    def _get(self, key: str, default: object) -> object:
        return self.data.get(key, default)

    def text(self, key: str, default: str = "") -> str:
        value = self._get(key, default)
        if not isinstance(value, str):
            raise _invalid(f"{self.where}.{key}", "texte attendu")
        return value

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self._get(key, default)
        if not isinstance(value, bool):
            raise _invalid(f"{self.where}.{key}", "vrai/faux attendu")
        return value

    def opt_boolean(self, key: str) -> bool | None:
        value = self._get(key, None)
        if value is not None and not isinstance(value, bool):
            raise _invalid(f"{self.where}.{key}", "vrai/faux ou null attendu")
        return value

    def opt_int(self, key: str) -> int | None:
        value = self._get(key, None)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise _invalid(f"{self.where}.{key}", "nombre entier attendu")
        return value

    def decimal(self, key: str, default: Decimal | None = None) -> Decimal | None:
        value = self._get(key, None)
        if value is None:
            return default
        if not isinstance(value, str):
            raise _invalid(f"{self.where}.{key}", "nombre décimal écrit en texte attendu")
        try:
            return Decimal(value)
        except InvalidOperation:
            raise _invalid(f"{self.where}.{key}", f"nombre illisible {value!r}") from None

    def day(self, key: str) -> date | None:
        value = self._get(key, None)
        if value is None:
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise _invalid(f"{self.where}.{key}", f"date illisible {value!r}") from None

    def moment(self, key: str) -> datetime | None:
        value = self._get(key, None)
        if value is None:
            return None
        try:
            return datetime.fromisoformat(str(value))
        except ValueError:
            raise _invalid(f"{self.where}.{key}", f"date et heure illisibles {value!r}") from None

    def enum(self, key: str, kind: type[_E], default: _E) -> _E:
        value = self._get(key, default.value)
        if not isinstance(value, str):
            raise _invalid(f"{self.where}.{key}", f"valeur inconnue {value!r}")
        try:
            return kind(value)
        except ValueError:
            raise _invalid(f"{self.where}.{key}", f"valeur inconnue {value!r}") from None

    def items(self, key: str) -> list[_Reader]:
        value = self._get(key, [])
        if not isinstance(value, list):
            raise _invalid(f"{self.where}.{key}", "liste attendue")
        return [_Reader(v, f"{self.where}.{key}[{i}]") for i, v in enumerate(value)]

    def child(self, key: str) -> _Reader:
        return _Reader(self._get(key, {}), f"{self.where}.{key}")

    def mapping(self, key: str) -> dict[str, Any]:
        value = self._get(key, {})
        if not isinstance(value, dict):
            raise _invalid(f"{self.where}.{key}", "objet attendu")
        return value


class _PayloadError(Exception):
    pass


def _invalid(where: str, what: str) -> _PayloadError:
    return _PayloadError(f"champ « {where} » : {what}")


def _field_from(r: _Reader, spec: FieldSpec) -> Any:
    """One field read strictly; an absent key gives the dataclass's default."""
    key = spec.exchange
    if spec.kind is FieldKind.CHOICE and spec.choice_type is not None:
        return r.enum(key, spec.choice_type, spec.default)
    if spec.kind is FieldKind.INTEGER:
        return r.opt_int(key)
    if spec.kind is FieldKind.DECIMAL:
        return r.decimal(key, spec.default)  # 0 % is a real answer: only null means the default
    if spec.kind is FieldKind.BOOLEAN:
        return r.boolean(key, spec.default)
    if spec.kind is FieldKind.DATE:
        return r.day(key)
    return r.text(key, spec.default)


def establishment_from_dict(r: _Reader) -> Establishment:
    return Establishment(**{s.name: _field_from(r, s) for s in ESTABLISHMENT_FIELDS})


def organisation_from_dict(r: _Reader) -> Organisation:
    return Organisation(
        **{s.name: _field_from(r, s) for s in ORGANISATION_FIELDS},
        establishments=tuple(establishment_from_dict(e) for e in r.items("establishments")),
    )


def dossier_from_dict(r: _Reader) -> Dossier:
    porteur = r.child("porteur")
    grappe = r.child("grappe")
    solution = grappe.child("solution")
    overrides: dict[str, Decimal] = {}
    for key, value in r.mapping("overrides").items():
        amount = _Reader({"v": value}, f"{r.where}.overrides.{key}").decimal("v")
        if amount is None:
            raise _invalid(f"{r.where}.overrides.{key}", "montant attendu")
        overrides[str(key)] = amount
    autodiagnostics = []
    for item in r.items("autodiagnostics"):
        answers = item.mapping("answers")
        for question, level in answers.items():
            if isinstance(level, bool) or not isinstance(level, int):
                raise _invalid(f"{item.where}.answers.{question}", "niveau entier attendu")
        autodiagnostics.append(
            AutodiagResponse(scope=item.text("scope", "grappe"), answers=MappingProxyType(answers))
        )
    return Dossier(
        name=r.text("name"),
        campaign_id=r.text("campaign_id"),
        project_title=r.text("project_title"),
        porteur=Porteur(**{f.name: porteur.text(f.name) for f in fields(Porteur)}),
        grappe=Grappe(
            organisations=tuple(organisation_from_dict(o) for o in grappe.items("organisations")),
            solution=DuiSolution(
                editor=solution.text("editor"),
                product=solution.text("product"),
                segur_referenced=solution.opt_boolean("segur_referenced"),
                segur_reference=solution.text("segur_reference"),
                justification=solution.text("justification"),
            ),
        ),
        overrides=MappingProxyType(overrides),
        autodiagnostics=tuple(autodiagnostics),
        usage_targets=tuple(
            UsageTarget(
                indicator=t.text("indicator"),
                sector=t.text("sector"),
                threshold=_threshold_from(t),
                window=t.text("window"),
                evidence=t.text("evidence"),
            )
            for t in r.items("usage_targets")
        ),
        milestones=tuple(
            Milestone(label=m.text("label"), due=m.day("due"), description=m.text("description"))
            for m in r.items("milestones")
        ),
        governance=r.text("governance"),
        annexes=tuple(
            Annex(
                key=a.text("key"),
                label=a.text("label"),
                required=a.boolean("required", True),
                provided=a.boolean("provided"),
                file_name=a.text("file_name"),
                note=a.text("note"),
            )
            for a in r.items("annexes")
        ),
        attestations=tuple(
            Attestation(key=a.text("key"), label=a.text("label"), accepted=a.boolean("accepted"))
            for a in r.items("attestations")
        ),
        convention_date=r.day("convention_date"),
        created=r.moment("created"),
        updated=r.moment("updated"),
    )


# --- the file ---------------------------------------------------------------------------------


def canonical_json(payload: Mapping[str, Any]) -> bytes:
    """The bytes the checksum is computed on: sorted keys, no spaces, UTF-8."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def payload_checksum(payload: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def _envelope(kind: Kind, payload: Mapping[str, Any], created: datetime) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "created": created.isoformat(),
        "kind": kind,
        "checksum": {"algorithm": "sha256", "value": payload_checksum(payload)},
        "payload": payload,
    }


def _files_payload(files: Sequence[AttachedFile]) -> list[dict[str, Any]]:
    return [
        {
            "annex_key": f.annex_key,
            "name": f.name,
            "size": len(f.data),
            "sha256": f.sha256,
            "added": _moment(f.added),
            "entry": f"{FILES_PREFIX}{i + 1:04d}",
        }
        for i, f in enumerate(files)
    ]


def write_exchange_file(
    path: Path,
    kind: Kind,
    payload: Mapping[str, Any],
    files: Sequence[AttachedFile] = (),
    *,
    created: datetime | None = None,
) -> Path:
    """Write the ZIP (``esms.json`` + ``pieces/…``) through a temporary file; returns ``path``.

    ``payload`` must already list ``files`` under ``"files"`` (see :func:`_files_payload`).
    """
    envelope = _envelope(kind, payload, created or datetime.now(UTC))
    text = json.dumps(envelope, ensure_ascii=False, indent=1).encode("utf-8")
    listed = {item["entry"]: item for item in payload.get("files", [])}

    def write(stream: BinaryIO) -> None:
        with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(JSON_ENTRY, text)
            for item, attached in zip(listed.values(), files, strict=True):
                archive.writestr(item["entry"], attached.data)

    atomic_write(Path(path), write, "écrire le fichier d'échange")
    return Path(path)


def _refuse(path: Path, why: str) -> ExchangeFileError:
    return ExchangeFileError(f"Le fichier « {path} » {why} Rien n'a été importé.", path)


def _load_envelope(path: Path) -> tuple[dict[str, Any], zipfile.ZipFile | None]:
    try:
        with path.open("rb") as stream:
            head = stream.read(4)
    except FileNotFoundError:
        raise _refuse(path, "est introuvable.") from None
    except OSError as exc:
        raise _refuse(path, f"ne peut pas être lu ({exc.strerror or exc}).") from exc
    if head.startswith(b"PK"):
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError):
            raise _refuse(
                path, "est incomplet ou endommagé (archive illisible, téléchargement interrompu ?)."
            ) from None
        try:
            info = archive.getinfo(JSON_ENTRY)
        except KeyError:
            archive.close()
            raise _refuse(path, "n'est pas un fichier d'échange esms-desktop (.esms).") from None
        if info.file_size > MAX_JSON_BYTES:
            archive.close()
            raise _refuse(path, "est trop volumineux pour un fichier d'échange.")
        try:
            raw = archive.read(JSON_ENTRY)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            archive.close()
            raise _refuse(path, "est endommagé (contenu illisible).") from None
    else:
        archive = None
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise _refuse(path, f"ne peut pas être lu ({exc.strerror or exc}).") from exc
        if not raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            raise _refuse(path, "n'est pas un fichier d'échange esms-desktop (.esms).")
    try:
        envelope = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        if archive is not None:
            archive.close()
        raise _refuse(path, "est incomplet ou endommagé (texte JSON illisible).") from None
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT_NAME:
        if archive is not None:
            archive.close()
        raise _refuse(path, "n'est pas un fichier d'échange esms-desktop (.esms).")
    return envelope, archive


def read_exchange_file(path: Path) -> ExchangeContent:
    """Decode and verify an exchange file; raises :class:`ExchangeFileError` when unusable."""
    path = Path(path)
    envelope, archive = _load_envelope(path)
    try:
        return _decode(path, envelope, archive)
    finally:
        if archive is not None:
            archive.close()


def _decode(
    path: Path, envelope: dict[str, Any], archive: zipfile.ZipFile | None
) -> ExchangeContent:
    version = envelope.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _refuse(path, "est endommagé (version de format illisible).")
    if version > FORMAT_VERSION:
        raise _refuse(
            path,
            f"a été créé par une version plus récente d'esms-desktop "
            f"({envelope.get('app_version', '?')}, format {version} ; ce programme lit le format "
            f"{FORMAT_VERSION}). Mettez à jour esms-desktop pour l'ouvrir.",
        )
    payload = envelope.get("payload")
    checksum = envelope.get("checksum")
    expected = checksum.get("value") if isinstance(checksum, dict) else None
    if not isinstance(payload, dict) or not isinstance(expected, str):
        raise _refuse(path, "est incomplet (contenu ou somme de contrôle absents).")
    try:
        actual = payload_checksum(payload)
    except UnicodeEncodeError:  # a lone surrogate (\ud800) written as a JSON escape
        raise _refuse(path, "est endommagé (texte contenant des caractères invalides).") from None
    if actual != expected:
        raise _refuse(
            path,
            "a été modifié ou abîmé depuis son export (la somme de contrôle ne correspond pas) : "
            "demandez à l'expéditeur de le renvoyer.",
        )
    kind = envelope.get("kind")
    if kind not in ("dossier", "og"):
        raise _refuse(path, f"contient un type de données inconnu ({kind!r}).")
    try:
        reader = _Reader(payload, "payload")
        dossier = dossier_from_dict(reader.child("dossier")) if kind == "dossier" else None
        organisation = (
            organisation_from_dict(reader.child("organisation")) if kind == "og" else None
        )
        campaign_id = dossier.campaign_id if dossier is not None else reader.text("campaign_id")
        files = tuple(_read_files(path, reader.items("files"), archive))
        created = _Reader(envelope, "fichier").moment("created")
    except _PayloadError as exc:
        raise _refuse(path, f"a un contenu invalide ({exc}).") from None
    return ExchangeContent(
        kind=kind,
        format_version=version,
        app_version=str(envelope.get("app_version", "")),
        created=created,
        campaign_id=campaign_id,
        dossier=dossier,
        organisation=organisation,
        files=files,
    )


def _read_files(
    path: Path, items: Iterable[_Reader], archive: zipfile.ZipFile | None
) -> Iterable[AttachedFile]:
    for item in items:
        entry = item.text("entry")
        size = item.opt_int("size")
        if archive is None:
            raise _refuse(path, "annonce des pièces jointes mais n'est pas une archive .esms.")
        try:
            info = archive.getinfo(entry)
        except KeyError:
            raise _refuse(path, f"est incomplet (pièce jointe « {entry} » absente).") from None
        if info.file_size > MAX_ANNEX_FILE_BYTES or info.file_size != size:
            raise _refuse(path, f"est endommagé (taille de la pièce « {entry} »).")
        try:
            data = archive.read(entry)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            raise _refuse(path, f"est endommagé (pièce jointe « {entry} » illisible).") from None
        if hashlib.sha256(data).hexdigest() != item.text("sha256"):
            raise _refuse(path, f"a été modifié (pièce jointe « {entry} » altérée).")
        yield AttachedFile(item.text("annex_key"), item.text("name"), data, item.moment("added"))


# --- merge by FINESS --------------------------------------------------------------------------
# The rule is the domain's (``domain/merge.py``), shared with the spreadsheet import; here is
# the report the CLI and the dialog show, and the partner-file entry point.


@dataclass(frozen=True, slots=True)
class MergeReport:
    """What a merge adds and changes; ``applied`` is False for a preview."""

    added: tuple[AddedEstablishment, ...] = ()
    changed: tuple[EstablishmentMerge, ...] = ()
    unchanged: int = 0
    added_organisations: tuple[str, ...] = ()
    applied: bool = False
    backup: Path | None = None
    resolution: Mapping[str, Side] = field(default_factory=lambda: MappingProxyType({}))
    porteur_clash: tuple[str, str] | tuple[()] = ()
    """(ours, theirs): the file names another porteur than the dossier's, and ours is not only
    a name. ``porteur_kept`` says which one the merge keeps as porteur."""
    porteur_kept: PorteurChoice = PorteurChoice.INCOMING
    porteur_note: str = ""
    """A French sentence when the merge changes who is porteur, empty otherwise."""

    @property
    def conflicts(self) -> tuple[EstablishmentMerge, ...]:
        return tuple(c for c in self.changed if c.conflict)

    def summary(self) -> str:
        """One French paragraph for the CLI and the confirmation dialog."""
        verb = "ajouté(s)" if self.applied else "à ajouter"
        lines = [
            f"{len(self.added)} ESSMS {verb}, {len(self.changed)} modifié(s) "
            f"dont {len(self.conflicts)} en conflit, {self.unchanged} identique(s)."
        ]
        if self.added_organisations:
            lines.append("Nouveaux organismes : " + ", ".join(self.added_organisations) + ".")
        if self.porteur_note:
            lines.append(self.porteur_note)
        for change in self.changed:
            what = "; ".join(
                f"{c.label} : « {c.ours} » → « {c.theirs} »" + (" (conflit)" if c.conflict else "")
                for c in change.changes
            )
            kept = ""
            if change.conflict:
                kept = " — gardé : " + (
                    "leurs valeurs" if change.taken == "theirs" else "les nôtres"
                )
            lines.append(f"- {change.name} ({change.finess or 'sans FINESS'}) : {what}{kept}")
        return "\n".join(lines)


def merge_grappe(
    ours: Grappe,
    theirs: Sequence[Organisation],
    choices: Mapping[str, Side] | None = None,
    default: Side = "ours",
    porteur: PorteurChoice = PorteurChoice.INCOMING,
) -> tuple[Grappe, MergeReport]:
    """Merge incoming OGs into ``ours``; returns the merged grappe and the report.

    The domain's merge (:func:`esms_desktop.domain.merge.merge`), the spreadsheet import's too:
    OGs matched by FINESS juridique, then SIREN, then name; ESSMS by FINESS; a field filled on
    both sides with different values is a conflict, decided per ESSMS by ``choices[key]``
    (key = :func:`establishment_key`) or else by ``default``; the file's porteur is never
    silently demoted, ``porteur`` decides and the report says so. Our DUI solution is kept.
    """
    result = merge(
        ours,
        Grappe(tuple(theirs), ours.solution),
        choices,
        default,
        porteur,
        labels=ESTABLISHMENT_FIELD_LABELS,
    )
    clash = result.porteur_clash
    report = MergeReport(
        added=result.added,
        changed=result.changed,
        unchanged=result.unchanged,
        added_organisations=result.added_organisations,
        resolution=result.resolution,
        porteur_clash=() if clash is None else (clash.current.name, clash.incoming.name),
        porteur_kept=result.porteur_kept,
        porteur_note=result.porteur_note,
    )
    return result.grappe, report


# --- use cases --------------------------------------------------------------------------------


def export_dossier(uow: UnitOfWork, dossier_id: int, path: Path) -> Path:
    """Write a whole dossier, attached files included, to ``path`` (.esms)."""
    with uow:
        dossier = uow.dossiers.get(dossier_id)
        files = [
            AttachedFile(info.annex_key, info.name, data, info.added)
            for info, data in (
                uow.dossiers.file_data(dossier_id, f.annex_key)
                for f in uow.dossiers.files(dossier_id)
            )
        ]
    payload = {"dossier": dossier_to_dict(dossier), "files": _files_payload(files)}
    return write_exchange_file(path, "dossier", payload, files)


def export_organisation(uow: UnitOfWork, dossier_id: int, og_index: int, path: Path) -> Path:
    """Write one OG and its ESSMS (what a partner fills in) to ``path`` (.esms)."""
    with uow:
        dossier = uow.dossiers.get(dossier_id)
    if not 0 <= og_index < len(dossier.grappe.organisations):
        raise DossierInputError(
            f"Le dossier « {dossier.name} » n'a pas d'organisme gestionnaire n° {og_index + 1}."
        )
    og = dossier.grappe.organisations[og_index]
    payload = {
        "organisation": organisation_to_dict(og),
        "campaign_id": dossier.campaign_id,
        "dossier_name": dossier.name,
        "files": [],
    }
    return write_exchange_file(path, "og", payload)


def import_as_new(
    uow: UnitOfWork, path: Path, *, name: str | None = None, campaign_id: str | None = None
) -> int:
    """Create a new dossier from an exchange file (a backup is taken first); returns its id."""
    content = read_exchange_file(path)
    now = datetime.now(UTC)
    if content.dossier is not None:
        dossier = replace(
            content.dossier,
            id=None,
            name=name or content.dossier.name,
            campaign_id=campaign_id or content.dossier.campaign_id,
            updated=now,
        )
    else:
        og = content.organisation or Organisation(name="")
        dossier = Dossier(
            name=name or og.name or Path(path).stem,
            campaign_id=campaign_id or content.campaign_id,
            grappe=Grappe((og,)),
            created=now,
            updated=now,
        )
    if not dossier.name.strip() or not dossier.campaign_id.strip():
        raise DossierInputError(
            f"Le fichier « {path} » ne dit pas le nom ou la campagne du dossier : précisez-les."
        )
    uow.backup("avant-import")
    with uow:
        new_id = uow.dossiers.add(dossier)
        for attached in content.files:
            uow.dossiers.attach_file(
                new_id, attached.annex_key, attached.name, attached.data, attached.added or now
            )
        uow.dossiers.log(
            new_id,
            "import",
            f"Dossier importé du fichier « {Path(path).name} » ({content.kind}, "
            f"{dossier.grappe.establishment_count} ESSMS).",
            now,
        )
        uow.commit()
    return new_id


def preview_merge(uow: UnitOfWork, dossier_id: int, path: Path) -> MergeReport:
    """What :func:`merge_into` would do, without changing anything."""
    content = read_exchange_file(path)
    with uow:
        dossier = uow.dossiers.get(dossier_id)
    _, report = merge_grappe(dossier.grappe, content.organisations)
    return report


def merge_into(
    uow: UnitOfWork,
    dossier_id: int,
    path: Path,
    choices: Mapping[str, Side] | None = None,
    default: Side = "ours",
    porteur: PorteurChoice = PorteurChoice.INCOMING,
) -> MergeReport:
    """Merge an exchange file's OGs and ESSMS into a dossier (backup first); returns the report.

    Only the grappe is merged; the rest of the dossier (annexes…) stays ours, except that the
    Porteur page follows the porteur OG's name, SIREN and FINESS juridique (``sync_porteur``).
    """
    content = read_exchange_file(path)
    backup = uow.backup("avant-import")
    with uow:
        dossier = uow.dossiers.get(dossier_id)
        merged, report = merge_grappe(
            dossier.grappe, content.organisations, choices, default, porteur
        )
        report = replace(report, applied=True, backup=backup)
        if merged == dossier.grappe:
            return report
        now = datetime.now(UTC)
        after = sync_porteur(dossier, replace(dossier, grappe=merged))
        uow.dossiers.replace(replace(after, updated=now))
        uow.dossiers.log(
            dossier_id,
            "fusion",
            f"Fusion du fichier « {Path(path).name} » : {len(report.added)} ESSMS ajouté(s), "
            f"{len(report.changed)} modifié(s) dont {len(report.conflicts)} conflit(s).",
            now,
        )
        uow.commit()
    return report
