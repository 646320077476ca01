"""How long each notebook's tests take: in process on the reference, and through the grader.

    python bench/hidden_tests.py

"in process" runs every test case (public and hidden) with the reference functions passed in
directly — the cost of the tests themselves. "graded" is one full sandboxed grade of the solution
notebook (worker start, definitions, every call across the boundary). Median of --repeat runs.
Not a test: nothing here asserts timings.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.assignment import Assignment, Paths, assignment_names  # noqa: E402
from grader.authoring.build import ensure_built  # noqa: E402
from grader.grading.submission_files import SubmissionFile  # noqa: E402
from grader.options import Options  # noqa: E402
from grader.run.grade import grade_one  # noqa: E402


def in_process_seconds(assignment: Assignment) -> float:
    reference = importlib.import_module(f"nnkit.reference.{assignment.name}")
    env = {name: getattr(reference, name) for name in assignment.graded_names}
    env["np"] = importlib.import_module("numpy")
    started = time.perf_counter()
    for question in assignment.questions:
        for case in assignment.test_cases(question.name):
            case.body.call_func(env)
    return time.perf_counter() - started


def graded_seconds(assignment: Assignment) -> float:
    started = time.perf_counter()
    solution = SubmissionFile("solution", assignment.paths.solution_notebook)
    result = grade_one(assignment, solution, Options())
    elapsed = time.perf_counter() - started
    assert result.score == result.max_score, result.feedback
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'assignment':<24}{'cases':>6}{'in process s':>14}{'graded s':>10}")
    for name in assignment_names(ROOT):
        paths = Paths(ROOT, name)
        ensure_built(paths)
        assignment = Assignment(paths)
        cases = sum(len(assignment.test_cases(q.name)) for q in assignment.questions)
        in_process_seconds(assignment)  # warm imports and caches once
        graded_seconds(assignment)
        inside = statistics.median(in_process_seconds(assignment) for _ in range(args.repeat))
        graded = statistics.median(graded_seconds(assignment) for _ in range(args.repeat))
        print(f"{name:<24}{cases:>6}{inside:>14.3f}{graded:>10.2f}")


if __name__ == "__main__":
    main()
