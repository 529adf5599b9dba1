"""Performance figures of esms-desktop, each measured against a yardstick of the same session.

Run them all with one command from the repository root::

    python -m benchmarks            # every figure (a few minutes on a 2-core laptop)
    python -m benchmarks --quick    # fewer repetitions, for a first look
    python -m benchmarks --only store,pdf

The table goes to stdout, the figures (every sample, the medians, the machine) to
``benchmarks/results/benchmarks.json``. See :mod:`benchmarks.runner`.
"""
