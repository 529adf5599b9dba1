"""Qt's standard arguments (``-style fusion``…) are accepted, not taken for a sub-command."""

from __future__ import annotations

from pathlib import Path

import pytest

from esms_desktop import __version__
from esms_desktop.__main__ import main, split_qt_args, wants_gui


@pytest.mark.parametrize(
    ("argv", "qt", "rest"),
    [
        (["-style", "fusion"], ["-style", "fusion"], []),
        (["-style=fusion"], ["-style=fusion"], []),
        (["--style", "fusion"], ["--style", "fusion"], []),
        (["-platform", "offscreen", "-reverse"], ["-platform", "offscreen", "-reverse"], []),
        (
            ["--data-dir", "D", "-qwindowgeometry", "800x600+0+0", "x.esms"],
            ["-qwindowgeometry", "800x600+0+0"],
            ["--data-dir", "D", "x.esms"],
        ),
        (["--lang", "en", "-widgetcount"], ["-widgetcount"], ["--lang", "en"]),
        # a sub-command's own options are the CLI's, even when Qt has one of the same name
        (
            ["-style", "fusion", "dossier", "create", "--name", "X"],
            ["-style", "fusion"],
            ["dossier", "create", "--name", "X"],
        ),
        (["budget", "x.csv", "-reverse"], [], ["budget", "x.csv", "-reverse"]),
        (["--data-dir", "-style", "list"], [], ["--data-dir", "-style", "list"]),
        (["-stylish"], [], ["-stylish"]),
    ],
)
def test_split_qt_args(argv: list[str], qt: list[str], rest: list[str]) -> None:
    assert split_qt_args(argv) == (qt, rest)


def test_qt_arguments_open_the_window_not_the_command_line() -> None:
    for argv in (["-style", "fusion"], ["-reverse", "--data-dir", "D"], ["-platform", "xcb"]):
        qt, rest = split_qt_args(argv)
        assert qt and wants_gui(rest), argv
    qt, rest = split_qt_args(["-style", "fusion", "budget", "x.csv"])
    assert not wants_gui(rest)


def test_qt_arguments_before_a_cli_option_are_not_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["-style", "fusion", "-reverse", "--version"])
    assert exit_info.value.code == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == f"esms-desktop {__version__}"
    assert captured.err == ""


def test_qt_arguments_before_a_sub_command_are_not_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["-style", "fusion", "--data-dir", str(tmp_path), "campaigns"]) == 0
    captured = capsys.readouterr()
    assert "sous-commande" not in captured.err and "invalid choice" not in captured.err
    assert captured.err == ""
