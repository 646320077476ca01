"""``python -m grader doctor``: what this machine gives the grader, and whether it grades right.

Each wall is checked from inside a real worker, as a submission would meet it; then each
assignment's own solution is graded here (the canary that ``grade`` runs first). The exit status
is non-zero when a canary fails: grading here would give wrong grades.
"""

from __future__ import annotations

import sys
from pathlib import Path

from grader.assignment import Paths, load_assignment
from grader.authoring.build import BuildError, ensure_built
from grader.errors import GraderError
from grader.isolation import machine
from grader.isolation.channel import WorkerGone
from grader.isolation.probe import check_walls
from grader.options import Options
from grader.run.canary import refusal, run_canary

EXIT_HEALTHY = 0
EXIT_WOULD_BE_WRONG = 3


def run_doctor(root: Path, names: list[str], options: Options) -> int:
    print("this machine:")
    for line in machine.describe(options, walls_checked=True):
        print(f"  {line}")
    print("walls, checked from inside a worker:")
    try:
        for wall in check_walls(options):
            print(f"  {'✓' if wall.holds else '✗'} {wall.name}: {wall.detail}")
    except (GraderError, WorkerGone, KeyError) as error:
        print(f"  ✗ no worker could be started: {error}")
        for line in machine.missing_wall_lines(options.walls_here):  # then only predicted
            print(f"  {line}")
    print("canary: each assignment's solution graded here:")
    healthy = True
    for name in names:
        healthy &= _doctor_canary(Paths(root, name), options)
    print("verdict: " + ("grading here gives the right grades" if healthy else
                         "grading here would give wrong grades: `grade` refuses (exit 3)"))
    return EXIT_HEALTHY if healthy else EXIT_WOULD_BE_WRONG


def _doctor_canary(paths: Paths, options: Options) -> bool:
    try:
        ensure_built(paths)
    except BuildError as error:
        print(f"  ✗ {paths.name}: cannot build its grading files: {error}")
        return False
    assignment = load_assignment(paths)
    canary = run_canary(paths, assignment, options)
    score = canary.result.score_text("no score")
    print(f"  {'✓' if canary.ok else '✗'} {paths.name}: {score} in {canary.seconds:.2f} s")
    if not canary.ok:
        print(refusal(assignment, canary, options), file=sys.stderr)
    return canary.ok
