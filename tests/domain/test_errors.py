"""Every error meant for the user is a ``UserError``: the GUI and the CLI show nothing else.

A user error left out of the family would reach the crash reporter as a bug; an internal
exception let in would show its message to the user.
"""

from __future__ import annotations

from pathlib import Path

import pytest

# Imported for the classes they declare: ``__subclasses__`` only knows loaded modules.
import esms_desktop.cli.common
import esms_desktop.domain.autodiagnostic
import esms_desktop.domain.campaign
import esms_desktop.domain.finess_register
import esms_desktop.importers.tabular
import esms_desktop.reports.writer
import esms_desktop.services.dossiers
import esms_desktop.services.exchange
import esms_desktop.services.finess_lookup
import esms_desktop.services.imports
import esms_desktop.storage.errors
import esms_desktop.storage.repository
from esms_desktop.domain.errors import UserError
from esms_desktop.importers.progress import Cancelled

USER_ERRORS = {
    "StoreError",
    "DatabaseCorruptError",
    "DatabaseTooNewError",
    "StoreLockedError",
    "StoreReadOnlyError",
    "DiskFullError",
    "StoreBusyError",
    "NotFoundError",
    "DossierChangedError",
    "FinessLookupError",
    "FinessNumberError",
    "RegisterNotLoadedError",
    "ExchangeFileError",
    "DossierInputError",
    "UnreadableFileError",
    "ImportFileError",
    "ReportWriteError",
    "QuestionnaireError",
    "AnswerError",
    "CampaignError",
    "FinessFileError",
    "CliError",
}


def _family(base: type) -> dict[str, type]:
    found: dict[str, type] = {}
    for sub in base.__subclasses__():
        found[sub.__name__] = sub
        found.update(_family(sub))
    return found


def test_every_user_error_is_a_user_error() -> None:
    family = _family(UserError)
    assert family.keys() >= USER_ERRORS, sorted(USER_ERRORS - family.keys())


def test_internal_control_flow_is_not_a_user_error() -> None:
    """A cancel is the user's own action and a payload error is re-raised as a file error."""
    from esms_desktop.services.exchange import _PayloadError

    assert not issubclass(Cancelled, UserError)
    assert not issubclass(_PayloadError, UserError)


def test_the_other_bases_callers_rely_on_are_kept() -> None:
    from esms_desktop.reports.writer import ReportWriteError
    from esms_desktop.services.dossiers import DossierInputError

    # OSError: the export view and the session's save errors catch it as such.
    assert issubclass(ReportWriteError, OSError)
    # ValueError: a save refused for bad input is one of the workspace's save errors.
    assert issubclass(DossierInputError, ValueError)


@pytest.mark.parametrize(
    "make",
    [
        lambda: esms_desktop.storage.errors.StoreBusyError("Base occupée."),
        lambda: esms_desktop.reports.writer.ReportWriteError("PDF impossible.", Path(__file__)),
        lambda: esms_desktop.services.dossiers.DossierInputError("Nom vide."),
        lambda: esms_desktop.domain.campaign.CampaignError("Campagne inconnue."),
        lambda: esms_desktop.cli.common.CliError("Option manquante."),
    ],
    ids=["stored", "OSError", "ValueError", "plain", "CLI"],
)
def test_the_message_is_the_french_sentence(make) -> None:
    error = make()
    assert error.message == str(error)
    assert error.message.endswith(".") and " " in error.message


def test_a_file_error_message_says_where() -> None:
    error = esms_desktop.domain.finess_register.FinessFileError("finess.csv", 12, "ligne coupée.")
    assert isinstance(error, UserError)
    assert error.message == "Fichier « finess.csv », ligne 12 : ligne coupée. Rien n'a été importé."


def test_the_cli_says_an_unlisted_user_error_as_bad_input(capsys) -> None:
    """The CLI's table maps the errors it knows; any other user error is still the user's."""
    import argparse
    import io

    from esms_desktop.cli import EXIT_BAD_INPUT, dispatch
    from esms_desktop.services.imports import UnreadableFileError

    def handler(_args: argparse.Namespace, _out: object) -> int:
        raise UnreadableFileError("Le fichier « x.csv » ne peut pas être importé tel quel.")

    code = dispatch(handler, argparse.Namespace(), io.StringIO())
    assert code == EXIT_BAD_INPUT
    assert capsys.readouterr().err == (
        "esms-desktop : Le fichier « x.csv » ne peut pas être importé tel quel.\n"
    )
