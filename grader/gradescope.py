"""Gradescope's entry point: grade one submission as ``python -m grader grade`` does.

    PYTHONPATH=/autograder/source/lib python3 -m grader.gradescope /autograder

``run_autograder`` (in the zip, see :mod:`grader.autograder_zip`) runs this as root, once per
submission, in a fresh container. It

1. keeps the student's code out of the grader's files: /autograder/source (tests, solution,
   answers, grader) becomes root's alone and /autograder/results writable by root only;
2. grades the notebook in /autograder/submission through :func:`grader.grading_run.grade_class`:
   the canary, the sandbox (bubblewrap where it works, else an unprivileged user), the trusted
   tests;
3. asks a fresh worker which walls held (:func:`grader.isolation.probe.check_walls`);
4. kills whatever the student's code left running, then writes results.json atomically.

When the grader cannot grade (the canary fails, a grader error, a crash here), results.json says
so: 0 points with a message telling the student that this is not a grade, and the reason in an
entry only the instructor sees. Gradescope has no "ungraded" score: a missing or malformed
results.json is a failed run whose message to the student suggests the submission is at fault.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

from grader import feedback, machine, words
from grader.assignment import Assignment, Paths, Question, load_assignment
from grader.canary import Canary, refusal
from grader.errors import GraderError, is_grader_status
from grader.grade import SubmissionFile, find_submissions, prepare_options, unusable
from grader.gradebook import Result, write_atomically
from grader.grading_run import EXIT_GRADED, EXIT_GRADER_ERRORS, EXIT_REFUSED, grade_class
from grader.isolation import unprivileged
from grader.isolation.channel import WorkerGone
from grader.isolation.probe import WallCheck, check_walls
from grader.isolation.walls import Walls, detect_walls
from grader.literal_text import markdown_block, markdown_code
from grader.runner import Options
from grader.submission import SubmissionError

AUTOGRADER = Path("/autograder")
CONFIG_FILE = "gradescope.json"
VISIBILITIES = ("visible", "after_due_date", "after_published", "hidden")
INSTRUCTOR_TEST = words.instructor_entry()


@dataclass(frozen=True)
class ZipConfig:
    """The build's options, carried in the zip as ``gradescope.json``."""

    assignment: str
    visibility: str = "visible"  # of each function's entry: Gradescope's test visibility
    timeout: float = 10.0
    memory_mb: int | None = None

    def __post_init__(self) -> None:
        if self.visibility not in VISIBILITIES:
            raise ValueError(f"visibility must be one of {', '.join(VISIBILITIES)}, "
                             f"not {self.visibility!r}")

    @classmethod
    def read(cls, source: Path) -> ZipConfig:
        return cls(**json.loads((source / CONFIG_FILE).read_text(encoding="utf-8")))

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1) + "\n"


@dataclass(frozen=True)
class Layout:
    """Gradescope's folders."""

    root: Path = AUTOGRADER

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def submission(self) -> Path:
        return self.root / "submission"

    @property
    def results(self) -> Path:
        return self.root / "results"


@dataclass
class Environment:
    """What an instructor needs to trust a grade: the sandbox, the walls, the canary, the sweep."""

    sandbox: str | None = None
    walls: list[WallCheck] = field(default_factory=list)
    walls_error: str = ""
    canary: Canary | None = None
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
            lines.append(f"- {words.walls_checked()}")
        lines += [f"  - {'✓' if w.holds else '✗'} {w.name}: {w.detail}" for w in self.walls]
        if self.walls_error:
            lines.append(f"  - ✗ {self.walls_error}")
        if not self.walls:  # what a worker saw is the one word on the walls; else the guess
            lines += [f"- {line}" for line in self.predicted]
        if self.canary is not None:
            score = self.canary.result.score_text()
            lines.append(f"- {words.canary_line(score, self.canary.seconds)}")
        if self.swept is not None:
            lines.append(f"- {words.swept_line(self.swept)}")
        lines += [f"- {line}" for line in self.machine]
        return lines

    def extra_data(self) -> dict:
        return {
            "sandbox": self.sandbox,
            "walls": {w.name: {"holds": w.holds, "detail": w.detail} for w in self.walls},
            "walls_error": self.walls_error,
            "canary_seconds": None if self.canary is None else round(self.canary.seconds, 3),
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


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    layout = Layout(Path(arguments[0])) if arguments else Layout()
    started = time.monotonic()
    environment = Environment()
    visibility = "visible"
    try:
        config = ZipConfig.read(layout.source)
        visibility = config.visibility
        verdict = grade_submission(layout, config, environment)
    except Exception:  # the grader's own bug must still leave Gradescope a results.json
        detail = traceback.format_exc()
        print(detail, file=sys.stderr)
        verdict = Verdict(EXIT_GRADER_ERRORS, reason=f"the grader crashed:\n{detail[-3000:]}")
    environment.swept = sweep_leftovers()
    report = results_json(verdict, environment, visibility)
    report["execution_time"] = round(time.monotonic() - started)  # whole seconds, as specified
    write_atomically(layout.results / "results.json",
                     json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    print(instructor_text(verdict, environment))
    return verdict.exit_status


def grade_submission(layout: Layout, config: ZipConfig, environment: Environment) -> Verdict:
    unprivileged.guard_folders(private=[layout.source], write_protected=[layout.results])
    paths = Paths(layout.source, config.assignment)
    options = prepare_options(config.timeout, config.memory_mb)
    environment.sandbox = sandbox_in_use(options.walls)
    environment.machine = machine.describe(options, walls_checked=True)
    environment.predicted = machine.missing_wall_lines(options.walls_here)
    assignment = load_assignment(paths)
    try:
        notebook = find_notebook(layout.submission, assignment.name)
    except SubmissionError as error:
        file = SubmissionFile(assignment.name, layout.submission)
        return Verdict(EXIT_GRADED, assignment, unusable(assignment, file, str(error), ""))
    with tempfile.TemporaryDirectory(prefix="nnkit-gradescope-") as out:
        # One submission, its folder thrown away: no grades.csv, feedback pages or report.
        run = grade_class(paths, [notebook], Path(out), jobs=1, options=options, progress=False,
                          gradebook=False)
    environment.canary = run.canary
    environment.probe(options, layout)
    if run.exit_status == EXIT_REFUSED:
        reason = refusal(assignment, run.canary, options, walls_checked=True)
        return Verdict(EXIT_REFUSED, assignment, reason=reason)
    result = run.results[0]
    if is_grader_status(result.status):
        return Verdict(EXIT_GRADER_ERRORS, assignment, result, reason=result.status)
    return Verdict(EXIT_GRADED, assignment, result)


def find_notebook(folder: Path, assignment: str) -> Path:
    """The one notebook (or otter export zip) in the submission; prefers ``ASSIGNMENT.ipynb``."""
    found = [file.path for file in find_submissions([folder])] if folder.is_dir() else []
    if len(found) == 1:
        return found[0]
    named = [path for path in found if path.stem == assignment]
    if len(named) == 1:
        return named[0]
    if not found:
        raise SubmissionError("error: the submission holds no notebook (.ipynb) or otter zip")
    names = ", ".join(sorted(path.name for path in found)[:5])
    raise SubmissionError(f"error: the submission holds {len(found)} notebooks ({names}); "
                          f"submit only {assignment}.ipynb")


def sandbox_in_use(walls: Walls) -> str:
    if walls.bubblewrap:
        return f"bubblewrap ({walls.bubblewrap})"
    identity = unprivileged.worker_identity()
    if identity is not None:
        return f"no bubblewrap: the unprivileged user uid {identity.uid}, gid {identity.gid}"
    return "no bubblewrap, no unprivileged user: the worker runs as the grader's own user"


def sweep_leftovers() -> int:
    """Without bubblewrap's PID namespace, kill what the student's code left running."""
    return 0 if detect_walls().bubblewrap else unprivileged.sweep()


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
    lines = [words.hidden_from_students(), ""]
    if result is not None:
        name, status = markdown_code(result.submission), markdown_code(result.status)
        lines += [f"- {words.submission_line(name, result.score_text())}",
                  f"- {words.status_line(status)}",
                  f"- {words.flags_line(result.flags)}"]
    lines += environment.lines()
    if verdict.reason:
        lines += ["", words.not_graded_reason(), "", markdown_block(verdict.reason)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
