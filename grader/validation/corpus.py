"""The corpus that proves the tests: realistic bugs must lose points, correct variants must not.

``tests/corpus/<assignment>/{bugs,variants,hostile}/<function>__<slug>.py`` each hold the whole
source of one graded cell. A submission is the built solution notebook with that one cell
replaced, graded exactly as a student's would be.

A bug costs points in its own function only: every other graded function keeps full marks
(blame reruns, :mod:`grader.grading.blame`). An entry whose mistake really is another function's
too says so on a line ``# ALSO COSTS: name, name — why``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import nbformat

from grader.assignment import Assignment, Paths, with_graded_cells
from grader.grading.gradebook import Result
from grader.grading.submission_files import SubmissionFile
from grader.options import Options
from grader.run.grade import grade_one

KINDS = ("bugs", "variants", "hostile")
ALSO_COSTS = re.compile(r"^# ALSO COSTS:\s*([\w, ]+)", re.MULTILINE)


@dataclass(frozen=True)
class Entry:
    kind: str
    function: str
    slug: str
    source: str

    @property
    def stem(self) -> str:
        """The entry's file name without ``.py``: ``function__slug``."""
        return f"{self.function}__{self.slug}"

    @property
    def label(self) -> str:
        return f"{self.kind}/{self.stem}"

    @property
    def also_costs(self) -> set[str]:
        """Functions besides its own that this bug may cost (declared in the entry)."""
        found = ALSO_COSTS.search(self.source)
        return {name.strip() for name in found[1].split(",")} if found else set()


def corpus_dir(paths: Paths) -> Path:
    return paths.root / "tests" / "corpus" / paths.name


def entries(paths: Paths, kinds: tuple[str, ...] = KINDS) -> list[Entry]:
    found = []
    for kind in kinds:
        for path in sorted((corpus_dir(paths) / kind).glob("*.py")):
            function, _, slug = path.stem.partition("__")
            found.append(Entry(kind, function, slug, path.read_text(encoding="utf-8")))
    return found


def notebook_with(paths: Paths, replacements: dict[str, str]) -> nbformat.NotebookNode:
    """The built solution notebook with some graded cells replaced (function → cell source)."""
    return with_graded_cells(nbformat.read(paths.solution_notebook, as_version=4), replacements)


@dataclass
class Verdict:
    entry: Entry
    result: Result
    problem: str  # empty when the entry behaved as it must

    @property
    def ok(self) -> bool:
        return not self.problem


def judge(entry: Entry, assignment: Assignment, result: Result) -> str:
    """Why an entry's grade is wrong, or '' when it is right."""
    if result.status != "ok":
        return f"status {result.status}"
    if entry.kind == "variants":
        if result.score < result.max_score:
            lost = [q for q, s in result.questions.items()
                    if s < next(x.points for x in assignment.questions if x.name == q)]
            return f"correct variant lost points in {lost}: {result.feedback[-400:]}"
        return ""
    full = next(q.points for q in assignment.questions if q.name == entry.function)
    if result.questions.get(entry.function, full) >= full:
        return "bug kept full marks"
    if f"`{entry.function}`" not in result.feedback or entry.function not in _messages(result):
        return "no message names the function"
    if entry.kind == "bugs":
        others = collateral(entry, assignment, result)
        if others:
            return f"also cost {others}: a mistake costs points in its own function only"
    return ""


def collateral(entry: Entry, assignment: Assignment, result: Result) -> dict[str, float]:
    """Other functions that lost points, beyond those the entry declares."""
    allowed = {entry.function} | entry.also_costs
    return {q.name: result.questions.get(q.name, 0.0) for q in assignment.questions
            if q.name not in allowed and result.questions.get(q.name, 0.0) < q.points}


def _messages(result: Result) -> str:
    _, _, after_table = result.feedback.partition("\n## ")
    return after_table


def run(paths: Paths, options: Options, scratch: Path,
        kinds: tuple[str, ...] = KINDS) -> list[Verdict]:
    """Grade every corpus entry of one assignment."""
    assignment = Assignment(paths)
    scratch.mkdir(parents=True, exist_ok=True)
    verdicts = []
    for entry in entries(paths, kinds):
        target = scratch / f"{entry.kind}__{entry.stem}.ipynb"
        nbformat.write(notebook_with(paths, {entry.function: entry.source}), target)
        result = grade_one(assignment, SubmissionFile(entry.label, target), options)
        verdicts.append(Verdict(entry, result, judge(entry, assignment, result)))
    return verdicts


def summary(verdicts: list[Verdict]) -> str:
    counts = Counter((v.entry.kind, v.entry.function) for v in verdicts)
    functions = sorted({v.entry.function for v in verdicts})
    lines = [f"{'function':<28}{'bugs':>6}{'variants':>10}{'hostile':>9}"]
    for function in functions:
        lines.append(f"{function:<28}{counts[('bugs', function)]:>6}"
                     f"{counts[('variants', function)]:>10}{counts[('hostile', function)]:>9}")
    failing = [v for v in verdicts if not v.ok]
    bugs = [v for v in verdicts if v.entry.kind == "bugs"]
    spilled = [v for v in bugs if "also cost" in v.problem]
    lines.append(f"{len(verdicts)} entries, {len(failing)} misgraded; "
                 f"{len(spilled)} of {len(bugs)} bugs cost points outside their own function")
    lines += [f"  MISGRADED {v.entry.label}: {v.problem}" for v in failing]
    return "\n".join(lines)
