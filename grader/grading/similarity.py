"""Near-identical submissions: a normalised-AST fingerprint per graded function, and the pairs.

A fingerprint is taken at grade time from the definition that grading uses (the last top-level
``def``/``class`` of that name in the notebook) and saved with the result, so the report finds
pairs without the notebooks. Normalisation removes what a copier changes cheaply: comments and
whitespace (the AST has neither), docstrings and other bare string statements, ``print`` calls,
and the names of local variables and parameters (renamed in order of first appearance). Cell
order does not matter: each function is fingerprinted on its own.

Functions too short to tell apart are not fingerprinted. What counts is what the student wrote:
the normalised node count minus that of the released stub (its skeleton lines are the same for
everyone). Measured on the four assignments (``python bench/similarity_threshold.py``): the
reference answers' written parts range from 5 nodes (``relu``) to 248 (``TwoLayerNet``); every
one- to four-statement formula lies below 30 — ``relu`` 5, ``sigmoid_derivative`` 6,
``sigmoid`` 11–12, ``layer_sizes`` 13, ``predict`` 15–26, ``forward_pass`` 26,
``forward_propagation`` 29 — and that is what independent students write identically, hence
``MIN_WRITTEN_NODES = 30``. None of the 95 correct variants in ``tests/corpus/*/variants``
shares a fingerprint with its reference or with another variant.

Longer functions can still be written identically by many students when the task leaves one
natural way (an ``update_parameters`` loop). A fingerprint held by more than
:func:`common_limit` submissions is therefore listed once, as a common form, not as pairs.
"""

from __future__ import annotations

import ast
import copy
import functools
import hashlib
import itertools
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from grader.grading.submission import SubmissionError, load_submission, top_level_definitions

MIN_WRITTEN_NODES = 30
COMMON_MIN, COMMON_FRACTION = 4, 0.05
_CONTEXTS = (ast.expr_context,)


@dataclass(frozen=True)
class Shape:
    """One function after normalisation: its fingerprint and its size in AST nodes."""

    fingerprint: str
    nodes: int


def shape_of(node: ast.AST) -> Shape:
    """Fingerprint and size of one definition after normalisation."""
    normal = _Normaliser(_local_names(node)).visit(copy.deepcopy(node))
    text = ast.dump(normal, annotate_fields=False, include_attributes=False)
    size = sum(1 for n in ast.walk(normal) if not isinstance(n, _CONTEXTS))
    return Shape(hashlib.sha256(text.encode()).hexdigest()[:16], size)


def fingerprints(cells: Iterable[str], names: Iterable[str], stub: Path | None) -> dict[str, str]:
    """Fingerprints of the graded functions long enough to tell apart (name → fingerprint)."""
    written = top_level_definitions(cells)
    baseline = stub_sizes(stub) if stub is not None else {}
    result = {}
    for name in names:
        if name not in written:
            continue
        try:
            shape = shape_of(written[name])
        except (RecursionError, MemoryError):  # absurdly nested code: nothing to compare
            continue
        if shape.nodes - baseline.get(name, 0) >= MIN_WRITTEN_NODES:
            result[name] = shape.fingerprint
    return result


@functools.cache
def stub_sizes(notebook: Path) -> dict[str, int]:
    """Normalised node counts of the released notebook's definitions (empty if unreadable)."""
    try:
        cells = load_submission(notebook, "released").cells
    except (OSError, SubmissionError):
        return {}
    return {name: shape_of(node).nodes for name, node in top_level_definitions(cells).items()}


@dataclass(frozen=True)
class Pair:
    """Two submissions whose fingerprints agree on ``functions``."""

    first: str
    second: str
    functions: tuple[str, ...]


@dataclass(frozen=True)
class CommonForm:
    """One function written identically by too many submissions to pair them all."""

    function: str
    students: tuple[str, ...]


@dataclass(frozen=True)
class Similarity:
    pairs: list[Pair]
    common: list[CommonForm]


def common_limit(submissions: int) -> int:
    """Above this many holders a fingerprint is a common form, not evidence about a pair.

    Like MOSS's ``-m`` (ignore passages found in more than N programs): what a large share of the
    class writes identically is more likely the natural answer (or one public source) than a
    ring of copies, and would bury the pairs that matter. It is still listed, with its students.
    """
    return max(COMMON_MIN, math.ceil(COMMON_FRACTION * submissions))


def near_identical(prints: dict[str, dict[str, str]], order: list[str]) -> Similarity:
    """Pairs sharing a fingerprint (the most shared functions first) and the common forms.

    ``prints`` maps submission → (function → fingerprint); ``order`` lists the functions in the
    order the report shows them.
    """
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    for submission, functions in sorted(prints.items()):
        for function, fingerprint in functions.items():
            holders[(function, fingerprint)].append(submission)
    rank = {name: index for index, name in enumerate(order)}
    limit = common_limit(len(prints))
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    common = []
    for (function, _), group in holders.items():
        if len(group) > limit:
            common.append(CommonForm(function, tuple(group)))
            continue
        for first, second in itertools.combinations(group, 2):
            shared[(first, second)].add(function)

    def in_order(functions) -> tuple[str, ...]:
        return tuple(sorted(functions, key=lambda f: (rank.get(f, len(rank)), f)))

    pairs = [Pair(a, b, in_order(fs)) for (a, b), fs in shared.items()]
    pairs.sort(key=lambda p: (-len(p.functions), p.first, p.second))
    common.sort(key=lambda c: (rank.get(c.function, len(rank)), -len(c.students)))
    return Similarity(pairs, common)


def _local_names(function: ast.AST) -> dict[str, str]:
    """Every name bound inside ``function`` (parameters included) → ``v0``, ``v1``, … in order."""
    declared_global = {name for node in ast.walk(function)
                       if isinstance(node, (ast.Global, ast.Nonlocal)) for name in node.names}
    bound: dict[str, str] = {}
    for node in _in_order(function):
        name = _bound_name(node)
        if name and name not in declared_global and name not in bound:
            bound[name] = f"v{len(bound)}"
    return bound


def _bound_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.arg):
        return node.arg
    if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
        return node.id
    if isinstance(node, ast.ExceptHandler):
        return node.name
    if isinstance(node, ast.alias):
        return (node.asname or node.name).split(".")[0]
    return None


def _in_order(node: ast.AST):
    """Depth first, in source order: the same traversal for a copy with other names."""
    yield node
    for child in ast.iter_child_nodes(node):
        yield from _in_order(child)


class _Normaliser(ast.NodeTransformer):
    """Renames local names and drops statements that do not change what a function computes."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.top = True

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        return self._definition(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        return self._definition(node)

    def _definition(self, node):
        # The graded definition keeps its name; nested ones are local names like any other.
        if not self.top:
            node.name = self.names.get(node.name, node.name)
        self.top = False
        self.generic_visit(node)  # drops docstrings and prints from the body, as everywhere
        return node

    def visit_Name(self, node: ast.Name) -> ast.AST:
        node.id = self.names.get(node.id, node.id)
        return node

    def visit_arg(self, node: ast.arg) -> ast.AST:
        node.arg = self.names.get(node.arg, node.arg)
        return node

    def visit_alias(self, node: ast.alias) -> ast.AST:
        if node.asname:
            node.asname = self.names.get(node.asname, node.asname)
        return node

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> ast.AST:
        if node.name:
            node.name = self.names.get(node.name, node.name)
        self.generic_visit(node)
        return node

    def generic_visit(self, node: ast.AST) -> ast.AST:
        super().generic_visit(node)
        for field in ("body", "orelse", "finalbody"):
            statements = getattr(node, field, None)
            if isinstance(statements, list) and statements and isinstance(statements[0], ast.stmt):
                setattr(node, field, [s for s in statements if not _is_noise(s)] or
                        ([ast.Pass()] if field == "body" else []))
        return node


def _is_noise(statement: ast.stmt) -> bool:
    """A docstring or other bare string, or a ``print(...)`` call: no effect on the result."""
    if not isinstance(statement, ast.Expr):
        return False
    value = statement.value
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return True
    return (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
            and value.func.id == "print")
