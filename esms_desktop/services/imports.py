"""Use case: turn a file the user picked into a grappe (spreadsheet or FINESS register file).

Detects what the file is, reads it with the right importer and returns a preview the user checks
before anything is written: the grappe, the problems (row, column, what is wrong) and notices.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from esms_desktop.domain.errors import UserError
from esms_desktop.domain.finess_register import RegisterEntry
from esms_desktop.domain.grappe import Establishment, Grappe, OgRole, Organisation, ProjectType
from esms_desktop.importers.progress import CancelToken, ProgressFn


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What a file would bring: ``grappe`` is None when nothing can be imported as is."""

    kind: str
    grappe: Grappe | None
    errors: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    rows: int = 0
    skipped_rows: tuple[int, ...] = field(default=())


class UnreadableFileError(UserError):
    """The file cannot be read at all; the message is French and names the file."""


def grappe_from_register(
    entries: Sequence[RegisterEntry],
    *,
    porteur_ej: str | None = None,
    include_closed: bool = False,
    project: ProjectType = ProjectType.AUCUN,
) -> Grappe:
    """Group register entries into OGs by FINESS juridique (the porteur first).

    The register knows no project type: establishments come in as ``aucun`` until the user (or
    the autodiagnostic's advice) decides.
    """
    groups: dict[str, list[RegisterEntry]] = {}
    for e in entries:
        if e.closed and not include_closed:
            continue
        groups.setdefault(e.finess_ej or "", []).append(e)
    first = porteur_ej if porteur_ej in groups else next(iter(groups), None)
    orgs: list[Organisation] = []
    for ej, rows in groups.items():
        name = f"OG {ej}" if ej else "OG sans FINESS juridique"
        orgs.append(
            Organisation(
                name=name,
                role=OgRole.PORTEUR if ej == first else OgRole.MEMBRE,
                siren=rows[0].siret[:9] if rows[0].siret else "",
                finess_ej=ej,
                establishments=tuple(
                    Establishment(
                        finess=r.finess,
                        name=r.long_name or r.name,
                        category=r.category,
                        capacity=r.capacity,
                        project=project,
                        address=r.address,
                        postal_code=r.postal_code,
                        town=r.town,
                    )
                    for r in rows
                ),
            )
        )
    orgs.sort(key=lambda o: o.role is not OgRole.PORTEUR)
    return Grappe(tuple(orgs))


def finess_register_format(path: Path) -> str | None:
    """``"web"``, ``"etalab"`` or ``"json"`` when ``path`` is a FINESS register file, else None.

    Such a file lists every establishment of a region or of France: added whole to a grappe it
    makes hundreds of nameless OGs, so the interface offers to load it as the offline register
    and pick establishments instead. A grappe spreadsheet or an unreadable file gives None (the
    ordinary import then reads it and reports its problems).
    """
    from esms_desktop.domain.finess_register import FinessFileError
    from esms_desktop.importers.finess_detect import detect_format

    try:
        fmt = detect_format(path)
    except (FinessFileError, OSError):
        return None
    return None if fmt == "grappe" else fmt


def preview_file(
    path: Path,
    *,
    skip_bad_rows: bool = False,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> ImportPreview:
    """Read ``path`` (grappe template, FINESS web export, etalab extract or JSON flux)."""
    from esms_desktop.domain.finess_register import FinessFileError
    from esms_desktop.importers.finess_detect import detect_format, read_register
    from esms_desktop.importers.grappe_sheet import import_grappe
    from esms_desktop.importers.tabular import WORKBOOK_SUFFIXES, ImportFileError

    try:
        fmt = detect_format(path)
    except FinessFileError as exc:
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            fmt = "grappe"
        else:
            raise UnreadableFileError(str(exc)) from exc
    if fmt == "grappe":
        try:
            result = import_grappe(path, skip_bad_rows=skip_bad_rows)
        except ImportFileError as exc:
            raise UnreadableFileError(str(exc)) from exc
        return ImportPreview(
            "grappe",
            result.grappe,
            tuple(e.message for e in result.errors),
            tuple(result.notices),
            result.row_count,
        )
    try:
        register = read_register(path, progress, cancel)
    except FinessFileError as exc:
        raise UnreadableFileError(str(exc)) from exc
    grappe = grappe_from_register(register.entries)
    errors = tuple(i.text for i in register.errors)
    notices = tuple(i.text for i in register.warnings)
    if register.duplicates_merged:
        notices += (f"{register.duplicates_merged} établissement(s) en double fusionné(s).",)
    closed = sum(1 for e in register.entries if e.closed)
    if closed:
        notices += (f"{closed} établissement(s) fermé(s) non repris.",)
    usable = grappe if (not errors or skip_bad_rows) and grappe.establishment_count else None
    return ImportPreview("finess", usable, errors, notices, len(register.entries) + len(errors))
