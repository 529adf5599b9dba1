"""Stress: kill the writer with SIGKILL hundreds of times and check everything after each kill.

Not a test: run it by hand (``.venv/bin/python benchmarks/stress_kill.py``; ``--iterations``,
``--seed``, ``--rapide`` for a normal-speed disk). The suite's
``tests/reliability/test_killed_mid_write.py`` does the same 8 times.

Each iteration starts ``tests/reliability/kill_worker.py`` (dossiers created, ESSMS rows added,
files attached, the candidature PDF and the ``.esms`` file exported over the previous ones, a
backup taken — in a loop, each step reported once done), kills it during a phase chosen in turn
(any moment, a commit, the PDF being written, the ``.esms`` being written, a backup), then checks
with ``tests.reliability.killing.check_after_kill``: the database passes ``integrity_check``,
every reported commit is there and whole, the exports are whole files (``%PDF``…``%%EOF``, a
``.esms`` whose checksum verifies), every backup passes ``integrity_check`` and the last one
reported holds every dossier committed before it, and nothing but temporary files lies beside
them. The data folder is started afresh every ``--par-dossier`` kills so it stays small.

Prints the iterations, the commits checked and the failures (which must be zero).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.reliability.killing import (  # noqa: E402
    PHASES,
    WorkerStartError,
    check_after_kill,
    run_and_kill,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--par-dossier", type=int, default=25, help="arrêts par dossier de données")
    parser.add_argument("--rapide", action="store_true", help="sans simulation de disque lent")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    rng = random.Random(seed)
    started = time.monotonic()
    failures: list[str] = []
    phases: Counter[str] = Counter()
    reported = verified = files = 0
    with tempfile.TemporaryDirectory(prefix="esms-stress-") as tmp:
        base = Path(tmp)
        earlier: list[str] = []
        folder = 0
        for i in range(args.iterations):
            if i % args.par_dossier == 0:
                folder += 1
                earlier = []
            data_dir, exports = base / f"données {folder}", base / f"exports {folder}"
            phase = PHASES[i % len(PHASES)]
            phases[phase] += 1
            try:
                lines = run_and_kill(data_dir, exports, phase, rng, slow=not args.rapide)
                checked = check_after_kill(data_dir, exports, lines, earlier)
            except (AssertionError, WorkerStartError) as exc:
                failures.append(f"arrêt n° {i + 1} ({phase}) : {exc}")
                print(f"ÉCHEC arrêt n° {i + 1} ({phase}) :\n{exc}", flush=True)
                shutil.rmtree(data_dir, ignore_errors=True)  # go on with a fresh folder
                shutil.rmtree(exports, ignore_errors=True)
                earlier = []
                continue
            reported += sum(1 for line in lines if line.startswith("commit "))
            verified += checked.commits
            files += checked.files
            earlier += lines
            if (i + 1) % 20 == 0:
                print(f"… {i + 1} arrêts, {reported} commits, {len(failures)} échec(s)", flush=True)
    elapsed = time.monotonic() - started
    print(f"graine              : {seed}")
    print(f"disque              : {'normal' if args.rapide else 'lent (simulé)'}")
    print(
        f"itérations (arrêts) : {args.iterations}  " + ", ".join(f"{p} {phases[p]}" for p in PHASES)
    )
    print(f"commits signalés    : {reported}" + ("" if failures else " (tous retrouvés, entiers)"))
    print(f"vérifications       : {verified} commits, {files} fichiers (exports, sauvegardes)")
    print(f"échecs              : {len(failures)}")
    print(f"durée               : {elapsed:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
