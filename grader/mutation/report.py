"""The mutation score: a table for the terminal, ``build/NAME/mutation.md``, validate's problems.

Per function, *score = killed / non-equivalent*, for the hidden tests (graded through the
runner) and for the public tests (``grader.check``) side by side. Equivalent mutants are left
out of both and listed with how they were judged; survivors with their diff and the inputs on
which they differ from the reference.
"""

from __future__ import annotations

from dataclasses import dataclass

from grader.assignment import Paths
from grader.authoring.staging import build_lock, staged
from grader.mutation import equivalence, full_marks
from grader.mutation.allow import Allowance
from grader.mutation.classify import Verdict
from grader.mutation.full_marks import Kept
from grader.mutation.score import Run


@dataclass(frozen=True)
class Score:
    function: str
    mutants: int
    equivalent: int
    hidden_killed: int
    public_killed: int
    errors: int

    @property
    def non_equivalent(self) -> int:
        return self.mutants - self.equivalent

    def ratio(self, killed: int) -> str:
        return f"{killed}/{self.non_equivalent}"


def scores(run: Run) -> list[Score]:
    """One row per function, in notebook order, and a last row ``all``."""
    names = [b.function for b in run.baselines]
    rows = [_score(name, [v for v in run.verdicts if v.function == name]) for name in names]
    return [*rows, _score("all", run.verdicts)]


def _score(name: str, verdicts: list[Verdict]) -> Score:
    different = [v for v in verdicts if not v.equivalent]
    return Score(name, len(verdicts), len(verdicts) - len(different),
                 sum(v.hidden_killed for v in different), sum(v.public_killed for v in different),
                 sum(bool(v.error) for v in verdicts))


def table(run: Run) -> str:
    lines = [f"{'function':<26}{'mutants':>8}{'equiv':>7}{'hidden':>10}{'public':>10}"
             f"{'survive':>9}"]
    for row in scores(run):
        lines.append(f"{row.function:<26}{row.mutants:>8}{row.equivalent:>7}"
                     f"{row.ratio(row.hidden_killed):>10}{row.ratio(row.public_killed):>10}"
                     f"{row.non_equivalent - row.hidden_killed - row.errors:>9}")
    return "\n".join(lines)


def problems(run: Run, allowed: dict[str, Allowance]) -> list[str]:
    """What ``validate`` fails on: survivors not listed, false failures, collateral, a reference
    that does not keep full marks, listed mutants that no longer exist."""
    found = [f"mutation: the reference of {b.function} itself "
             f"{'loses points' if b.hidden_killed or b.public_killed else 'differs'}: "
             f"{b.differs_on or b.error}" for b in run.baselines
             if b.hidden_killed or b.public_killed or not b.equivalent or b.error]
    for v in run.verdicts:
        if v.survived and v.id not in allowed:
            found.append(f"mutation: {v.function}: mutant {v.id} ({v.description}) survives the "
                         f"hidden tests (list it in solutions/NAME.mutants.toml with a reason, "
                         f"or strengthen a test):\n{v.diff}\n  differs on: {v.differs_on}")
        if v.false_failure:
            found.append(f"mutation: {v.function}: mutant {v.id} gives the reference's outputs "
                         f"yet a hidden test takes points (a tolerance bug in a test)")
        if v.hidden_killed and v.collateral:
            found.append(f"mutation: {v.function}: mutant {v.id} also costs {v.collateral}")
        if v.error:
            found.append(f"mutation: {v.function}: mutant {v.id} not graded: {v.error}")
    ids = {v.id for v in run.verdicts}
    found += [f"mutation: {a.id} is listed in mutants.toml but is no longer a mutant of "
              f"{a.function} (its reference changed): look at it again" for a in allowed.values()
              if a.id not in ids]
    return found


def markdown(paths: Paths, run: Run, allowed: dict[str, Allowance],
             rewrites: list[Kept] | None = None) -> str:
    """``mutation.md``: the score, the equivalents and how judged, every survivor in full, and
    the correct rewrites (:mod:`.full_marks`) when given."""
    parts = [f"# Mutation score of `{paths.name}`\n",
             "Each mutant is the reference of one graded function with one edit, graded as a "
             "submission (the solution with that cell replaced). *Hidden* = killed by the hidden "
             "tests through the sandboxed runner; *public* = failed by `grader.check`. Scores "
             "are killed / non-equivalent.\n",
             f"Equivalent = the reference's outputs within RTOL/ATOL of `nnkit.checks` on "
             f"{equivalence.SEEDS} seeded cases of several sizes plus the public cases "
             f"(m = 1 among them), and {equivalence.DEFAULT_CASES} of them again with default "
             "arguments and with each flag (`print_cost`) flipped; "
             "judged in process, independently of the tests.\n",
             "```\n" + table(run) + "\n```\n"]
    equivalents = [v for v in run.verdicts if v.equivalent]
    parts.append(f"## Equivalent mutants ({len(equivalents)})\n")
    parts += [f"- `{v.function}` `{v.id}` {v.description}: same outputs on {v.cases} cases"
              + (" — **yet a hidden test takes points**" if v.false_failure else "")
              for v in equivalents]
    survivors = [v for v in run.verdicts if v.survived]
    parts.append(f"\n## Surviving non-equivalent mutants ({len(survivors)})\n")
    for v in survivors:
        allowance = allowed.get(v.id)
        status = f"allowed: {allowance.reason}" if allowance else "**not allowed**"
        parts.append(f"### `{v.function}` `{v.id}` — {v.description}\n\n{status}; "
                     f"public tests: {'kill it' if v.public_killed else 'let it pass'}.\n\n"
                     f"```diff\n{v.diff}\n```\n\nDiffers from the reference on:\n\n"
                     f"```\n{v.differs_on}\n```\n")
    spilled = [v for v in run.verdicts if v.hidden_killed and v.collateral]
    if spilled:
        parts.append("## Killed, but also costing other functions\n")
        parts += [f"- `{v.function}` `{v.id}` {v.description}: {v.collateral}" for v in spilled]
    if rewrites is not None:
        parts.append("\n" + full_marks.markdown(rewrites))
    return "\n".join(parts) + "\n"


def write(paths: Paths, text: str) -> None:
    """Add ``mutation.md`` to the published build, as a new build
    (:mod:`grader.authoring.staging`)."""
    with build_lock(paths), staged(paths, copy_current=True) as stage:
        (stage.build / "mutation.md").write_text(text, encoding="utf-8")
