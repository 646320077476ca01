"""One grading run as the command line makes it: the canary, then the class, then the verdict.

Exit statuses (the command-line contract): 0 when grading ran, whatever the students scored;
3 when the grader refuses to grade here (its own solution does not score full marks); 4 when
some rows could not be graded by the grader's fault (status ``error: grader: …``) — run the same
command again to grade just those.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from grader import literal_text
from grader.assignment import Paths, load_assignment
from grader.course.class_rows import Course
from grader.course.shards import Shard
from grader.errors import EXIT_GRADED, EXIT_GRADER_ERRORS, EXIT_REFUSED, is_grader_status
from grader.grading.gradebook import Result
from grader.options import Options
from grader.run.canary import Canary, refusal, run_canary
from grader.run.grade import grade_all


@dataclass
class GradingRun:
    canary: Canary
    results: list[Result] = field(default_factory=list)

    @property
    def grader_errors(self) -> list[Result]:
        return [r for r in self.results if is_grader_status(r.status)]

    @property
    def exit_status(self) -> int:
        if not self.canary.ok:
            return EXIT_REFUSED
        return EXIT_GRADER_ERRORS if self.grader_errors else EXIT_GRADED


def grade_class(paths: Paths, submissions: list[Path], out: Path, jobs: int, options: Options,
                progress: bool = True, gradebook: bool = True,
                shard: Shard | None = None, course: Course | None = None) -> GradingRun:
    """Grade a class unless this machine cannot grade the solution; say what went wrong.

    ``gradebook``: write the class's pages into ``out``; ``shard``: grade only that slice of the
    class; ``course``: the roster, layout and deadline (see :func:`grader.run.grade.grade_all`).
    """
    assignment = load_assignment(paths)
    canary = run_canary(paths, assignment, options)
    if not canary.ok:
        print(refusal(assignment, canary, options), file=sys.stderr)
        return GradingRun(canary)
    run = GradingRun(canary, grade_all(paths, submissions, out, jobs, options, progress,
                                       gradebook, shard, course))
    if run.grader_errors:
        print(f"grader: {len(run.grader_errors)} submission(s) could not be graded because of "
              "the grader or this machine (status 'error: grader: …', score left empty); "
              "run the same command again to grade them:", file=sys.stderr)
        for result in run.grader_errors[:10]:
            print(f"  {literal_text.visible(result.submission)}: "
                  f"{literal_text.visible(result.status)}", file=sys.stderr)
    return run
