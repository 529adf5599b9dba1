"""Edits of a dossier's follow-up as pure functions: each returns a new dossier.

Like :mod:`esms_desktop.domain.edits`, so the window's undo stack keeps before and after. The
phase moves only along :data:`~esms_desktop.domain.follow_up.NEXT_PHASES`; a refused move
raises ``ValueError`` with the French reason, for the window's message box. Once filed, the
candidature is what the ARS has: :func:`amendment_needed` and :func:`describe_changes` let the
window refuse an edit of it or offer an amendment, saying what would differ.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from esms_desktop.domain.budget import to_cents
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.dossier import Dossier, UsageTarget
from esms_desktop.domain.follow_up import (
    NEXT_PHASES,
    Amendment,
    Convention,
    EssmsMilestone,
    FiledCandidature,
    FollowUp,
    IndicatorValue,
    MemberTransfer,
    MilestoneKind,
    Period,
    Phase,
    TranchePayment,
)
from esms_desktop.domain.grappe import Establishment, Organisation
from esms_desktop.domain.payments import tranches_for
from esms_desktop.domain.usage_threshold import UsageThreshold
from esms_desktop.domain.validation import PORTEUR_LABELS

# --- phases ---------------------------------------------------------------------------------


def transition_error(phase: Phase, target: Phase) -> str:
    """Why a dossier in ``phase`` cannot move to ``target`` (French), "" when it can."""
    if target in NEXT_PHASES[phase]:
        return ""
    if phase is target:
        return f"le dossier est déjà à l'étape « {phase.label} »"
    allowed = NEXT_PHASES[phase]
    if not allowed:
        return f"« {phase.label} » est la dernière étape du dossier : il ne peut plus changer"
    following = " ou ".join(f"« {p.label} »" for p in allowed)
    return (
        f"passage de « {phase.label} » à « {target.label} » impossible : l'étape suivante est "
        f"{following}"
    )


def _move(dossier: Dossier, target: Phase, **changes: Any) -> Dossier:
    error = transition_error(dossier.follow_up.phase, target)
    if error:
        raise ValueError(error[0].upper() + error[1:] + ".")
    return replace(dossier, follow_up=replace(dossier.follow_up, phase=target, **changes))


def candidature_locked(dossier: Dossier) -> bool:
    """True once the candidature is filed (``DEPOSE`` or later): it is then what the ARS has."""
    return dossier.follow_up.phase is not Phase.CANDIDATURE


def file_candidature(
    dossier: Dossier,
    filed_on: date,
    snapshot: str,
    pdf_fingerprint: str = "",
    amount_asked: Decimal | None = None,
) -> Dossier:
    """CANDIDATURE → DEPOSE, keeping the candidature as filed (its ``.esms`` text, the PDF's
    fingerprint, the amount asked)."""
    if not snapshot.strip():
        raise ValueError("Copie du dossier déposé vide : le dépôt n'est pas enregistré.")
    filed = FiledCandidature(
        filed_on,
        snapshot,
        pdf_fingerprint,
        to_cents(amount_asked) if amount_asked is not None else None,
    )
    return _move(dossier, Phase.DEPOSE, filed=filed)


SINGLE_TRANCHE = "Montant accordé"


def record_decision(
    dossier: Dossier, convention: Convention | None, campaign: Campaign | None
) -> Dossier:
    """DEPOSE → RETENU with the convention and its tranches, or → NON_RETENU when ``None``.

    The tranches are the campaign's split of the amount granted (:func:`tranches_for`); without
    the campaign file, one tranche of the whole amount, to be split by hand (:func:`set_tranche`)
    as the convention says.
    """
    if convention is None:
        return _move(dossier, Phase.NON_RETENU)
    if convention.amount_granted <= 0:
        raise ValueError("Montant accordé nul ou négatif : saisissez celui de la convention.")
    granted = to_cents(convention.amount_granted)
    convention = replace(convention, amount_granted=granted)
    if campaign is not None and campaign.tranches:
        tranches = tranches_for(campaign, granted)
    else:
        tranches = (TranchePayment(SINGLE_TRANCHE, granted),)
    return _move(dossier, Phase.RETENU, convention=convention, tranches=tranches)


def start_deployment(dossier: Dossier) -> Dossier:
    """RETENU → DEPLOIEMENT."""
    return _move(dossier, Phase.DEPLOIEMENT)


def missing_payments(follow_up: FollowUp) -> list[str]:
    """The tranches not received in full, in French (« Solde : 12 000 € attendus, 0 € reçus »)."""
    out = []
    for t in follow_up.tranches:
        received = t.received or Decimal(0)
        if received < t.expected:
            out.append(f"{t.label} : {_eur(t.expected)} attendus, {_eur(received)} reçus")
    return out


def close_project(dossier: Dossier) -> Dossier:
    """DEPLOIEMENT → SOLDE, only once every tranche is received in full."""
    error = transition_error(dossier.follow_up.phase, Phase.SOLDE)
    if error:
        raise ValueError(error[0].upper() + error[1:] + ".")
    if not dossier.follow_up.tranches:
        raise ValueError("Aucune tranche enregistrée : le projet ne peut pas être soldé.")
    missing = missing_payments(dossier.follow_up)
    if missing:
        raise ValueError(
            "Le projet ne peut pas être soldé tant que toutes les tranches ne sont pas reçues : "
            + " ; ".join(missing)
            + "."
        )
    return _move(dossier, Phase.SOLDE)


def _eur(amount: Decimal) -> str:
    whole = f"{amount:,.2f}".replace(",", "\u202f").replace(".", ",")
    return whole.removesuffix(",00") + " €"


# --- payments, transfers, milestones --------------------------------------------------------


def _with(dossier: Dossier, **changes: Any) -> Dossier:
    return replace(dossier, follow_up=replace(dossier.follow_up, **changes))


def set_tranche(dossier: Dossier, index: int, tranche: TranchePayment) -> Dossier:
    """Replace tranche ``index`` (the convention is the authority: label, amount, dates)."""
    tranches = dossier.follow_up.tranches
    if not 0 <= index < len(tranches):
        raise IndexError(index)
    return _with(dossier, tranches=(*tranches[:index], tranche, *tranches[index + 1 :]))


def receive_tranche(
    dossier: Dossier, index: int, received_on: date, amount: Decimal | None = None
) -> Dossier:
    """Record tranche ``index`` received on ``received_on`` (its expected amount by default)."""
    tranche = dossier.follow_up.tranches[index]
    received = to_cents(amount if amount is not None else tranche.expected)
    return set_tranche(dossier, index, replace(tranche, received=received, received_on=received_on))


def set_transfer(dossier: Dossier, index: int | None, transfer: MemberTransfer | None) -> Dossier:
    """Add (``index`` None), replace or remove (``transfer`` None) a transfer to a member OG."""
    transfers = dossier.follow_up.transfers
    if index is None:
        if transfer is None:
            return dossier
        return _with(dossier, transfers=(*transfers, transfer))
    if not 0 <= index < len(transfers):
        raise IndexError(index)
    kept = () if transfer is None else (transfer,)
    return _with(dossier, transfers=(*transfers[:index], *kept, *transfers[index + 1 :]))


def set_milestone(
    dossier: Dossier,
    finess: str,
    kind: MilestoneKind,
    *,
    planned_on: date | None = None,
    done_on: date | None = None,
) -> Dossier:
    """One ESSMS's milestone of ``kind``: planned and/or done on these dates (both None:
    removed). There is one milestone per (ESSMS, kind)."""
    others = tuple(m for m in dossier.follow_up.milestones if (m.finess, m.kind) != (finess, kind))
    if planned_on is None and done_on is None:
        return _with(dossier, milestones=others)
    mine = EssmsMilestone(finess, kind, planned_on, done_on)
    return _with(dossier, milestones=(*others, mine))


# --- indicators and thresholds --------------------------------------------------------------

IndicatorKey = tuple[str, str, Period]


def _key(v: IndicatorValue) -> IndicatorKey:
    return (v.finess, v.indicator, v.period)


@dataclass(frozen=True, slots=True)
class IndicatorConflict:
    """A value that would replace a different one already entered for the same key."""

    current: IndicatorValue
    incoming: IndicatorValue

    @property
    def description(self) -> str:
        c, i = self.current, self.incoming
        return (
            f"{c.indicator} — {c.finess} — {c.period} : {_plain(c.value)} déjà saisi, "
            f"{_plain(i.value)} reçu"
        )


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


class IndicatorConflictError(ValueError):
    """A merge that would overwrite values; ``conflicts`` lists them (nothing was merged)."""

    def __init__(self, conflicts: Sequence[IndicatorConflict]) -> None:
        self.conflicts = tuple(conflicts)
        lines = "\n".join(c.description for c in self.conflicts)
        super().__init__(
            f"{len(self.conflicts)} valeur(s) déjà saisie(s) différemment ; rien n'a été "
            f"fusionné :\n{lines}"
        )


def indicator_conflicts(
    dossier: Dossier, values: Iterable[IndicatorValue]
) -> tuple[IndicatorConflict, ...]:
    """The incoming values that differ from the one entered for the same (FINESS, indicator,
    period); an identical value is no conflict."""
    current = {_key(v): v for v in dossier.follow_up.indicators}
    out = []
    for v in values:
        there = current.get(_key(v))
        if there is not None and (there.value, there.denominator) != (v.value, v.denominator):
            out.append(IndicatorConflict(there, v))
    return tuple(out)


def merge_indicators(
    dossier: Dossier, values: Iterable[IndicatorValue], *, replace: bool
) -> Dossier:
    """A partner's (or a file's) values merged into the dossier's.

    A new key is added; the same key with the same value changes nothing; the same key with
    another value replaces it when ``replace``, else :class:`IndicatorConflictError` lists the
    conflicts and nothing is merged (the window asks, then merges again with ``replace``).
    """
    incoming = list(values)
    if not replace:
        conflicts = indicator_conflicts(dossier, incoming)
        if conflicts:
            raise IndicatorConflictError(conflicts)
    merged = {_key(v): v for v in dossier.follow_up.indicators}
    for v in incoming:
        merged[_key(v)] = v
    ordered = tuple(sorted(merged.values(), key=lambda v: (v.indicator, v.finess, v.period)))
    if ordered == dossier.follow_up.indicators:
        return dossier
    return _with(dossier, indicators=ordered)


def confirm_threshold(dossier: Dossier, indicator: str, threshold: UsageThreshold) -> Dossier:
    """The threshold of ``indicator`` typed from the signed convention: set on the target and
    no longer badged « à confirmer ». Not an amendment: the convention is the authority."""
    if not any(t.indicator == indicator for t in dossier.usage_targets):
        raise ValueError(f"« {indicator} » n'est pas une cible d'usage du dossier.")
    targets = tuple(
        replace(t, threshold=threshold) if t.indicator == indicator else t
        for t in dossier.usage_targets
    )
    confirmed = dossier.follow_up.confirmed_thresholds | {indicator}
    return replace(
        dossier,
        usage_targets=targets,
        follow_up=replace(dossier.follow_up, confirmed_thresholds=confirmed),
    )


# --- what was filed -------------------------------------------------------------------------

FILED_FIELDS = (
    "campaign_id",
    "project_title",
    "porteur",
    "grappe",
    "overrides",
    "declarations",
    "usage_targets",
    "milestones",
)
"""What the ARS decided on: the grappe and the budget's inputs (campaign, amounts typed,
declarations), the porteur and title, the commitments (usage targets, planning). Annexes,
notes and the autodiagnostic may still be completed; a target's threshold may be set from the
convention (:func:`confirm_threshold`) — neither is an amendment."""


def _commitments(targets: tuple[UsageTarget, ...]) -> tuple[UsageTarget, ...]:
    return tuple(replace(t, threshold=None) for t in targets)


def _filed_part(dossier: Dossier, name: str) -> Any:
    value = getattr(dossier, name)
    if name == "usage_targets":
        return _commitments(value)
    if name == "overrides":
        return dict(value)
    return value


def amendment_needed(before: Dossier, after: Dossier) -> bool:
    """True when ``after`` changes, in a filed dossier, what was filed (:data:`FILED_FIELDS`):
    the window then refuses the edit or records it as an amendment."""
    if not candidature_locked(before):
        return False
    return any(_filed_part(before, n) != _filed_part(after, n) for n in FILED_FIELDS)


def _essms_label(e: Establishment) -> str:
    return f"{e.name or 'ESSMS sans nom'} ({e.finess or 'sans FINESS'})"


_ESSMS_FIELDS = {
    "name": "nom",
    "category": "catégorie",
    "capacity": "capacité",
    "project": "projet",
    "equipment": "équipement",
    "eligible_hours_pct": "heures éligibles",
    "dui_solution": "solution DUI",
    "current_dui": "DUI actuel",
    "core_services": "services socles",
    "already_funded": "déjà financé",
    "address": "adresse",
    "postal_code": "code postal",
    "town": "commune",
}
_OG_FIELDS = {
    "role": "rôle",
    "siren": "SIREN",
    "finess_ej": "FINESS juridique",
    "declared_size": "nombre d'ESSMS géré",
    "contact_name": "contact",
    "contact_email": "courriel",
    "convention_date": "date de convention",
    "national_entity": "entité nationale",
}


def _diff_fields(a: object, b: object, names: dict[str, str]) -> list[str]:
    return [label for name, label in names.items() if getattr(a, name) != getattr(b, name)]


def _grappe_changes(filed: Dossier, now: Dossier) -> list[str]:
    out: list[str] = []
    before_ogs = {o.name: o for o in filed.grappe.organisations}
    after_ogs = {o.name: o for o in now.grappe.organisations}
    out += [f"Organisme ajouté : {n}" for n in after_ogs if n not in before_ogs]
    out += [f"Organisme retiré : {n}" for n in before_ogs if n not in after_ogs]
    for name, og in after_ogs.items():
        old: Organisation | None = before_ogs.get(name)
        if old is not None:
            changed = _diff_fields(old, og, _OG_FIELDS)
            if changed:
                out.append(f"Organisme modifié : {name} ({', '.join(changed)})")
    before = {e.finess: (o, e) for o, e in filed.grappe.rows()}
    after = {e.finess: (o, e) for o, e in now.grappe.rows()}
    out += [f"ESSMS ajouté : {_essms_label(e)}" for f, (_o, e) in after.items() if f not in before]
    out += [f"ESSMS retiré : {_essms_label(e)}" for f, (_o, e) in before.items() if f not in after]
    for f, (og, est) in after.items():
        if f not in before:
            continue
        old_og, old_est = before[f]
        changed = _diff_fields(old_est, est, _ESSMS_FIELDS)
        if old_og.name != og.name:
            changed.append(f"organisme : {old_og.name} → {og.name}")
        if changed:
            out.append(f"ESSMS modifié : {_essms_label(est)} ({', '.join(changed)})")
    if filed.grappe.solution != now.grappe.solution:
        was, becomes = filed.grappe.solution.label or "—", now.grappe.solution.label or "—"
        out.append(f"Solution DUI : {was} → {becomes}")
    return out


def _target_changes(filed: Dossier, now: Dossier) -> list[str]:
    before = {t.indicator: t for t in _commitments(filed.usage_targets)}
    after = {t.indicator: t for t in _commitments(now.usage_targets)}
    out = [f"Cible d'usage ajoutée : {i}" for i in after if i not in before]
    out += [f"Cible d'usage retirée : {i}" for i in before if i not in after]
    out += [
        f"Cible d'usage modifiée : {i}" for i, t in after.items() if i in before and before[i] != t
    ]
    return out


def _overrides_changes(filed: Dossier, now: Dossier) -> list[str]:
    out = []
    for name in sorted(set(filed.overrides) | set(now.overrides)):
        old, new = filed.overrides.get(name), now.overrides.get(name)
        if old != new:
            shown = [_eur(v) if v is not None else "non saisi" for v in (old, new)]
            out.append(f"Montant saisi « {name} » : {shown[0]} → {shown[1]}")
    return out


_SIMPLE: tuple[tuple[str, Callable[[Dossier], object]], ...] = (
    ("Campagne", lambda d: d.campaign_id),
    ("Intitulé du projet", lambda d: d.project_title or "—"),
)


def describe_changes(filed_snapshot_dossier: Dossier, dossier: Dossier) -> list[str]:
    """What ``dossier`` changes of what was filed, one French line each (empty: nothing).

    ``filed_snapshot_dossier`` is the dossier read back from the filed snapshot; only the
    filed parts (:data:`FILED_FIELDS`) are compared.
    """
    filed, now = filed_snapshot_dossier, dossier
    out: list[str] = []
    for label, get in _SIMPLE:
        if get(filed) != get(now):
            out.append(f"{label} : {get(filed)} → {get(now)}")
    if filed.porteur != now.porteur:
        changed = [
            f.name
            for f in fields(filed.porteur)
            if getattr(filed.porteur, f.name) != getattr(now.porteur, f.name)
        ]
        out.append("Porteur modifié : " + ", ".join(PORTEUR_LABELS.get(n, n) for n in changed))
    out += _grappe_changes(filed, now)
    out += _overrides_changes(filed, now)
    if filed.declarations != now.declarations:
        out.append("Déclarations modifiées (rattachement à un GHT, éditeur inscrit)")
    out += _target_changes(filed, now)
    if filed.milestones != now.milestones:
        out.append("Calendrier du projet modifié")
    return out


# --- amendments -----------------------------------------------------------------------------


def _canonical(value: Any) -> Any:
    """A JSON-ready form of ``value`` that depends only on its content: dataclasses by field
    name, mappings and sets sorted, Decimals normalised (1.0 and 1.00 are the same amount), so
    the fingerprint is the same in every process and after a ``.esms`` round trip."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Enum):
        return _canonical(value.value)
    if isinstance(value, Decimal):
        return {"$dec": f"{value.normalize():f}" if value.is_finite() else str(value)}
    if isinstance(value, float):
        return {"$float": repr(value)}
    if isinstance(value, datetime | date):
        return {"$date": value.isoformat()}
    if is_dataclass(value) and not isinstance(value, type):
        return {
            "$type": type(value).__name__,
            **{f.name: _canonical(getattr(value, f.name)) for f in fields(value)},
        }
    if isinstance(value, Mapping):
        items = [[_canonical(k), _canonical(v)] for k, v in value.items()]
        return {"$map": sorted(items, key=_dumps)}
    if isinstance(value, set | frozenset):
        return {"$set": sorted((_canonical(v) for v in value), key=_dumps)}
    if isinstance(value, tuple | list):
        return [_canonical(v) for v in value]
    raise TypeError(f"valeur non prévue dans l'empreinte du dossier : {type(value).__name__}")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def candidature_fingerprint(dossier: Dossier) -> str:
    """SHA-256 (hex) of the filed parts (:data:`FILED_FIELDS`) of ``dossier``: two dossiers
    with the same fingerprint have the same candidature, whatever else differs. Deterministic
    (no ``id()``, no hash order), so it can be stored and compared later."""
    parts = {name: _canonical(_filed_part(dossier, name)) for name in FILED_FIELDS}
    return hashlib.sha256(_dumps(parts).encode("utf-8")).hexdigest()


def amend(before: Dossier, after: Dossier, on: date, note: str = "") -> Dossier:
    """``after`` with one more :class:`Amendment`: what it changes of ``before``'s filed parts,
    dated ``on`` with the user's ``note``. Only for a change that needs one
    (:func:`amendment_needed`)."""
    if not amendment_needed(before, after):
        if not candidature_locked(before):
            raise ValueError(
                "La candidature n'est pas encore déposée : une modification n'a pas besoin "
                "d'avenant."
            )
        raise ValueError(
            "Cette modification ne change rien de la candidature déposée : pas d'avenant."
        )
    amendment = Amendment(
        made_on=on,
        changes=tuple(describe_changes(before, after)),
        before=candidature_fingerprint(before),
        after=candidature_fingerprint(after),
        note=note,
    )
    return _with(after, amendments=(*after.follow_up.amendments, amendment))


def amend_further(start: Dossier, after: Dossier) -> Dossier:
    """``after``, whose last amendment was made from ``start``, with that amendment describing
    the change from ``start`` to ``after``: the user accepted the amendment, then kept typing
    in the same field (one amendment, not one per keystroke). Date, note and the fingerprint
    before are kept."""
    amendments = after.follow_up.amendments
    if not amendments:
        raise ValueError("Aucun avenant à compléter : le dossier n'en a pas.")
    last = replace(
        amendments[-1],
        changes=tuple(describe_changes(start, after)),
        after=candidature_fingerprint(after),
    )
    return _with(after, amendments=(*amendments[:-1], last))


def amendment_recorded(known: Dossier, candidate: Dossier) -> bool:
    """Whether what ``candidate`` changes of ``known``'s filed parts is accounted for by the
    amendment trail: its last amendment ends at ``candidate``'s filed parts or, with no
    amendment left (an undo removed them all), ``candidate`` is back where ``known``'s first
    amendment started."""
    if candidate.follow_up.amendments:
        return candidate.follow_up.amendments[-1].after == candidature_fingerprint(candidate)
    if known.follow_up.amendments:
        return known.follow_up.amendments[0].before == candidature_fingerprint(candidate)
    return False


def set_amendment_note(dossier: Dossier, index: int, note: str) -> Dossier:
    """Amendment ``index``'s reference or motive (« Avenant n° 1 du … »): not a change of what
    was filed, so no amendment of its own."""
    amendments = dossier.follow_up.amendments
    if not 0 <= index < len(amendments):
        raise IndexError(index)
    changed = replace(amendments[index], note=note)
    return _with(dossier, amendments=(*amendments[:index], changed, *amendments[index + 1 :]))
