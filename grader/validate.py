"""``python -m grader validate``: what CI proves for every assignment.

1. The master builds (otter assign executes the notebook top to bottom and runs every test on
   the solution) and the committed student notebook is exactly what the build produces.
2. The solution scores 100 % through the sandboxed grader; the released stubs score 0.
3. Every graded function has corpus bugs and variants; every bug loses points in a test that
   compares values (not only shapes) with a message naming its function; every variant scores
   100 %.
4. Before submitting, too: every corpus bug fails its public check (``grader.check`` in the
   student's kernel) and every variant passes it.
5. Every automatic mutant of each reference that is not equivalent to it loses points in the
   hidden tests, or ``solutions/NAME.mutants.toml`` lists it with a reason (:mod:`grader.mutation`;
   verdicts are cached in ``build/.mutation-cache``, so an unchanged assignment costs seconds).
6. Every correct rewrite of each reference (``np.einsum``/``@``/``np.dot``, sums in another
   order, mean as sum/m, tanh' from Z or from A, float32 inputs, two BLAS threads) keeps full
   marks (:mod:`grader.mutation.full_marks`): a rewrite that loses a point is a test's
   tolerance bug.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from grader.assignment import Assignment, Paths
from grader.authoring.build import BuildError, build
from grader.grading.submission_files import SubmissionFile
from grader.mutation import full_marks, report, score
from grader.mutation.allow import allowances
from grader.options import prepare_options
from grader.run.canary import run_canary
from grader.run.grade import grade_one
from grader.validation import corpus, public_checks


def validate(root: Path, names: list[str]) -> bool:
    options = prepare_options(timeout=10.0, memory_mb=None)
    all_ok = True
    for name in names:
        started = time.monotonic()
        print(f"== {name}", flush=True)
        problems = validate_one(Paths(root, name), options)
        for problem in problems:
            print(f"  FAIL {problem}")
        print(f"  {'ok' if not problems else 'FAILED'} in {time.monotonic() - started:.1f} s")
        all_ok &= not problems
    return all_ok


def validate_one(paths: Paths, options) -> list[str]:
    try:
        fresh = build(paths, run_tests=True, update_student=False)
    except BuildError as error:
        return [str(error)]
    problems = []
    if not paths.student.exists() or paths.student.read_bytes() != fresh.read_bytes():
        problems.append(f"assignments/{paths.name}.ipynb is out of date: "
                        f"run `python -m grader build {paths.name}` and commit it")
    problems += solution_and_stubs(paths, options)
    problems += corpus.coverage_problems(paths, Assignment(paths).graded_names)
    with tempfile.TemporaryDirectory() as scratch:
        verdicts = corpus.run(paths, options, Path(scratch))
    print("  " + corpus.summary(verdicts).replace("\n", "\n  "))
    problems += [f"corpus {v.entry.label}: {v.problem}" for v in verdicts if not v.ok]
    public = public_checks.run(paths)
    print("  " + public_checks.summary(public).replace("\n", "\n  "))
    problems += [f"public check of {v.entry.label}: "
                 f"{'passes' if v.result.passed else 'fails'}:\n{v.result.message}"
                 for v in public if not v.ok]
    problems += mutation_problems(paths)
    return problems


def mutation_problems(paths: Paths) -> list[str]:
    """Surviving non-equivalent mutants not listed with a reason (and the mutation gate's other
    findings: a test that fails an equivalent mutant, a stale listing), and correct rewrites
    that lose points."""
    try:
        allowed = allowances(paths)
    except ValueError as error:
        return [f"mutation: {error}"]
    run = score.run(paths, jobs=2)
    print("  " + report.table(run).replace("\n", "\n  "))
    print(f"  mutants: {len(run.verdicts)} in {run.seconds:.1f} s ({run.graded} judged now)")
    kept = full_marks.run(paths, jobs=2)
    print(f"  {full_marks.summary_line(kept.verdicts)} ({kept.graded} graded now)")
    # the fresh build lacks it
    report.write(paths, report.markdown(paths, run, allowed, kept.verdicts))
    return report.problems(run, allowed) + full_marks.problems(kept.verdicts)


def solution_and_stubs(paths: Paths, options) -> list[str]:
    """The solution gets full marks and the released stubs 0; a grader error is neither."""
    problems = []
    assignment = Assignment(paths)
    canary = run_canary(paths, assignment, options)
    print(f"  solution: {canary.result.score_text()}")
    if not canary.ok:
        problems.append(f"solution scores {canary.result.score_text()} ({canary.result.status}):"
                        f"\n{canary.result.feedback}")
    stubs = grade_one(assignment, SubmissionFile("stubs", paths.student), options)
    print(f"  released stubs: {stubs.score_text()}")
    if stubs.score != 0:
        problems.append(f"released stubs score {stubs.score_text()} ({stubs.status}), expected 0")
    return problems
