"""``python -m grader grade``: a folder of submissions → ``grades.csv`` and ``feedback/``.

Each submission reads straight through: load → sandbox → call → compare → score → row. Results
are saved one by one as they finish, so a run that is killed can be started again and grades only
what is missing; a crash of the grader on one submission becomes that submission's status.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import resource
import sys
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from grader.assignment import Assignment, Paths, load_assignment
from grader.course.changes import Ledger, with_receipt
from grader.course.class_rows import Course
from grader.course.shards import Shard, select
from grader.errors import GraderError, grader_status, is_grader_status
from grader.grading import similarity
from grader.grading.gradebook import Result, load_result, save_result, write_gradebook
from grader.grading.runner import Outcome, run_tests
from grader.grading.submission import MAX_ZIP_BYTES, SubmissionError, load_submission, open_regular
from grader.grading.submission_files import SubmissionFile, find_submissions
from grader.options import Options
from grader.reporting import feedback, test_rates
from grader.reporting.report import write_report

GRADER_VERSION = "3"  # 3: results carry incidents and fingerprints for the report
MAX_HASHED_BYTES = MAX_ZIP_BYTES
# What a grading process may allocate beyond what it holds when it starts: the tests and the
# reference on replies of at most wire.MAX_REPLY_BYTES need tens of megabytes.
TRUSTED_HEADROOM_BYTES = 2 * 1024**3


def input_hash(assignment: Assignment, file: SubmissionFile) -> str:
    """What the result was computed from: the grader, the assignment's build, the file.

    Streamed, and only for files small enough to be graded: a huge file costs no memory and
    little time (its row says it is too large).
    """
    digest = hashlib.sha256(f"{GRADER_VERSION}:{assignment.source_hash}:".encode())
    try:
        with open_regular(file.path) as stream:  # a link or a FIFO is neither followed nor read
            status = os.fstat(stream.fileno())
            if status.st_size > MAX_HASHED_BYTES:
                digest.update(f"size {status.st_size} mtime {status.st_mtime_ns}".encode())
            else:
                digest.update(hashlib.file_digest(stream, "sha256").digest())
    except (OSError, SubmissionError) as error:
        digest.update(str(error).encode())
    return digest.hexdigest()


def grade_one(assignment: Assignment, file: SubmissionFile, options: Options) -> Result:
    """Grade one submission; never raises.

    A file the student made unusable gets ``error: …`` and 0; a failure of the grader or of
    this machine gets ``error: grader: …`` and no score at all (see :mod:`grader.errors`).
    """
    input_digest = input_hash(assignment, file)
    try:
        submission = load_submission(file.path, file.name)
    except SubmissionError as error:
        return unusable(assignment, file, str(error), input_digest)
    except OSError as error:
        return grader_failed(assignment, file, f"cannot read the file ({error.strerror})",
                             input_digest)
    try:
        outcome = run_tests(assignment, submission, options)
        code_fingerprints = similarity.fingerprints(submission.cells, assignment.graded_names,
                                                    assignment.paths.student)
    except GraderError as error:
        return grader_failed(assignment, file, str(error), input_digest)
    except Exception as error:  # a bug of the trusted side must not become a student's zero
        detail = traceback.format_exception_only(type(error), error)[-1].strip()
        return grader_failed(assignment, file, f"crashed ({detail[:200]})", input_digest)
    return graded_result(assignment, file.name, outcome, input_digest, code_fingerprints)


def graded_result(assignment: Assignment, name: str, outcome: Outcome, input_hash: str = "",
                  fingerprints: dict[str, str] | None = None) -> Result:
    """The row of a graded submission, its feedback rendered from the row itself."""
    scores = outcome.question_scores(assignment)
    result = Result(
        submission=name, status="ok", score=round(sum(scores.values()), 6),
        max_score=assignment.max_score, questions=scores, flags=outcome.flags,
        input_hash=input_hash, messages=outcome.failure_messages(), remarks=outcome.remarks(),
        incidents=outcome.incidents(), fingerprints=fingerprints or {}, notes=outcome.notes,
        tests=test_rates.outcomes(assignment, outcome.cases),
    )
    return dataclasses.replace(result, feedback=feedback.render(assignment, result))


def unusable(assignment: Assignment, file: SubmissionFile, status: str,
             input_digest: str) -> Result:
    """The row of a file the student made ungradable: status ``error: …`` and 0."""
    return Result(
        submission=file.name, status=status, score=0.0, max_score=assignment.max_score,
        questions={q.name: 0.0 for q in assignment.questions},
        feedback=feedback.render_error(assignment, file.name, status), input_hash=input_digest,
    )


def grader_failed(assignment: Assignment, file: SubmissionFile, reason: str,
                  input_digest: str) -> Result:
    """The row of a submission the grader could not grade: no score, graded again on a rerun."""
    status = grader_status(reason)
    return Result(
        submission=file.name, status=status, score=None, max_score=assignment.max_score,
        questions={}, feedback=feedback.render_grader_error(assignment, file.name),
        input_hash=input_digest,
    )


def _grade_and_save(paths: Paths, file: SubmissionFile, options: Options, out: Path) -> Result:
    assignment = load_assignment(paths)
    result = with_receipt(grade_one(assignment, file, options), file.path, GRADER_VERSION,
                          assignment.source_hash)
    try:
        save_result(out, result)
    except OSError as error:  # the row still reaches grades.csv; only resuming it is lost
        print(f"grader: warning: cannot save the result of {file.name!r}: {error}",
              file=sys.stderr)
    return result


def grade_all(paths: Paths, arguments: list[Path], out: Path, jobs: int,
              options: Options, progress: bool, gradebook: bool = True,
              shard: Shard | None = None, course: Course | None = None) -> list[Result]:
    """Grade everything not already graded from the same input; return every row.

    ``gradebook``: also write ``grades.csv``, the feedback pages and ``report.html`` (not for
    a single submission whose folder is thrown away, as on Gradescope). ``shard``: grade only
    that slice of the class (names are made unique over the whole class first, so that every
    machine names each file alike). ``course``: the roster's rows, matched from the LMS's layout,
    with 미제출 rows and late penalties (:mod:`grader.course.class_rows`).
    """
    assignment = load_assignment(paths)
    plan = course.plan(arguments) if course else None
    submissions = select(plan.files() if plan else find_submissions(arguments), shard)
    functions = [q.name for q in assignment.questions]
    ledger = Ledger.open(out, functions) if gradebook else None  # before any result is replaced
    results: dict[str, Result] = {}
    pending = []
    for file in submissions:
        previous = load_result(out, file.name)
        if (previous is not None and previous.input_hash == input_hash(assignment, file)
                and not is_grader_status(previous.status)):
            results[file.name] = previous
        else:
            pending.append(file)
    bar = ProgressBar(len(submissions), len(results), enabled=progress)
    for result in _run_pending(paths, pending, out, jobs, options, bar):
        results[result.submission] = result
    bar.finish()
    ordered = [results[file.name] for file in submissions]
    if plan is not None:
        ordered = plan.finish(assignment, ordered, out, shard.holds if shard else None,
                              render=feedback.render)
    if ledger is None:
        return ordered
    ordered = ledger.close(ordered, functions)  # adjustments last; changes.csv
    write_gradebook(out, assignment, ordered)
    try:
        write_report(out, assignment, ordered)
    except Exception as error:  # the gradebook is written: a broken page must not hide it
        print(f"grader: warning: report.html was not written ({type(error).__name__}: "
              f"{error}); `python -m grader report {out}` tries again", file=sys.stderr)
    return ordered


def _run_pending(paths, pending, out, jobs, options, bar):
    if not pending:
        return
    unfinished = []
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(pending))),
                             initializer=limit_trusted_memory) as pool:
        futures = {pool.submit(_grade_and_save, paths, file, options, out): file
                   for file in pending}
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception:  # the process died (BrokenProcessPool) or the task failed
                unfinished.append(futures[future])
                continue
            yield result
            bar.advance()
    # A grading process died (a crash in native code, memory): every file it took down with it
    # is graded again alone, so that only the one that kills its process keeps the error.
    for file in unfinished:
        yield _grade_in_own_process(paths, file, options, out)
        bar.advance()


def _grade_in_own_process(paths: Paths, file: SubmissionFile, options: Options,
                          out: Path) -> Result:
    with ProcessPoolExecutor(max_workers=1, initializer=limit_trusted_memory) as pool:
        try:
            return pool.submit(_grade_and_save, paths, file, options, out).result()
        except Exception as error:
            reason = ("the grading process died" if isinstance(error, BrokenProcessPool)
                      else f"the grading process failed ({type(error).__name__})")
            result = grader_failed(load_assignment(paths), file, reason, "")
            with contextlib.suppress(OSError):
                save_result(out, result)
            return result


class ProgressBar:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, total: int, done: int, enabled: bool) -> None:
        self.total, self.done = total, done
        self.enabled = enabled and sys.stderr.isatty()
        self._draw()

    def advance(self) -> None:
        self.done += 1
        self._draw()

    def _draw(self) -> None:
        if not self.enabled or not self.total:
            return
        filled = int(30 * self.done / self.total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}")
        sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled and self.total:
            sys.stderr.write("\n")


def limit_trusted_memory() -> None:
    """Bound a grading process's address space: a reply built to exhaust the trusted side's
    memory makes that row's grading fail (a MemoryError, or the process dies) and not the run.
    """
    try:
        with open("/proc/self/statm", encoding="ascii") as stream:
            pages = int(stream.read().split()[0])
    except OSError:  # not Linux: the replies' caps still bound what decoding may cost
        return
    in_use = pages * resource.getpagesize()
    limit = in_use + TRUSTED_HEADROOM_BYTES
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
