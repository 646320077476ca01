"""Gradescope's ``results.json``: one entry per graded function, one hidden entry for the
instructor saying how the grade was made (the sandbox, the walls, the canary, the sweep).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from grader import words
from grader.assignment import Assignment, Question
from grader.errors import GraderError, is_grader_status
from grader.gradescope.config import Layout
from grader.grading.gradebook import Result
from grader.isolation.channel import WorkerGone
from grader.isolation.probe import WallCheck, check_walls
from grader.literal_text import markdown_block, markdown_code
from grader.options import Options
from grader.reporting import feedback

INSTRUCTOR_TEST = words.INSTRUCTOR_ENTRY


@dataclass
class Environment:
    """What an instructor needs to trust a grade: the sandbox, the walls, the canary, the sweep."""

    sandbox: str | None = None
    walls: list[WallCheck] = field(default_factory=list)
    walls_error: str = ""
    canary_score: str | None = None  # the solution's score, once the canary ran
    canary_seconds: float | None = None
    swept: int | None = None  # processes left by the student's code and killed, once swept
    machine: list[str] = field(default_factory=list)
    predicted: list[str] = field(default_factory=list)  # missing walls, shown if no probe ran

    def probe(self, options: Options, layout: Layout) -> None:
        try:
            self.walls = check_walls(options, secrets=[layout.source / "build"],
                                     write_protected=[layout.results])
        except (GraderError, WorkerGone, KeyError) as error:
            self.walls_error = f"no worker could be started to check the walls: {error}"

    def lines(self) -> list[str]:
        """What is known so far, as Markdown list items."""
        lines = [] if self.sandbox is None else [f"- {words.sandbox_used(self.sandbox)}"]
        if self.walls or self.walls_error:
            lines.append(f"- {words.WALLS_CHECKED}")
        lines += [f"  - {'✓' if w.holds else '✗'} {w.name}: {w.detail}" for w in self.walls]
        if self.walls_error:
            lines.append(f"  - ✗ {self.walls_error}")
        if not self.walls:  # what a worker saw is the one word on the walls; else the guess
            lines += [f"- {line}" for line in self.predicted]
        if self.canary_score is not None and self.canary_seconds is not None:
            lines.append(f"- {words.canary_line(self.canary_score, self.canary_seconds)}")
        if self.swept is not None:
            lines.append(f"- {words.swept_line(self.swept)}")
        lines += [f"- {line}" for line in self.machine]
        return lines

    def extra_data(self) -> dict:
        return {
            "sandbox": self.sandbox,
            "walls": {w.name: {"holds": w.holds, "detail": w.detail} for w in self.walls},
            "walls_error": self.walls_error,
            "canary_seconds": (None if self.canary_seconds is None
                               else round(self.canary_seconds, 3)),
            "swept_processes": self.swept,
        }


@dataclass(frozen=True)
class Verdict:
    """How one run ended: a result to report, or the reason there is none."""

    exit_status: int
    assignment: Assignment | None = None
    result: Result | None = None  # None, or a grader error: not graded
    reason: str = ""

    @property
    def graded(self) -> bool:
        return self.result is not None and not is_grader_status(self.result.status)


def results_json(verdict: Verdict, environment: Environment, visibility: str) -> dict:
    """Gradescope's results.json: one entry per graded function, one for the instructor."""
    if verdict.graded:
        assignment, result = verdict.assignment, verdict.result
        tests = [function_test(question, result, visibility) for question in assignment.questions]
        report = {"score": result.score, "output": feedback.summary(assignment, result)}
    else:
        tests = []
        report = {"score": 0, "output": feedback.not_graded()}
    tests.append({"name": INSTRUCTOR_TEST, "score": 0, "max_score": 0, "visibility": "hidden",
                  "output": instructor_text(verdict, environment), "output_format": "md"})
    result = verdict.result
    extra = {"graded": verdict.graded, "status": result.status if result else "not graded",
             "flags": result.flags if result else [], "reason": verdict.reason}
    return report | {"output_format": "md", "stdout_visibility": "hidden", "tests": tests,
                     "extra_data": extra | environment.extra_data()}


def function_test(question: Question, result: Result, visibility: str) -> dict:
    """One graded function: its points and its part of the feedback, Korean, hidden tests too."""
    earned = result.questions.get(question.name, 0.0)
    messages = result.messages.get(question.name, [])
    remarks = result.remarks.get(question.name, [])
    return {"name": question.name, "score": earned, "max_score": question.points,
            "status": "passed" if earned >= question.points else "failed",
            "output": feedback.function_feedback(earned, question.points, messages, remarks),
            "output_format": "md", "visibility": visibility}


def instructor_text(verdict: Verdict, environment: Environment) -> str:
    """The instructor's entry (hidden from students): how the grade was made, which walls held."""
    result = verdict.result
    lines = [words.HIDDEN_FROM_STUDENTS, ""]
    if result is not None:
        name, status = markdown_code(result.submission), markdown_code(result.status)
        lines += [f"- {words.submission_line(name, result.score_text())}",
                  f"- {words.status_line(status)}",
                  f"- {words.flags_line(result.flags)}"]
    lines += environment.lines()
    if verdict.reason:
        lines += ["", words.NOT_GRADED_REASON, "", markdown_block(verdict.reason)]
    return "\n".join(lines) + "\n"
