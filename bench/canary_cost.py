"""What the canary costs: grading the assignment's own solution before a class, in one run.

    python bench/canary_cost.py                 # every assignment, a class of 20 copies
    python bench/canary_cost.py --class-size 50 planar_classification

For each assignment: the canary as ``grade`` runs it (the first grade in the process: the test
files are parsed then), and a class of N copies of the solution graded with ``--jobs 2``
through the same path; printed are the canary's seconds, the class's seconds per submission and
their ratio, i.e. what one grading run pays for the check, in submissions. Not a test: timings
depend on the machine; nothing here asserts them.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.assignment import Paths, assignment_names, load_assignment  # noqa: E402
from grader.authoring.build import ensure_built  # noqa: E402
from grader.options import prepare_options  # noqa: E402
from grader.run.canary import run_canary  # noqa: E402
from grader.run.grade import grade_all  # noqa: E402


def measure(name: str, class_size: int, jobs: int) -> tuple[float, float]:
    paths = Paths(ROOT, name)
    ensure_built(paths)
    options = prepare_options(timeout=10.0, memory_mb=None)
    canary = run_canary(paths, load_assignment(paths), options)
    assert canary.ok, canary.result.status
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "class"
        folder.mkdir()
        for index in range(class_size):
            shutil.copyfile(paths.solution_notebook, folder / f"student{index:03d}.ipynb")
        started = time.perf_counter()
        grade_all(paths, [folder], Path(scratch) / "out", jobs, options, progress=False)
        per_submission = (time.perf_counter() - started) / class_size
    return canary.seconds, per_submission


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=list(assignment_names(ROOT)))
    parser.add_argument("--class-size", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    print(f"{'assignment':<24}{'canary s':>10}{'class s/submission':>20}{'canary ÷ one':>14}")
    for name in args.names:
        canary, per_submission = measure(name, args.class_size, args.jobs)
        print(f"{name:<24}{canary:>10.2f}{per_submission:>20.3f}{canary / per_submission:>14.1f}")


if __name__ == "__main__":
    main()
