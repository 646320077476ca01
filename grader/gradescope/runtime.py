"""Gradescope's entry point: grade one submission as ``python -m grader grade`` does.

    PYTHONPATH=/autograder/source/lib python3 -m grader.gradescope /autograder

``run_autograder`` (in the zip, see :mod:`grader.authoring.autograder_zip`) runs this as root, once
per submission, in a fresh container. It

1. keeps the student's code out of the grader's files: /autograder/source (tests, solution,
   answers, grader) becomes root's alone and /autograder/results writable by root only;
2. grades the notebook in /autograder/submission through :func:`grader.run.grading_run.grade_class`:
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
from pathlib import Path

from grader.assignment import Paths, load_assignment
from grader.errors import EXIT_GRADED, EXIT_GRADER_ERRORS, EXIT_REFUSED, is_grader_status
from grader.files import write_atomically
from grader.gradescope.config import Layout, ZipConfig
from grader.gradescope.results import Environment, Verdict, instructor_text, results_json
from grader.grading.submission import SubmissionError
from grader.grading.submission_files import SubmissionFile, find_submissions
from grader.isolation import machine, unprivileged
from grader.isolation.walls import Walls, detect_walls
from grader.options import prepare_options
from grader.run.canary import refusal
from grader.run.grade import unusable
from grader.run.grading_run import grade_class


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
    environment.canary_score = run.canary.result.score_text()
    environment.canary_seconds = run.canary.seconds
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
        raise SubmissionError("the submission holds no notebook (.ipynb) or otter zip")
    names = ", ".join(sorted(path.name for path in found)[:5])
    raise SubmissionError(f"the submission holds {len(found)} notebooks ({names}); "
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

