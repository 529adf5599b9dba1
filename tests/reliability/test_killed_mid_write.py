"""A process killed in the middle of any write leaves no damage and loses nothing it reported.

Goes further than ``tests/storage/test_crash.py`` (commits only): the worker also attaches files,
exports the PDF and the ``.esms`` file over earlier copies and takes backups, on a simulated slow
disk, and most kills are aimed at one of those steps. ``benchmarks/stress_kill.py`` runs the same
thing hundreds of times.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.reliability.killing import check_after_kill, run_and_kill

# Each phase twice, but "commit" once less and "hasard" (any moment) once more: 8 kills.
SCHEDULE = ("hasard", "pdf", "sauvegarde", "esms", "commit", "hasard", "pdf", "sauvegarde")


def test_kills_during_commits_exports_and_backups_leave_everything_whole(tmp_path: Path) -> None:
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    data_dir, exports = tmp_path / "données", tmp_path / "exports"
    earlier: list[str] = []
    checked = []
    for kill, phase in enumerate(SCHEDULE):
        lines = run_and_kill(data_dir, exports, phase, rng)
        try:
            checked.append(check_after_kill(data_dir, exports, lines, earlier))
        except AssertionError as exc:
            raise AssertionError(f"graine {seed}, arrêt n° {kill + 1} ({phase}) :\n{exc}") from None
        earlier += lines
    reported = [line for line in earlier if line.startswith("commit ")]
    assert len(reported) >= 3, f"graine {seed} : trop peu d'écritures avant les arrêts"
    assert any(line.startswith("pdf ") for line in earlier), f"graine {seed} : aucun PDF fini"
    assert any(line.startswith("sauvegarde ") for line in earlier), seed
    assert checked[-1].commits == len(reported)
    assert sum(c.files for c in checked) >= len(SCHEDULE)  # exports and backups were looked at
