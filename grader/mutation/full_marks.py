"""No false failures: every correct rewrite of every reference keeps full marks.

Each rewrite (:mod:`.rewrites`) becomes a submission — the built solution with that one graded
cell replaced, as a mutant does (:func:`grader.mutation.mutants.cell_for`) — and is graded
through the real sandboxed runner; it must lose no point in any test, public or hidden, and pass
``grader.check`` in the student's kernel. The unmutated reference of each function is graded
once more with two OpenBLAS threads in the worker
(:attr:`grader.isolation.walls.Limits.blas_threads`; grading uses one), so that no test
depends on the BLAS build's summation order.

Each rewrite is also judged equivalent to the reference in process (:mod:`.equivalence`): one
that is not is a mistake of :mod:`.rewrites`, never a test's to pass. A rewrite that loses a
point is a tolerance bug in a test: fix it at the test. Verdicts are cached beside the mutants'
(``<cache>/NAME/rewrites``), keyed by the same fingerprint.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from grader.assignment import Paths
from grader.errors import GraderError
from grader.mutation import classify, score
from grader.mutation.mutants import Mutant, plain_source
from grader.mutation.rewrites import rewrites_of
from grader.options import prepare_options

BLAS_THREADS = 2  # the other thread count a grade must not depend on (grading uses 1)
BLAS_OPERATOR = "blas_two_threads"


@dataclass
class Kept(classify.Judged):
    """What the tests made of one correct rewrite (not equivalent: a mistake of the rewrite,
    not of a test)."""

    public_passed: bool = False
    lost: dict[str, float] = field(default_factory=dict)  # "function/test" → points lost
    messages: list[str] = field(default_factory=list)  # the first failing checks' messages
    error: str = ""  # the grader could not grade it

    @property
    def full_marks(self) -> bool:
        return self.public_passed and not self.lost and not self.error


def blas_baseline(paths: Paths, function: str) -> Mutant:
    """The reference itself, to be graded with :data:`BLAS_THREADS` threads."""
    source = plain_source(paths.name, function)
    return Mutant(function, BLAS_OPERATOR,
                  f"the reference graded with OPENBLAS_NUM_THREADS={BLAS_THREADS}", 0, source,
                  source)


def candidates(paths: Paths, function: str) -> list[Mutant]:
    """The rewrites of ``function`` and its reference with two BLAS threads."""
    return [*rewrites_of(paths.name, function), blas_baseline(paths, function)]


def judge(paths: Paths, rewrite: Mutant) -> Kept:
    """Equivalence in process, the public check in process, every test through the runner."""
    kept, notebook, public = classify.start(paths, rewrite, Kept)
    kept.public_passed = public.passed
    if not public.passed:
        kept.messages.append(f"grader.check: {public.message[:500]}")
    options = prepare_options(timeout=10.0, memory_mb=None)
    if rewrite.operator == BLAS_OPERATOR:
        options.limits = dataclasses.replace(options.limits, blas_threads=BLAS_THREADS)
    try:
        graded = classify.grade(paths, notebook, options)
    except GraderError as error:
        kept.error = str(error)[:300]
        return kept
    failed = [case for case in graded if classify.lost(case)]
    kept.lost = {f"{c.question}/{c.name}": c.points - c.earned for c in failed}
    kept.messages += [f"{c.question}/{c.name}: {c.message[:500]}" for c in failed[:3]]
    return kept


@dataclass
class Rewrites:
    """Every rewrite's verdict, in function order."""

    verdicts: list[Kept]
    graded: int  # verdicts computed now, not read from the cache


def run(paths: Paths, jobs: int = 2, only: list[str] | None = None,
        progress: bool = False) -> Rewrites:
    """The verdict of every correct rewrite of every graded function (or of ``only`` those)."""
    names = [f for f in score.functions(paths) if only is None or f in only]
    todo = [rewrite for name in names for rewrite in candidates(paths, name)]
    verdicts, graded = score.cached_verdicts(
        paths, todo, score.cache_folder(paths) / "rewrites", jobs=jobs, progress=progress,
        prune=only is None, kind=Kept, judge=judge, noun="correct rewrites", salt="rewrite\n")
    return Rewrites(verdicts, graded)


def summary_line(verdicts: list[Kept]) -> str:
    """``correct rewrites: N/N keep full marks`` (what ``mutate`` prints)."""
    kept = sum(v.full_marks for v in verdicts)
    return f"correct rewrites: {kept}/{len(verdicts)} keep full marks"


def problems(verdicts: list[Kept]) -> list[str]:
    """What ``validate`` fails on: a rewrite that loses a point (a test's tolerance bug), one
    that is not equivalent (a mistake of :mod:`.rewrites`), one the grader could not grade."""
    found = []
    for v in verdicts:
        if v.error:
            found.append(f"rewrite: {v.function}: {v.id} not graded: {v.error}")
        elif not v.full_marks:
            found.append(f"rewrite: {v.function}: the correct rewrite {v.id} ({v.description}) "
                         f"loses points {v.lost or '(grader.check fails it)'}: a tolerance bug "
                         f"in a test, fix it at the test:\n{v.diff}\n  " + "\n  ".join(v.messages))
        if not v.equivalent:
            found.append(f"rewrite: {v.function}: {v.id} ({v.description}) is not equivalent "
                         f"to the reference (a mistake of grader/mutation/rewrites.py): "
                         f"{v.differs_on}")
    return found


def table(verdicts: list[Kept]) -> str:
    """Per rewrite kind and per function: how many keep full marks."""
    kinds = sorted({v.operator for v in verdicts})
    functions = list(dict.fromkeys(v.function for v in verdicts))
    lines = [f"{'correct rewrite':<28}{'full marks':>12}"]
    for kind in kinds:
        mine = [v for v in verdicts if v.operator == kind]
        lines.append(f"{kind:<28}{sum(v.full_marks for v in mine):>6}/{len(mine):<5}")
    lines.append(f"{'function':<28}{'full marks':>12}")
    for function in functions:
        mine = [v for v in verdicts if v.function == function]
        lines.append(f"{function:<28}{sum(v.full_marks for v in mine):>6}/{len(mine):<5}")
    return "\n".join(lines)


def markdown(verdicts: list[Kept]) -> str:
    """The section of ``mutation.md`` on the correct rewrites."""
    parts = ["## Correct rewrites\n",
             "Each is the reference of one graded function written another correct way "
             "(`grader/mutation/rewrites.py`), or the reference graded with "
             f"{BLAS_THREADS} OpenBLAS threads; graded as a submission, it must keep every "
             "point and pass `grader.check`.\n",
             f"{summary_line(verdicts)}.\n", "```\n" + table(verdicts) + "\n```\n"]
    for v in verdicts:
        mark = "full marks" if v.full_marks else f"**loses {v.lost or 'its public check'}**"
        parts.append(f"- `{v.function}` `{v.id}` {v.description}: {mark}"
                     + ("" if v.equivalent else " — **not equivalent (a rewrite bug)**"))
    return "\n".join(parts) + "\n"

