"""The campaigns a user can choose: those shipped with the program and her own.

The programme's last credits were committed in 2025 (programme.md §8): a future call comes as an
ARS cahier des charges, so a director (or her federation) enters its grid once, as a campaign
file, and hands that file to others. Her files live in the data folder (``campagnes/``), never in
the program's folder, which an installer may replace; the shipped ones are read-only and serve
as models (« Nouvelle campagne d'après… »).

Every file goes through :func:`~esms_desktop.domain.campaign.parse_campaign`, the one validating
entry: a file refused here is refused with the same French message by ``campaign check``, by
import and by the editor. Writes are atomic: a refused or interrupted import leaves the folder as
it was.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from esms_desktop.domain.campaign import Campaign, CampaignError, load_campaign, parse_campaign
from esms_desktop.storage.fsutil import atomic_write_bytes, free_name, translate_os_error

SHIPPED = "programme"
USER = "utilisateur"
CAMPAIGN_SUFFIX = ".toml"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
ID_RULE = "lettres minuscules sans accent, chiffres et tirets, 64 caractères au plus"
HEADER = (
    "# Campagne ESMS numérique écrite par esms-desktop. Format décrit dans docs/campagnes.md ;\n"
    "# ce fichier peut être modifié à la main, puis vérifié : esms-desktop campaign check.\n"
)


class CampaignExistsError(CampaignError):
    """Importing a campaign whose identifier the user's folder already holds (``replace`` it?)."""

    def __init__(self, message: str, campaign_id: str) -> None:
        super().__init__(message)
        self.campaign_id = campaign_id


@dataclass(frozen=True, slots=True)
class CampaignEntry:
    """One campaign with where it comes from: its file, and whether the program ships it."""

    campaign: Campaign
    path: Path
    origin: str  # SHIPPED or USER

    @property
    def id(self) -> str:
        return self.campaign.id

    @property
    def shipped(self) -> bool:
        return self.origin == SHIPPED

    @property
    def origin_label(self) -> str:
        return "campagne du programme" if self.shipped else "campagne de l'utilisateur"


def id_from_title(title: str) -> str:
    """A campaign identifier proposed from its title: « Généralisation 2026 — ARS Bretagne »
    gives ``generalisation-2026-ars-bretagne`` (what ``--campaign`` and file names accept)."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-")
    return slug[:64].rstrip("-") or "campagne"


def check_id(campaign_id: str) -> None:
    """Refuse an identifier that cannot name a file on every system or be typed on a command
    line."""
    if not _ID.match(campaign_id):
        raise CampaignError(
            f"Identifiant de campagne « {campaign_id} » refusé : {ID_RULE} "
            f"(par exemple « {id_from_title(campaign_id)} »).",
            path=("id",),
            problem=f"identifiant refusé : {ID_RULE}",
        )


def read_mapping(path: Path) -> dict[str, Any]:
    """The parsed TOML of a campaign file that :func:`load_campaign` accepted."""
    with path.open("rb") as stream:
        return tomllib.load(stream)


def to_toml(mapping: Mapping[str, Any]) -> bytes:
    """The file text of a campaign mapping (amounts as ``Decimal`` keep their cents)."""
    import tomli_w  # lazily: only writing a campaign needs it

    return (HEADER + tomli_w.dumps(_plain(mapping))).encode("utf-8")


def _plain(raw: Any) -> Any:
    """Mappings and tuples as the dicts and lists a TOML writer takes."""
    if isinstance(raw, Mapping):
        return {str(k): _plain(v) for k, v in raw.items()}
    if isinstance(raw, list | tuple):
        return [_plain(v) for v in raw]
    return raw


class CampaignLibrary:
    """Shipped campaigns (read once) and the user's folder (read again when it changes).

    A damaged file in the user's folder does not hide the others: it is left out and reported in
    :attr:`problems`, so the program still starts and the Campagnes window says what to mend.
    """

    def __init__(self, shipped: Path, user: Path | None = None) -> None:
        self.shipped_folder = shipped
        self.user_folder = user
        self._shipped: dict[str, CampaignEntry] | None = None
        # Shipped files read one at a time by :meth:`get`, before (or without) the whole folder.
        self._shipped_read: dict[str, CampaignEntry] = {}
        self._user: dict[str, CampaignEntry] = {}
        self._problems: tuple[CampaignError, ...] = ()
        self._signature: tuple[tuple[str, int, int], ...] | None = None

    def with_user_folder(self, user: Path | None) -> CampaignLibrary:
        """The same shipped campaigns (already read: they do not change while the program runs)
        over another user folder — each window or command names its data folder."""
        other = CampaignLibrary(self.shipped_folder, user)
        other._shipped = self._shipped
        other._shipped_read = self._shipped_read  # the same dict: a file read once serves both
        return other

    # --- reading -------------------------------------------------------------------------

    def entries(self) -> dict[str, CampaignEntry]:
        """Every campaign by identifier: the programme's first, then the user's by file name."""
        shipped = self._shipped_entries()
        return {**shipped, **self._user_entries()}

    def campaigns(self) -> dict[str, Campaign]:
        return {i: e.campaign for i, e in self.entries().items()}

    @property
    def problems(self) -> tuple[CampaignError, ...]:
        """Files of the user's folder that could not be read, each with its French message."""
        self._user_entries()
        return self._problems

    def get(self, campaign_id: str) -> CampaignEntry:
        """One campaign by identifier, reading as few files as the precedence rules allow.

        Opening a dossier or printing its PDF needs one campaign, not the ten shipped ones: a
        shipped campaign is read from its own file (shipped files are named after their
        identifier, :meth:`_shipped_entries` checks it), and a user's campaign from the user's
        folder alone, whose rules (sorted files, first identifier wins, damaged files left out)
        need every user file. The whole listing is read only for an identifier found nowhere,
        whose error message lists the known ones.
        """
        shipped = self._shipped_entry(campaign_id)
        if shipped is not None:
            return shipped
        if self._shipped_file(campaign_id) is None:
            user = self._user_entries().get(campaign_id)
            if user is not None:
                return user
        entries = self.entries()
        if campaign_id not in entries:
            raise CampaignError(
                f"Campagne inconnue : « {campaign_id} ». Campagnes disponibles : "
                + ", ".join(entries)
            )
        return entries[campaign_id]

    def campaign(self, campaign_id: str) -> Campaign:
        return self.get(campaign_id).campaign

    def mapping(self, campaign_id: str) -> dict[str, Any]:
        """The parsed file of a campaign, for the editor and for « Nouvelle campagne d'après… »."""
        path = self.get(campaign_id).path
        try:
            return read_mapping(path)
        except (OSError, tomllib.TOMLDecodeError) as exc:  # changed since it was listed
            raise CampaignError(f"Fichier de campagne illisible : {path} ({exc})") from exc

    def _shipped_entries(self) -> dict[str, CampaignEntry]:
        if self._shipped is None:
            entries = {}
            for path in sorted(self.shipped_folder.glob(f"*{CAMPAIGN_SUFFIX}")):
                entry = self._shipped_read.get(path.stem)
                if entry is None:
                    campaign = load_campaign(path)  # a shipped file is the program's: it must load
                    entry = CampaignEntry(campaign, path, SHIPPED)
                if entry.id in entries:
                    raise CampaignError(
                        f"Identifiant de campagne en double : {entry.id} ({path.name})"
                    )
                _check_named_after_id(entry)
                entries[entry.id] = entry
            self._shipped = entries
        return self._shipped

    def _shipped_file(self, campaign_id: str) -> Path | None:
        """The shipped file named after ``campaign_id``, if there is one."""
        if not _ID.match(campaign_id):  # not a file name (« ../x »): no such campaign file
            return None
        path = self.shipped_folder / f"{campaign_id}{CAMPAIGN_SUFFIX}"
        return path if path.is_file() else None

    def _shipped_entry(self, campaign_id: str) -> CampaignEntry | None:
        """The shipped campaign ``campaign_id``, from its own file when the folder is not read."""
        if self._shipped is not None:
            return self._shipped.get(campaign_id)
        entry = self._shipped_read.get(campaign_id)
        if entry is None:
            path = self._shipped_file(campaign_id)
            if path is None:
                return None
            entry = CampaignEntry(load_campaign(path), path, SHIPPED)
            _check_named_after_id(entry)
            self._shipped_read[campaign_id] = entry
        return entry

    def _shipped_ids(self) -> set[str]:
        """The shipped identifiers, from the file names (each is its campaign's identifier)."""
        if self._shipped is not None:
            return set(self._shipped)
        return {p.stem for p in self.shipped_folder.glob(f"*{CAMPAIGN_SUFFIX}")}

    def _files(self) -> list[Path]:
        if self.user_folder is None or not self.user_folder.is_dir():
            return []
        return sorted(self.user_folder.glob(f"*{CAMPAIGN_SUFFIX}"))

    def _user_entries(self) -> dict[str, CampaignEntry]:
        files = self._files()
        signature = tuple(_stamp(p) for p in files)
        if signature == self._signature:
            return self._user
        shipped = self._shipped_ids()
        entries: dict[str, CampaignEntry] = {}
        problems: list[CampaignError] = []
        for path in files:
            try:
                campaign = load_campaign(path)
                if campaign.id in shipped or campaign.id in entries:
                    raise CampaignError(
                        f"fichier {path.name} : identifiant « {campaign.id} » déjà pris par une "
                        "autre campagne ; changez la clé id du fichier.",
                        path=("id",),
                        where=path.name,
                    )
            except CampaignError as err:
                problems.append(err)
                continue
            entries[campaign.id] = CampaignEntry(campaign, path, USER)
        self._user, self._problems, self._signature = entries, tuple(problems), signature
        return entries

    # --- writing -------------------------------------------------------------------------

    def _target(self, campaign_id: str) -> Path:
        if self.user_folder is None:
            raise CampaignError(
                "Aucun dossier de données : les campagnes de l'utilisateur ne peuvent pas être "
                "enregistrées."
            )
        check_id(campaign_id)
        if campaign_id in self._shipped_entries():
            raise CampaignError(
                f"« {campaign_id} » est l'identifiant d'une campagne du programme, qui ne se "
                "modifie pas : donnez un autre identifiant (clé id).",
                path=("id",),
                problem="identifiant d'une campagne du programme",
            )
        try:
            self.user_folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise translate_os_error(exc, self.user_folder, "créer le dossier") from exc
        return self.user_folder / f"{campaign_id}{CAMPAIGN_SUFFIX}"

    def import_file(self, path: Path, *, replace: bool = False) -> CampaignEntry:
        """Copy a campaign file, checked whole, into the user's folder (comments kept).

        A file that does not load is refused with the loader's message (file, line, key) and
        nothing already imported changes; an identifier already in the user's folder raises
        :class:`CampaignExistsError` unless ``replace``.
        """
        campaign = load_campaign(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise translate_os_error(exc, path, "lire") from exc
        target = self._target(campaign.id)
        existing = self._user_entries().get(campaign.id)
        if existing is not None and not replace:
            raise CampaignExistsError(
                f"Une campagne « {campaign.id} » existe déjà ({existing.campaign.title}). "
                "Remplacez-la, ou changez la clé id du fichier avant de l'importer.",
                campaign.id,
            )
        if existing is None and target.exists():
            # A file of that name that did not load (hand-edited, damaged): kept aside, not lost.
            self._set_aside_copy(target)
        # Written first, the replaced file set aside after: a refused write (disk full) leaves
        # the imported campaign as it was.
        atomic_write_bytes(target, data, "enregistrer la campagne")
        self._signature = None
        if existing is not None and existing.path != target:
            self._discard(existing.path)
        return self.get(campaign.id)

    def export(self, campaign_id: str, target: Path) -> None:
        """Write a campaign's file, byte for byte, to ``target`` (to share it)."""
        source = self.get(campaign_id).path
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise translate_os_error(exc, source, "lire") from exc
        atomic_write_bytes(target, data, "exporter la campagne")

    def save(self, mapping: Mapping[str, Any], *, previous_id: str | None = None) -> CampaignEntry:
        """Write a campaign from its mapping (the editor's), checked first; ``previous_id`` is the
        identifier it had, whose file goes when the identifier changed."""
        campaign_id = str(mapping.get("id", ""))
        target = self._target(campaign_id)
        parse_campaign(mapping, target.name)
        if previous_id != campaign_id and campaign_id in self._user_entries():
            raise CampaignExistsError(
                f"Une campagne « {campaign_id} » existe déjà : choisissez un autre identifiant.",
                campaign_id,
            )
        atomic_write_bytes(target, to_toml(mapping), "enregistrer la campagne")
        self._signature = None
        if previous_id and previous_id != campaign_id:
            old = self._user_entries().get(previous_id)
            if old is not None:
                self._discard(old.path)
        return self.get(campaign_id)

    def derive(
        self,
        source_id: str,
        new_id: str,
        title: str,
        overrides: Mapping[str, Decimal] | None = None,
        *,
        entered_in: str = "",
        year: int | None = None,
    ) -> CampaignEntry:
        """A new user campaign copied from ``source_id`` under a new identifier and title.

        ``overrides`` (the values a dossier typed over the file's) become the new file's amounts,
        status ``saisi`` and a source saying where they were typed, so the next dossier does not
        type them again; ``year`` is the new call's, when it is not the model's.
        """
        mapping = self.mapping(source_id)
        mapping["id"], mapping["title"] = new_id, title
        if year is not None:  # « Généralisation 2026 » d'après 2025 is a 2026 call
            mapping["year"] = year
        mapping["source"] = _joined(
            f"D'après la campagne « {source_id} »", str(mapping.get("source", ""))
        )
        values = mapping.get("values", {})
        day = datetime.now().strftime("%d/%m/%Y")
        for name, amount in (overrides or {}).items():
            if name not in values:
                raise CampaignError(f"Valeur inconnue pour la campagne {source_id} : {name}")
            value = values[name]
            value["amount"] = amount
            value["status"] = "saisi"
            where = (
                f"Saisi dans le dossier « {entered_in} » le {day}"
                if entered_in
                else (f"Saisi le {day}")
            )
            value["source"] = _joined(where, str(value.get("source", "")))
        return self.save(mapping)

    def delete(self, campaign_id: str) -> Path:
        """Set a user campaign aside (``campagnes/supprimees/``), never erase it: returns where."""
        entry = self.get(campaign_id)
        if entry.shipped:
            raise CampaignError(f"« {campaign_id} » est une campagne du programme : elle reste.")
        return self._discard(entry.path)

    def _set_aside_copy(self, path: Path) -> Path:
        target = self._aside_name(path)
        try:
            atomic_write_bytes(target, path.read_bytes(), "mettre de côté la campagne")
        except OSError as exc:
            raise translate_os_error(exc, path, "lire") from exc
        return target

    def _aside_name(self, path: Path) -> Path:
        bin_folder = path.parent / "supprimees"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        try:
            bin_folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise translate_os_error(exc, bin_folder, "créer le dossier") from exc
        return free_name(bin_folder / f"{path.stem}-{stamp}{path.suffix}")

    def _discard(self, path: Path) -> Path:
        target = self._aside_name(path)
        try:
            os.replace(path, target)
        except OSError as exc:
            raise translate_os_error(exc, path, "retirer la campagne") from exc
        self._signature = None
        return target


def _check_named_after_id(entry: CampaignEntry) -> None:
    """A shipped file is named after its identifier: one campaign is then read from one file,
    and the file names alone say which identifiers the programme holds."""
    if entry.path.stem != entry.id:
        raise CampaignError(
            f"Campagne du programme mal nommée : {entry.path.name} porte l'identifiant "
            f"« {entry.id} » (fichier {entry.id}{CAMPAIGN_SUFFIX} attendu)"
        )


def _joined(first: str, rest: str) -> str:
    return f"{first} ; {rest}" if rest else first


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        st = path.stat()
    except OSError:
        return (path.name, 0, 0)
    return (path.name, st.st_mtime_ns, st.st_size)
