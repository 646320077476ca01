"""``python -m grader mutate NAME``: the score on the terminal and in ``build/NAME/mutation.md``.

Exit status 0 when every non-equivalent mutant is killed by the hidden tests or listed in
``solutions/NAME.mutants.toml`` and every correct rewrite keeps full marks (what ``validate``
requires, :mod:`.full_marks`), 1 otherwise.
"""

from __future__ import annotations

import sys

from grader.assignment import Paths
from grader.mutation import full_marks, report, score
from grader.mutation.allow import allowances


def mutate(paths: Paths, jobs: int = 2, only: list[str] | None = None) -> int:
    progress = sys.stderr.isatty()  # a counter redrawn in place; a log would keep every step
    run = score.run(paths, jobs, only, progress=progress)
    allowed = allowances(paths)
    print(report.table(run))
    survivors = [v for v in run.verdicts if v.survived]
    for verdict in survivors:
        mark = "allowed" if verdict.id in allowed else "SURVIVES"
        print(f"  {mark} {verdict.function} {verdict.id}: {verdict.description}")
    kept = full_marks.run(paths, jobs, only, progress=progress)
    print(full_marks.table(kept.verdicts))
    print(full_marks.summary_line(kept.verdicts))
    problems = report.problems(run, allowed) + full_marks.problems(kept.verdicts)
    if only is None:
        report.write(paths, report.markdown(paths, run, allowed, kept.verdicts))
        print(f"wrote build/{paths.name}/mutation.md")
    print(f"{len(run.verdicts)} mutants and {len(run.baselines)} unmutated references: "
          f"{run.graded} judged now, the rest cached; {run.seconds:.1f} s; "
          f"{len(problems)} problem(s)")
    for problem in problems:
        print(f"  FAIL {problem}")
    return 1 if problems else 0
