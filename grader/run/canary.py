"""Before grading anyone, grade the assignment's own solution the same way.

The solution must score full marks through exactly the path, walls and options the students'
submissions will meet. When it does not, the grader refuses to grade here and says why — a
gradebook of zeros caused by the machine (a sandbox that hides the interpreter, a memory limit
too small for NumPy) never reaches an instructor.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from grader.assignment import Assignment, Paths
from grader.grading.gradebook import Result
from grader.grading.submission_files import SubmissionFile
from grader.isolation import machine
from grader.options import Options
from grader.run.grade import grade_one

MAX_MESSAGE_LINES = 12


@dataclass(frozen=True)
class Canary:
    """The solution's grade on this machine and how long it took."""

    result: Result
    seconds: float

    @property
    def ok(self) -> bool:
        return self.result.status == "ok" and self.result.score == self.result.max_score


def run_canary(paths: Paths, assignment: Assignment, options: Options) -> Canary:
    started = time.monotonic()
    result = grade_one(assignment, SubmissionFile("canary (the assignment's own solution)",
                                       paths.solution_notebook), options)
    return Canary(result, time.monotonic() - started)


def refusal(assignment: Assignment, canary: Canary, options: Options,
            walls_checked: bool = False) -> str:
    """Why the grader will not grade here: the failing functions, the cause, this machine.

    ``walls_checked``: the caller shows what a worker saw of each wall, so this machine's
    predicted missing walls are left out (:func:`grader.isolation.machine.describe`): said once."""
    result = canary.result
    score = result.score_text("no score")
    lines = [f"grader: refusing to grade {assignment.name} here: its own solution gets {score} "
             f"(expected {result.max_score:g}/{result.max_score:g}); nothing was graded.",
             f"  status: {result.status}"]
    for question in assignment.questions:
        earned = result.questions.get(question.name)
        if earned is not None and earned < question.points:
            lines.append(f"  {question.name}: {earned:g}/{question.points:g}")
            for message in result.messages.get(question.name, [])[:2]:
                lines += [f"      {line}" for line in message.splitlines()[:MAX_MESSAGE_LINES]]
    lines.append("  this machine:")
    lines += [f"    {line}" for line in machine.describe(options, walls_checked)]
    lines.append("  `python -m grader doctor` shows what this machine gives the grader.")
    return "\n".join(lines)
