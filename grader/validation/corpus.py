"""The corpus that proves the tests: realistic bugs must lose points, correct variants must not.

``tests/corpus/<assignment>/{bugs,variants,hostile}/<function>__<slug>.py`` each hold the whole
source of one graded cell. A submission is the built solution notebook with that one cell
replaced, graded exactly as a student's would be.

A bug costs points in its own function only: every other graded function keeps full marks
(blame reruns, :mod:`grader.grading.blame`). An entry whose mistake really is another function's
too says so on a line ``# ALSO COSTS: name, name — why``. A bug counts as caught only when a
*value* test of its function takes a point: a test that only checks shapes, keys and types
(:func:`shape_only_tests`) proves nothing about the values the bug gets wrong.

Every graded function needs at least one bug and one variant (:func:`coverage_problems`): an
empty ``bugs/`` proves nothing and must not leave ``validate`` green.
"""

from __future__ import annotations

import ast
import functools
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
# The checks that look at a result's form only. A test calling nothing else is shape-only; one
# that compares a value (check_case, check_close, compare, check_gradient, …, or its own
# comparison ending in checks.fail) is a value test.
FORM_CHECKS = frozenset({"check_shape", "check_keys", "check_type"})
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
    if entry.kind == "bugs":
        form_only = shape_only_tests(assignment.paths, entry.function)
        failed = [t["name"] for t in result.tests.get(entry.function, []) if not t["passed"]]
        if failed and all(name in form_only for name in failed):
            return (f"caught only by shape-only tests ({', '.join(failed)}): a bug counts when "
                    f"a test comparing values takes a point")
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


@functools.cache
def shape_only_tests(paths: Paths, function: str) -> frozenset[str]:
    """The otter test names (``f - 3``) of ``function`` whose test function calls only
    :data:`FORM_CHECKS` of ``nnkit.checks``, read from the built test file."""
    tree = ast.parse((paths.tests / f"{function}.py").read_text(encoding="utf-8"))
    definitions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    found = set()
    for test in Assignment(paths).test_cases(function):
        called = {node.func.attr for node in ast.walk(definitions[test.body.test_func.__name__])
                  if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and isinstance(node.func.value, ast.Name) and node.func.value.id == "checks"}
        if called and called <= FORM_CHECKS:
            found.add(test.name)
    return frozenset(found)


def coverage_problems(paths: Paths, graded: list[str]) -> list[str]:
    """A graded function without a corpus bug or without a correct variant."""
    have = Counter((entry.kind, entry.function) for entry in entries(paths, ("bugs", "variants")))
    return [f"corpus: `{function}` has no {kind[:-1]} in tests/corpus/{paths.name}/{kind}/ "
            f"(each graded function needs at least one bug and one correct variant)"
            for function in graded for kind in ("bugs", "variants")
            if not have[(kind, function)]]


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
