"""``python -m benchmarks``: see :mod:`benchmarks.runner`."""

from benchmarks.runner import main

if __name__ == "__main__":
    raise SystemExit(main())
