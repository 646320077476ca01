"""What blame reruns costs: a class of chained bugs graded with and without it, in one run.

    python bench/blame_reruns_cost.py                          # every assignment
    python bench/blame_reruns_cost.py planar_classification --jobs 2

The class is the assignment's solution plus one submission per corpus bug (tests/corpus/NAME/
bugs: most are helpers whose callers fail with them). Each is graded with ``--jobs N`` through
``grade_all`` twice, blame reruns on and off; printed are both wall times, their ratio, the extra
seconds per buggy submission, and how many bugs cost points outside their own function either
way. Not a test: timings depend on the machine; nothing here asserts them.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader import corpus  # noqa: E402
from grader.assignment import Assignment, Paths, assignment_names  # noqa: E402
from grader.authoring.build import ensure_built  # noqa: E402
from grader.options import prepare_options  # noqa: E402
from grader.run.grade import grade_all  # noqa: E402


def write_class(paths: Paths, folder: Path) -> dict[str, corpus.Entry]:
    folder.mkdir(parents=True)
    bugs = {}
    for entry in corpus.entries(paths, ("bugs",)):
        name = entry.stem
        nbformat.write(corpus.notebook_with(paths, {entry.function: entry.source}),
                       folder / f"{name}.ipynb")
        bugs[name] = entry
    return bugs


def spilled(assignment: Assignment, bugs: dict, results) -> int:
    return sum(1 for result in results
               if corpus.collateral(bugs[result.submission], assignment, result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=list(assignment_names(ROOT)))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    print(f"{'assignment':<24}{'bugs':>6}{'off s':>8}{'on s':>8}{'ratio':>7}"
          f"{'extra s/bug':>13}{'spill off':>11}{'spill on':>10}")
    for name in args.names:
        paths = Paths(ROOT, name)
        ensure_built(paths)
        assignment = Assignment(paths)
        options = prepare_options(timeout=10.0, memory_mb=None)
        with tempfile.TemporaryDirectory() as scratch:
            bugs = write_class(paths, Path(scratch) / "class")
            runs = {}
            for reruns in (False, True):
                started = time.perf_counter()
                results = grade_all(paths, [Path(scratch) / "class"],
                                    Path(scratch) / f"out-{reruns}", args.jobs,
                                    dataclasses.replace(options, blame_reruns=reruns), False)
                runs[reruns] = (time.perf_counter() - started, spilled(assignment, bugs,
                                                                          results))
        (off, spill_off), (on, spill_on) = runs[False], runs[True]
        print(f"{name:<24}{len(bugs):>6}{off:>8.1f}{on:>8.1f}{on / off:>7.2f}"
              f"{(on - off) / len(bugs):>13.2f}{spill_off:>11}{spill_on:>10}")


if __name__ == "__main__":
    main()
