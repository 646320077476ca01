"""The trusted side: runs the otter test files here, calling the student's code through proxies.

The tests, NumPy's comparisons and the reference answers all live in this process; the
submission's functions run in a sandboxed worker (:mod:`grader.isolation.session`,
:mod:`grader.isolation.walls`) and only plain data comes back (:mod:`grader.isolation.proxies`,
:mod:`grader.isolation.wire`). A function that hangs or kills its worker fails the test that
called it; the worker is restarted for the next test, so one bad function costs only its own
points.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy

from grader import words
from grader.assignment import Assignment
from grader.errors import GraderError
from grader.grading import blame
from grader.grading.submission import Submission
from grader.isolation.proxies import Caller, FunctionProxy
from grader.isolation.session import Session, StudentError
from grader.options import Options

__all__ = ["CaseResult", "Options", "Outcome", "run_tests"]


@dataclass
class CaseResult:
    question: str
    name: str
    points: float
    earned: float
    message: str
    kind: str = "passed"  # or failed, error, timeout, crash (what stopped the test)
    note: str = ""  # said even when the test passes (a blame rerun's verdict)


@dataclass
class Outcome:
    """Everything the gradebook needs about one graded submission."""

    cases: list[CaseResult]
    flags: list[str]
    notes: list[str]

    def failure_messages(self) -> dict[str, list[str]]:
        """Per question, the distinct messages of its failing tests, in test order."""
        return _distinct((c.question, c.message) for c in self.cases if c.earned < c.points)

    def remarks(self) -> dict[str, list[str]]:
        """Per question, what the student is told besides failures (the blame reruns' remarks)."""
        return _distinct((c.question, c.note) for c in self.cases if c.note)

    def incidents(self) -> dict[str, list[str]]:
        """``timeout`` / ``crash`` → the questions in which a test ended that way."""
        return _distinct((c.kind, c.question) for c in self.cases
                         if c.kind in ("timeout", "crash"))

    def question_scores(self, assignment: Assignment) -> dict[str, float]:
        return question_scores(assignment, self.cases)


def _distinct(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """``key → values`` from ``(key, value)`` pairs, each value once, in order."""
    grouped: dict[str, list[str]] = {}
    for key, value in pairs:
        if value not in grouped.setdefault(key, []):
            grouped[key].append(value)
    return grouped


def question_scores(assignment: Assignment, cases: list[CaseResult]) -> dict[str, float]:
    """Points earned per question."""
    scores = {q.name: 0.0 for q in assignment.questions}
    for case in cases:
        scores[case.question] += case.earned
    return scores


@contextlib.contextmanager
def seeding_submission(caller: Caller):
    """While a test runs, ``np.random.seed`` here also seeds the submission's global RNG.

    Tests (and ``nnkit.checks``) seed NumPy to compare RNG-dependent functions such as
    ``initialize_parameters`` with the reference; the student's draws happen in the worker.
    """
    original = numpy.random.seed

    def seed_both(seed=None):
        original(seed)
        caller.ask({"op": "seed", "seed": None if seed is None else int(seed)}, "np.random.seed")

    numpy.random.seed = seed_both
    try:
        yield
    finally:
        numpy.random.seed = original


def run_tests(assignment: Assignment, submission: Submission, options: Options) -> Outcome:
    """Run every test case of ``assignment`` against ``submission``."""
    session = Session(submission.definitions(), options,
                      documented=blame.documented_signatures(assignment.name))
    results: list[CaseResult] = []
    try:
        for question in assignment.questions:
            for case in assignment.test_cases(question.name):
                if session.seconds_left() <= 0:
                    message = words.budget_spent_test_not_run(question.name, options.budget)
                    results.append(CaseResult(question.name, case.name, case.points, 0.0, message,
                                              "timeout"))
                    continue
                results.append(_run_case(session, assignment, question.name, case, options))
        if options.blame_reruns:
            results = _isolate_failures(assignment, session, options, results)
    finally:
        session.close()
    flags = sorted(set(submission.flags) | session.flags)
    return Outcome(cases=results, flags=flags, notes=session.notes)


def _isolate_failures(assignment: Assignment, session: Session, options: Options,
                      results: list[CaseResult]) -> list[CaseResult]:
    """Each failed test of a function whose reference calls graded helpers, run again with
    stand-ins for those helpers; the function earns what that run earns
    (:mod:`grader.grading.blame`).

    The same worker runs them (the student's definitions are put back afterwards), within the
    submission's budget; a correct submission runs none.
    """
    earned = question_scores(assignment, results)
    lost = {q.name for q in assignment.questions if earned[q.name] < q.points}
    isolated = list(results)
    for question in assignment.questions:
        failed = [i for i, r in enumerate(results)
                  if r.question == question.name and r.earned < r.points]
        helpers = sorted(blame.stand_ins(assignment, question.name)) if failed else []
        if not helpers:
            continue
        cases = {c.name: c for c in assignment.test_cases(question.name)}
        session.timed_out.pop(question.name, None)  # its hang may have been a helper's
        session.use_stand_ins(helpers)
        try:
            for index in failed:
                if session.seconds_left() <= 0:
                    break
                case = cases[results[index].name]
                session.follow(blame.recording(assignment, question.name, case))
                rerun = _run_case(session, assignment, question.name, case, options)
                if rerun.earned >= rerun.points:
                    note = blame_remark(question.name, helpers, sorted(lost & set(helpers)))
                    isolated[index] = dataclasses.replace(rerun, note=note)
                elif rerun.kind == "timeout":
                    break  # its own logic hangs: the student's own run says so already
        finally:
            session.follow(None)
            session.use_stand_ins([])
    return isolated


def blame_remark(function: str, helpers: list[str], blamed: list[str]) -> str:
    """What the student reads when a function's own logic is right and a helper's is not."""
    if blamed:
        return words.helper_at_fault(function, blamed)
    return words.helper_differs_here(function, helpers)


def _run_case(session: Session, assignment: Assignment, question: str, case, options) -> CaseResult:
    caller = Caller(session, time.monotonic() + options.timeout)
    env: dict[str, Any] = {name: FunctionProxy(caller, name) for name in assignment.graded_names}
    env["np"] = numpy
    numpy.random.seed(0)
    try:
        with seeding_submission(caller):
            case.body.call_func(env)
    except GraderError:
        raise  # the machine or the grader failed: not this test's verdict, not the student's
    except StudentError as error:  # checks.check_case notes the inputs it was called with
        message = "\n".join([str(error), *getattr(error, "__notes__", ())])
        return CaseResult(question, case.name, case.points, 0.0, message, error.kind)
    except AssertionError as error:
        message = str(error) or words.test_failed(question, case.name)
        return CaseResult(question, case.name, case.points, 0.0, message, "failed")
    except Exception as error:  # the test tripped over a malformed answer
        text = words.check_tripped(question, f"{type(error).__name__}: {error}")
        return CaseResult(question, case.name, case.points, 0.0, text[:500], "error")
    return CaseResult(question, case.name, case.points, case.points, "")
