"""Writing a PDF to disk without ever leaving half a file.

A director often re-exports the dossier over the copy they printed last week. If the disk is full
or the folder read-only, that earlier PDF must survive intact: we write a temporary file in the
same folder (same file system, so the final rename is atomic), flush it to disk, then
``os.replace`` it over the target. Any failure removes the temporary file and raises
:class:`ReportWriteError`, whose French message names the path and says what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from esms_desktop.domain.errors import UserError


class ReportWriteError(UserError, OSError):
    """The PDF could not be written; ``str()`` is a French sentence naming the path."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return self.message


def _reason(exc: OSError, path: Path) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "le disque est plein ; libérez de la place puis recommencez"
    if exc.errno == errno.ENOENT:
        return f"le dossier « {path.parent} » n'existe pas"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) or isinstance(exc, PermissionError):
        return (
            "accès refusé (dossier en lecture seule, droits insuffisants, ou fichier ouvert "
            "dans un lecteur PDF) ; choisissez un autre emplacement ou fermez le fichier"
        )
    if exc.errno == errno.EISDIR or path.is_dir():
        return "un dossier porte déjà ce nom"
    return exc.strerror or str(exc)


def _create_temp(target: Path) -> tuple[int, str]:
    """A new file beside ``target``, created with the usual permissions (umask applies).

    ``tempfile.mkstemp`` would create it readable by its owner only, and the rename would carry
    that mode over to the PDF, which colleagues sharing the folder could then not open.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = str(target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "nom temporaire introuvable", str(target.parent))


def write_pdf_atomically(data: bytes, path: Path | str) -> Path:
    """Write ``data`` to ``path`` atomically; returns the resolved path.

    Raises :class:`ReportWriteError` on any file-system problem; an existing file at ``path`` is
    then left exactly as it was.
    """
    target = Path(path)
    tmp_name: str | None = None
    try:
        fd, tmp_name = _create_temp(target)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise ReportWriteError(
            f"Impossible d'enregistrer le PDF « {target} » : {_reason(exc, target)}. "
            "Tout PDF déjà présent à cet emplacement est resté intact.",
            target,
        ) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return target
