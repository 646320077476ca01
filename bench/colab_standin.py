"""How long a student on Colab waits: the hosted notebook, opened in the Colab stand-in.

    python bench/colab_standin.py                      # planar_classification, no pip cache
    python bench/colab_standin.py --pip-cache mnist_mlp logistic_regression

For each assignment (``tests/support/colab_standin.py``: a loopback host, a fresh runtime with only
numpy, matplotlib, scikit-learn, ipykernel and nbclient, the notebook run from an empty folder
under another name), printed are the seconds from opening the notebook (before its kernel
starts) until the first code cell finished (the install of otter-grader and the student wheel),
until the first ``grader.check`` passed, and until the last cell finished. Without
``--pip-cache`` pip downloads every package from the index, as on a new Colab runtime. Not a
test: timings depend on the machine and the network; nothing here asserts them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.assignment import assignment_names  # noqa: E402
from tests.support.colab_standin import colab_base, colab_session, pip_cache  # noqa: E402


def _index(notebook, first_line: str) -> int:
    return next(i for i, cell in enumerate(notebook.cells)
                if cell.cell_type == "code" and cell.source.startswith(first_line))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", choices=assignment_names(ROOT),
                        default=["planar_classification"])
    parser.add_argument("--pip-cache", action="store_true",
                        help="let pip use this machine's cache (default: download everything)")
    args = parser.parse_args()
    cache = pip_cache() if args.pip_cache else None
    with tempfile.TemporaryDirectory() as scratch:
        base = colab_base(Path(scratch) / "base")
        print(f"{'assignment':24} {'install':>8} {'1st check':>10} {'notebook':>9}   (seconds)")
        for name in args.names:
            session = colab_session(name, base, Path(scratch) / name, cache)
            run = session.solved
            install = run.seconds_until(_index(run.notebook, "# 채점 준비"))
            first = run.seconds_until(_index(run.notebook, "grader.check("))
            print(f"{name:24} {install:8.1f} {first:10.1f} {run.seconds:9.1f}", flush=True)


if __name__ == "__main__":
    main()
