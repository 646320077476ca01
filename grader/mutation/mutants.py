"""The mutants of one graded function: its reference, edited once by one operator.

The reference (``nnkit.reference.<assignment>.<function>``) is read with ``inspect.getsource``
and written plain — no docstring, no annotations (``Parameters`` and other names of the
reference module do not exist in the notebook) — so that the unmutated source is itself a
graded cell that must earn full marks, and a mutant differs from it by its mistake alone.
"""

from __future__ import annotations

import ast
import copy
import difflib
import functools
import hashlib
import inspect
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType

import nbformat

from grader.assignment import Paths, graded_cells
from grader.mutation.operators import OPERATORS, Context, Operator, Replacement
from nnkit.reference import loader

HEADER = "# GRADED FUNCTION: {function}\n"


@dataclass(frozen=True)
class Mutant:
    function: str
    operator: str
    description: str
    line: int  # in the plain reference source
    source: str  # the mutated definition
    original: str  # the plain reference definition

    @property
    def id(self) -> str:
        """Stable while the reference is unchanged: ``operator@hash`` of the mutated source."""
        digest = hashlib.sha256(self.source.encode()).hexdigest()[:8]
        return f"{self.operator}@{digest}"

    @property
    def diff(self) -> str:
        return "\n".join(difflib.unified_diff(
            self.original.splitlines(), self.source.splitlines(), "reference", "mutant",
            lineterm="", n=1))


def reference_module(assignment: str) -> ModuleType:
    """The reference that mutants are made of (:mod:`nnkit.reference.loader`): an assignment
    without one has nothing to mutate."""
    module = loader.reference_module(assignment)
    if module is None:
        raise ValueError(f"assignment {assignment!r} has no reference module to mutate")
    return module


def plain_source(assignment: str, function: str) -> str:
    """The reference definition of ``function`` without docstrings and annotations."""
    target = getattr(reference_module(assignment), function)
    tree = ast.parse(textwrap.dedent(inspect.getsource(target)))
    return ast.unparse(ast.fix_missing_locations(_Plain().visit(tree))) + "\n"


class _Plain(ast.NodeTransformer):
    """Drops docstrings and annotations (``x: int = 1`` becomes ``x = 1``)."""

    def _body(self, node: ast.AST) -> ast.AST:
        self.generic_visit(node)
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        node.returns = None
        return self._body(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        return self._body(node)

    def visit_arg(self, node: ast.arg) -> ast.AST:
        node.annotation = None
        return node

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST | None:
        if node.value is None:
            return None
        return ast.copy_location(ast.Assign([node.target], node.value), node)


@functools.cache
def cell_imports(paths: Paths, function: str) -> str:
    """The import lines of the solution's graded cell for ``function`` (often none)."""
    notebook = nbformat.read(paths.master, as_version=4)
    source = graded_cells(notebook).get(function, "")
    lines = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    return "".join(f"{line}\n" for line in lines)


@functools.cache
def support(paths: Paths, function: str) -> str:
    """Definitions the reference of ``function`` needs and the notebook lacks (a private helper
    such as ``_require_row_labels``, a constant such as ``CROSS_ENTROPY_EPSILON``), unmutated,
    to put in the graded cell before it; '' when the notebook has them all."""
    module = reference_module(paths.name)
    have = notebook_names(paths)
    pending, done, parts = [function], {function}, []
    while pending:
        for name in sorted(_loaded_names(plain_source(paths.name, pending.pop()))):
            value = getattr(module, name, None)
            if name in have or name in done or value is None:
                continue
            done.add(name)
            if inspect.isfunction(value) and value.__module__ == module.__name__:
                parts.append(plain_source(paths.name, name))
                pending.append(name)
            elif isinstance(value, int | float | str) and not isinstance(value, bool):
                parts.append(f"{name} = {value!r}\n")
    return "\n".join(parts)


def _loaded_names(source: str) -> set[str]:
    return {node.id for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Name)}


@functools.cache
def notebook_names(paths: Paths) -> frozenset[str]:
    """The names the master notebook's code cells define or import at top level."""
    notebook = nbformat.read(paths.master, as_version=4)
    names: set[str] = set()
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # IPython magics
            continue
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Import | ast.ImportFrom):
                names |= {(a.asname or a.name).split(".")[0] for a in node.names}
            elif isinstance(node, ast.Assign):
                names |= {t.id for target in node.targets for t in ast.walk(target)
                          if isinstance(t, ast.Name)}
    return frozenset(names)


def graded_cell(function: str, source: str, imports: str = "", helpers: str = "") -> str:
    """A graded cell defining ``source`` (after ``helpers``), as a student's notebook holds it."""
    return HEADER.format(function=function) + imports + "\n" + helpers + \
        ("\n\n" if helpers else "") + source


def cell_for(paths: Paths, mutant: Mutant) -> str:
    """The graded cell a mutant is graded as: the solution's imports, support, the mutant."""
    return graded_cell(mutant.function, mutant.source, cell_imports(paths, mutant.function),
                       support(paths, mutant.function))


def mutants_of(assignment: str, function: str) -> list[Mutant]:
    """Every distinct mutant of the reference of ``function`` that compiles, in source order."""
    return mutants_of_source(function, plain_source(assignment, function))


def mutants_of_source(function: str, original: str,
                      operators: Mapping[str, Operator] = OPERATORS) -> list[Mutant]:
    """Every distinct mutant of the definition ``original`` that compiles, in source order."""
    tree = ast.parse(original)
    context = Context.of(tree.body[0])
    seen = {original}
    found = []
    for index, node in enumerate(ast.walk(tree)):
        for name, operator in operators.items():
            for description, replacement in operator(node, context):
                source = _applied(tree, index, replacement)
                if source is None or source in seen:
                    continue
                seen.add(source)
                line = getattr(node, "lineno", 0)
                found.append(Mutant(function, name, f"line {line}: {description}", line,
                                    source, original))
    return found


def graded_part(paths: Paths, mutant: Mutant) -> bool:
    """Whether a mutant edits code a student writes. A class's reference may have methods the
    notebook's class lacks (``TwoLayerNet.loss``): an edit there is no mistake a student can
    make. Methods the notebook's class defines count, and those they call (``self.gradients``
    from ``backward``: the reference splits what the student writes in one method)."""
    written = notebook_methods(paths, mutant.function)
    if written is None:
        return True
    methods = {node.name: node for node in ast.parse(mutant.original).body[0].body
               if isinstance(node, ast.FunctionDef)}
    reached, pending = set(), [name for name in written if name in methods]
    while pending:
        name = pending.pop()
        if name not in reached:
            reached.add(name)
            pending += [call.func.attr for call in ast.walk(methods[name])
                        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                        and call.func.attr in methods]
    return not any(node.lineno <= mutant.line <= node.end_lineno
                   for name, node in methods.items() if name not in reached)


@functools.cache
def notebook_methods(paths: Paths, function: str) -> frozenset[str] | None:
    """The methods of the class the master's graded cell defines; None for a function."""
    source = graded_cells(nbformat.read(paths.master, as_version=4)).get(function, "")
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == function:
            return frozenset(n.name for n in node.body if isinstance(n, ast.FunctionDef))
    return None


def _applied(tree: ast.Module, index: int, replacement: Replacement) -> str | None:
    """The source of ``tree`` with its ``index``-th node (in ``ast.walk`` order) replaced;
    None when the result does not compile."""
    mutated = copy.deepcopy(tree)
    target = next(node for i, node in enumerate(ast.walk(mutated)) if i == index)

    class Replace(ast.NodeTransformer):
        def visit(self, node: ast.AST):
            return copy.deepcopy(replacement) if node is target else self.generic_visit(node)

    mutated = ast.fix_missing_locations(Replace().visit(mutated))
    try:
        source = ast.unparse(mutated) + "\n"
        compile(source, "<mutant>", "exec")
    except (SyntaxError, ValueError, TypeError, AttributeError):
        return None
    return source
