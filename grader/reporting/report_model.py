"""What the instructor's report says, computed from saved results: numbers, groups, lists.

No HTML here (:mod:`grader.reporting.report` renders it). Rows whose status starts with
``error: grader:`` (:mod:`grader.errors`) are the grader's own failures: they have no score and
are left out of the mean, the median and the histogram. Any other ``error: …`` is a file the
student must resubmit; it scores 0 and counts in the statistics. A roster student without a file
(status 미제출, :mod:`grader.course.class_rows`) is a kind of its own: not a submission, so
neither a file error nor something to open; it scores 0 and counts in the statistics as the
gradebook counts it.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from grader import words
from grader.assignment import Question
from grader.course.class_rows import is_not_submitted
from grader.errors import is_grader_status
from grader.grading.gradebook import Result
from grader.grading.similarity import Similarity, near_identical
from grader.reporting.charts import Bin, histogram_bins
from grader.reporting.failure_groups import Group, group_failures
from grader.reporting.test_rates import Suspect, TestRate, rates, suspects

GRADED, STUDENT_ERROR, GRADER_ERROR = "graded", "student-error", "grader-error"
NOT_SUBMITTED = "not-submitted"
FLAG_TEXT = {"reference-import": words.REFERENCE_IMPORT_FLAG}


def status_kind(status: str) -> str:
    """``graded``, ``grader-error`` (the grader failed), ``student-error`` (the file did) or
    ``not-submitted`` (a roster student without a file)."""
    if status == "ok":
        return GRADED
    if is_not_submitted(status):
        return NOT_SUBMITTED
    return GRADER_ERROR if is_grader_status(status) else STUDENT_ERROR


@dataclass(frozen=True)
class Summary:
    submissions: int  # rows with a file: every row but the 미제출 ones
    graded: int
    student_errors: int
    grader_errors: int
    not_submitted: int
    scored: int  # rows in the mean, median and histogram
    mean: float | None
    median: float | None
    max_score: float
    histogram: list[Bin]


@dataclass
class FunctionReport:
    """One graded function across the graded submissions."""

    question: Question
    graded: int
    full_marks: int
    mean_points: float | None
    groups: list[Group]

    @property
    def full_rate(self) -> float | None:
        return self.full_marks / self.graded if self.graded else None


@dataclass(frozen=True)
class Concern:
    """A submission the instructor should open, and why (Korean, function names as code)."""

    student: str
    reasons: tuple[str, ...]


@dataclass
class ClassReport:
    assignment: str
    questions: list[Question]
    results: list[Result]
    summary: Summary
    functions: list[FunctionReport]
    concerns: list[Concern]
    similarity: Similarity
    changes: list[list[str]] = field(default_factory=list)  # changes.csv's rows (changes.py)
    tests: list[TestRate] = field(default_factory=list)
    suspects: list[Suspect] = field(default_factory=list)


def class_report(assignment: str, questions: list[Question], results: list[Result]) -> ClassReport:
    graded = [r for r in results if status_kind(r.status) == GRADED]
    prints = {r.submission: r.fingerprints for r in graded if r.fingerprints}
    outcomes = {r.submission: r.tests for r in graded if r.tests}
    return ClassReport(
        assignment=assignment, questions=questions, results=results,
        summary=summarise(results, sum(q.points for q in questions)),
        functions=[function_report(q, graded) for q in questions],
        concerns=[c for c in map(concern, results) if c.reasons],
        similarity=near_identical(prints, [q.name for q in questions]),
        tests=rates(questions, outcomes), suspects=suspects(outcomes),
    )


def summarise(results: list[Result], max_score: float) -> Summary:
    kinds = [status_kind(r.status) for r in results]
    scores = [float(r.score) for r, kind in zip(results, kinds, strict=True)
              if kind != GRADER_ERROR and r.score is not None]
    return Summary(
        submissions=len(results) - kinds.count(NOT_SUBMITTED), graded=kinds.count(GRADED),
        student_errors=kinds.count(STUDENT_ERROR), grader_errors=kinds.count(GRADER_ERROR),
        not_submitted=kinds.count(NOT_SUBMITTED),
        scored=len(scores),
        mean=statistics.fmean(scores) if scores else None,
        median=statistics.median(scores) if scores else None,
        max_score=max_score, histogram=histogram_bins(scores, max_score),
    )


def function_report(question: Question, graded: list[Result]) -> FunctionReport:
    points = [r.questions.get(question.name, 0.0) for r in graded]
    failing = {r.submission: r.messages[question.name] for r in graded
               if r.messages.get(question.name)}
    return FunctionReport(
        question=question, graded=len(graded),
        full_marks=sum(p >= question.points for p in points),
        mean_points=statistics.fmean(points) if points else None,
        groups=group_failures(failing),
    )


def concern(result: Result) -> Concern:
    reasons = [FLAG_TEXT.get(flag) or words.course_flag(flag) for flag in result.flags]
    for kind, questions in result.incidents.items():
        names = ", ".join(f"`{q}`" for q in questions)
        reasons.append(f"{words.incident(kind)}: {names}")
    kind = status_kind(result.status)
    if kind == GRADER_ERROR:
        reasons.append(words.grader_error_row(result.status))
    elif kind == STUDENT_ERROR:
        reasons.append(words.file_error_row(result.status))
    return Concern(result.submission, tuple(reasons))
