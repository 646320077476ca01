"""One mutant's verdict: equivalent or not (in process), and what the tests make of it.

The mutant becomes a submission — the built solution with that one graded cell replaced
(:func:`grader.validation.corpus.notebook_with`) — and is graded through the real runner, in the
sandbox, with blame reruns, exactly as a student's notebook. It is *killed by the hidden tests*
when a hidden test of its own function loses points; *killed by the public tests* when
``grader.check`` fails it in the student's kernel (:mod:`grader.validation.public_checks`, in
process). Points lost by any other function are *collateral*: a mutant costs its own function only.
"""

from __future__ import annotations

import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TypeVar

import nbformat

from grader.assignment import Paths, load_assignment
from grader.errors import GraderError
from grader.grading.runner import CaseResult, run_tests
from grader.grading.submission import load_submission
from grader.mutation import equivalence
from grader.mutation.mutants import Mutant, cell_for
from grader.options import Options, prepare_options
from grader.validation import corpus, public_checks
from nnkit.notebook import CheckResult


@dataclass
class Judged:
    """Where every judgement of a changed reference (a mutant, a correct rewrite) starts: which
    change it is, and whether it gives the reference's outputs in process."""

    function: str
    id: str
    operator: str
    description: str
    diff: str
    equivalent: bool
    differs_on: str  # the first case on which it differs from the reference ("" if none)
    cases: int = 0  # cases compared in process

    def to_json(self) -> dict:
        return asdict(self)


J = TypeVar("J", bound=Judged)


def start(paths: Paths, change: Mutant,
          kind: type[J]) -> tuple[J, nbformat.NotebookNode, CheckResult]:
    """The in-process half of a judgement: equivalence, the solution notebook with the change in
    its function's cell, and that function's public check in the student's way."""
    judged = equivalence.judge(paths.name, change.function, change.source)
    verdict = kind(change.function, change.id, change.operator, change.description, change.diff,
                   judged.equivalent, judged.differs_on, judged.cases)
    notebook = corpus.notebook_with(paths, {change.function: cell_for(paths, change)})
    public = public_checks.check(paths, public_checks.namespace_of(notebook), change.function)
    return verdict, notebook, public


@dataclass
class Verdict(Judged):
    """A mutant's: killed by the hidden tests, by the public ones, or survived."""

    hidden_killed: bool = False
    public_killed: bool = False
    collateral: dict[str, float] = field(default_factory=dict)  # other function → points lost
    error: str = ""  # the grader could not grade it: neither killed nor survived

    @property
    def survived(self) -> bool:
        """Non-equivalent, graded, and no hidden test lost a point."""
        return not self.equivalent and not self.error and not self.hidden_killed

    @property
    def false_failure(self) -> bool:
        """Equivalent to the reference, yet a hidden test took points: a test to mend."""
        return self.equivalent and self.hidden_killed


def judge(paths: Paths, mutant: Mutant) -> Verdict:
    """Equivalence in process, the public check in process, the grade through the runner."""
    verdict, notebook, public = start(paths, mutant, Verdict)
    verdict.public_killed = not public.passed
    try:
        graded = grade(paths, notebook)
    except GraderError as error:
        verdict.error = str(error)[:300]
        return verdict
    verdict.hidden_killed = any(lost(c) and c.question == mutant.function and hidden(paths, c)
                                for c in graded)
    verdict.collateral = collateral(graded, mutant.function)
    return verdict


def grade(paths: Paths, notebook: nbformat.NotebookNode,
          options: Options | None = None) -> list[CaseResult]:
    """Every test's result for ``notebook``, graded as ``python -m grader grade`` grades (or
    with ``options``: the correct rewrites are graded with two BLAS threads too)."""
    assignment = load_assignment(paths)
    options = options or prepare_options(timeout=10.0, memory_mb=None)
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "mutant.ipynb"
        nbformat.write(notebook, target)
        submission = load_submission(target, "mutant")
        return run_tests(assignment, submission, options).cases


def lost(case: CaseResult) -> bool:
    return case.earned < case.points


def hidden(paths: Paths, case: CaseResult) -> bool:
    """Whether the otter test ``case`` ran is hidden (``hidden: true`` in the master)."""
    tests = load_assignment(paths).test_cases(case.question)
    return any(test.name == case.name and test.hidden for test in tests)


def collateral(graded: list[CaseResult], function: str) -> dict[str, float]:
    """Points lost by functions other than ``function``."""
    found: dict[str, float] = {}
    for case in graded:
        if case.question != function and lost(case):
            found[case.question] = found.get(case.question, 0.0) + case.points - case.earned
    return found
