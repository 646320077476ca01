"""Correct rewrites: the reference written as a correct student writes it; each keeps full marks.

Mutants (:mod:`.operators`) prove that the hidden tests catch mistakes; rewrites prove the other
direction, that they fail nobody who is right. Each rewrite turns *every* place of one kind in a
graded function into another correct form — a student writes matrix products one way
throughout — and gives one definition per form:

- ``matmul_as_dot`` / ``matmul_as_operator`` / ``matmul_as_einsum``: ``a @ b``, ``np.dot(a, b)``
  and ``np.einsum('...j,jk->...k', a, b)`` for one another;
- ``sum_reversed`` / ``sum_sequential``: a sum in another order (the elements reversed along the
  axis; one running sum, ``np.cumsum``, instead of NumPy's pairwise summation);
- ``mean_as_sum`` / ``sum_as_mean``: ``np.mean(x, axis)`` and ``np.sum(x, axis) / m``;
- ``tanh_derivative_from_z`` / ``tanh_derivative_from_a`` / ``tanh_derivative_factored``:
  ``1 - np.tanh(Z)**2``, ``1 - A**2`` and ``(1 - A) * (1 + A)``;
- ``float32_inputs``: every floating array argument (inside dicts, lists and tuples too) cast to
  float32 on entry, so that the whole computation is float32.

:func:`rewrites_of` gives them as :class:`~grader.mutation.mutants.Mutant` (the operator is the
rewrite's name) so that they become graded cells as mutants do; :mod:`.full_marks` grades them,
and the unmutated reference once more with two OpenBLAS threads.
"""

from __future__ import annotations

import ast
import copy
import re
from collections.abc import Callable, Iterator

import numpy as np

from grader.mutation.equivalence import cases_for
from grader.mutation.mutants import Mutant, plain_source
from grader.mutation.operators import is_numpy_call, is_numpy_name

# A rewrite of a whole definition: (what, the rewritten module) per form; nothing when the
# definition has nothing of its kind.
Rewrite = Callable[[ast.Module], Iterator[tuple[str, ast.Module]]]
REWRITES: dict[str, Rewrite] = {}

# Parameters that make a function a training loop. The notebooks give float64 data and ask for
# nothing in float32; ten thousand float32 steps drift by far more than one step's rounding, so
# a float32 training run is not a correct rewrite of a float64 one.
TRAINING_PARAMETERS = frozenset({"num_iterations", "epochs"})
EINSUM_PRODUCT = "...j,jk->...k"  # a matrix (or a row vector) times a matrix


def rewrite(name: str) -> Callable[[Rewrite], Rewrite]:
    """Register a rewrite under ``name`` (the ``operator`` of the mutants it gives)."""
    def register(function: Rewrite) -> Rewrite:
        REWRITES[name] = function
        return function
    return register


def everywhere(name: str, description: str,
               transformer: Callable[[ast.Module], ast.NodeTransformer]) -> None:
    """Register rewrite ``name``: ``transformer(tree)`` turns every place of its kind in the
    definition at once, giving one rewritten definition, or none when nothing changed."""
    def whole(tree: ast.Module) -> Iterator[tuple[str, ast.Module]]:
        new = _transformed(tree, transformer(tree))
        if new is not None:
            yield description, new
    REWRITES[name] = whole


def _np(name: str, *args: ast.expr, **keywords: ast.expr) -> ast.Call:
    return ast.Call(ast.Attribute(ast.Name("np", ast.Load()), name, ast.Load()), list(args),
                    [ast.keyword(k, v) for k, v in keywords.items()])


def _transformed(tree: ast.Module, transformer: ast.NodeTransformer) -> ast.Module | None:
    """``transformer`` applied to a copy of ``tree``; None when it changed nothing."""
    before = ast.dump(tree)
    new = ast.fix_missing_locations(transformer.visit(copy.deepcopy(tree)))
    return None if ast.dump(new) == before else new


class _Bottom(ast.NodeTransformer):
    """Children first, so that nested forms (``np.sum(A @ B)``) are rewritten all the way."""

    def rewrite(self, node: ast.AST) -> ast.AST:
        return node

    def generic_visit(self, node: ast.AST) -> ast.AST:
        return self.rewrite(super().generic_visit(node))


# --------------------------------------------------------------------------- matrix products

def _product(node: ast.AST) -> tuple[ast.expr, ast.expr] | None:
    """The operands of ``a @ b``, ``np.dot(a, b)`` or ``np.matmul(a, b)``."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
        return node.left, node.right
    if is_numpy_call(node, "dot", "matmul") and len(node.args) == 2 and not node.keywords:
        return node.args[0], node.args[1]
    return None


class _Products(_Bottom):
    def __init__(self, form: Callable[[ast.expr, ast.expr], ast.expr]) -> None:
        self.form = form

    def rewrite(self, node: ast.AST) -> ast.AST:
        operands = _product(node)
        return self.form(*operands) if operands else node


PRODUCT_FORMS: dict[str, tuple[str, Callable[[ast.expr, ast.expr], ast.expr]]] = {
    "matmul_as_dot": ("matrix products as np.dot(a, b)", lambda a, b: _np("dot", a, b)),
    "matmul_as_operator": ("matrix products as a @ b",
                           lambda a, b: ast.BinOp(a, ast.MatMult(), b)),
    "matmul_as_einsum": (f"matrix products as np.einsum({EINSUM_PRODUCT!r}, a, b)",
                         lambda a, b: _np("einsum", ast.Constant(EINSUM_PRODUCT), a, b)),
}


for _name, (_description, _form) in PRODUCT_FORMS.items():
    everywhere(_name, _description, lambda tree, form=_form: _Products(form))


# --------------------------------------------------------------------------- sums and means

def _reduction(node: ast.AST,
               name: str) -> tuple[ast.expr, ast.expr | None, ast.expr | None] | None:
    """``(x, axis, keepdims)`` of ``np.<name>(x, axis=…, keepdims=…)`` or ``x.<name>(…)``;
    None for anything else (a positional axis, a dtype, ``out=``)."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute) \
            or node.func.attr != name:
        return None
    keywords = {k.arg: k.value for k in node.keywords}
    if set(keywords) - {"axis", "keepdims"}:
        return None
    if is_numpy_call(node, name):
        if len(node.args) != 1:
            return None
        x = node.args[0]
    elif isinstance(node.func.value, ast.Name | ast.Subscript | ast.Attribute) and not node.args \
            and not is_numpy_name(node.func.value):
        x = node.func.value
    else:
        return None
    return x, keywords.get("axis"), keywords.get("keepdims")


def _keywords(axis: ast.expr | None, keepdims: ast.expr | None) -> dict[str, ast.expr]:
    found = {}
    if axis is not None:
        found["axis"] = copy.deepcopy(axis)
    if keepdims is not None:
        found["keepdims"] = copy.deepcopy(keepdims)
    return found


class _Sums(_Bottom):
    def __init__(self, form: Callable[[ast.expr, ast.expr | None, ast.expr | None], ast.expr]
                 ) -> None:
        self.form = form

    def rewrite(self, node: ast.AST) -> ast.AST:
        found = _reduction(node, "sum")
        return self.form(*found) if found else node


def _reversed_sum(x: ast.expr, axis: ast.expr | None, keepdims: ast.expr | None) -> ast.expr:
    """``np.sum(np.flip(x, axis=a), axis=a, …)``: the same terms, added last to first."""
    flipped = _np("flip", x, **_keywords(axis, None))
    return _np("sum", flipped, **_keywords(axis, keepdims))


def _running_sum(x: ast.expr, axis: ast.expr | None, keepdims: ast.expr | None) -> ast.expr:
    """The last running total along the axis: one addition after another, not pairwise.
    ``np.take(np.cumsum(x, axis=a), [-1], axis=a)`` keeps the axis (``keepdims=True``)."""
    if axis is None:
        total = ast.Subscript(_np("cumsum", x), ast.Constant(-1), ast.Load())
        if keepdims is None:
            return total
        # np.sum(x, keepdims=True) keeps every axis, each of length 1.
        return _np("reshape", total, ast.Subscript(_np("ones", _np("ndim", copy.deepcopy(x)),
                                                        dtype=ast.Name("int", ast.Load())),
                                                    ast.Slice(), ast.Load()))
    keep = isinstance(keepdims, ast.Constant) and keepdims.value is True
    last = ast.List([ast.Constant(-1)], ast.Load()) if keep else ast.Constant(-1)
    if keepdims is not None and not isinstance(keepdims, ast.Constant):
        return _np("sum", x, **_keywords(axis, keepdims))  # a computed keepdims: left alone
    return _np("take", _np("cumsum", x, axis=copy.deepcopy(axis)), last,
               axis=copy.deepcopy(axis))


class _MeansAsSums(_Bottom):
    """``np.mean(x, axis=a)`` → ``np.sum(x, axis=a) / np.shape(x)[a]`` (``np.size(x)`` without
    an axis)."""

    def rewrite(self, node: ast.AST) -> ast.AST:
        found = _reduction(node, "mean")
        if not found:
            return node
        x, axis, keepdims = found
        count = _np("size", copy.deepcopy(x)) if axis is None else ast.Subscript(
            _np("shape", copy.deepcopy(x)), copy.deepcopy(axis), ast.Load())
        return ast.BinOp(_np("sum", x, **_keywords(axis, keepdims)), ast.Div(), count)


class _SumsAsMeans(_Bottom):
    """``np.sum(x, axis=a) / m`` → ``np.mean(x, axis=a)`` (and ``-np.sum(x) / m`` →
    ``-np.mean(x)``), where ``m`` is what the sum adds up: the reference's own ``/ m`` after a
    sum is its mean, which the equivalence judge confirms."""

    def rewrite(self, node: ast.AST) -> ast.AST:
        if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div)):
            return node
        left, negated = node.left, False
        if isinstance(left, ast.UnaryOp) and isinstance(left.op, ast.USub):
            left, negated = left.operand, True
        found = _reduction(left, "sum")
        if not found:
            return node
        x, axis, keepdims = found
        mean = _np("mean", x, **_keywords(axis, keepdims))
        return ast.UnaryOp(ast.USub(), mean) if negated else mean


everywhere("sum_reversed", "every sum taken in reverse order (np.flip)",
           lambda tree: _Sums(_reversed_sum))
everywhere("sum_sequential", "every sum as one running total (np.cumsum)",
           lambda tree: _Sums(_running_sum))
everywhere("mean_as_sum", "every mean as a sum divided by the count", lambda tree: _MeansAsSums())
everywhere("sum_as_mean", "every sum divided by the count as np.mean",
           lambda tree: _SumsAsMeans())


# --------------------------------------------------------------------------- tanh'

def _squared(node: ast.AST) -> ast.expr | None:
    """``a`` of ``a ** 2``, ``np.power(a, 2)``, ``np.square(a)`` or ``a * a``."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) \
            and isinstance(node.right, ast.Constant) and node.right.value == 2:
        return node.left
    if is_numpy_call(node, "power") and len(node.args) == 2 \
            and isinstance(node.args[1], ast.Constant) and node.args[1].value == 2:
        return node.args[0]
    if is_numpy_call(node, "square") and len(node.args) == 1:
        return node.args[0]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult) \
            and ast.dump(node.left) == ast.dump(node.right):
        return node.left
    return None


def _one_minus_square(node: ast.AST) -> ast.expr | None:
    """``a`` of ``1 - <a squared>``."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) \
            and isinstance(node.left, ast.Constant) and node.left.value == 1:
        return _squared(node.right)
    return None


def _tanh_argument(node: ast.AST) -> ast.expr | None:
    return node.args[0] if is_numpy_call(node, "tanh") and len(node.args) == 1 else None


def _assignments(tree: ast.Module) -> dict[str, ast.expr]:
    """``name → value`` of simple assignments, tuple assignments of tuples included."""
    found: dict[str, ast.expr] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target, value = node.targets[0], node.value
        if isinstance(target, ast.Name):
            found[target.id] = value
        elif isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) \
                and len(target.elts) == len(value.elts):
            found |= {t.id: v for t, v in zip(target.elts, value.elts, strict=True)
                      if isinstance(t, ast.Name)}
    return found


def _pre_activation(activation: ast.expr, assigned: dict[str, ast.expr]) -> ast.expr | None:
    """The ``Z`` whose tanh ``activation`` is: ``Z1`` for ``A1 = np.tanh(Z1)``, and
    ``cache["Z1"]`` for ``cache["A1"]`` (or a name assigned from it), the course's naming."""
    if isinstance(activation, ast.Name) and activation.id in assigned:
        value = assigned[activation.id]
        return _tanh_argument(value) or _pre_activation(value, {})
    if isinstance(activation, ast.Subscript) and isinstance(activation.slice, ast.Constant) \
            and isinstance(activation.slice.value, str) \
            and re.fullmatch(r"A\d*", activation.slice.value):
        z = copy.deepcopy(activation)
        z.slice = ast.Constant("Z" + activation.slice.value[1:])
        return z
    return None


def _activation_of(z: ast.expr, assigned: dict[str, ast.expr]) -> ast.expr | None:
    """A name assigned ``np.tanh(z)`` in the function, for ``1 - A**2`` from ``1 - tanh(z)**2``."""
    return next((ast.Name(name, ast.Load()) for name, value in assigned.items()
                 if (argument := _tanh_argument(value)) is not None
                 and ast.dump(argument) == ast.dump(z)), None)


TanhForm = Callable[[ast.expr | None, ast.expr | None], ast.expr | None]


class _TanhDerivatives(_Bottom):
    """Every ``1 - A**2`` (A a tanh) and ``1 - np.tanh(Z)**2`` rewritten by ``form(A, Z)``;
    ``assigned``: the definition's assignments, to tell which names hold a tanh."""

    def __init__(self, form: TanhForm, assigned: dict[str, ast.expr]) -> None:
        self.form, self.assigned = form, assigned

    def rewrite(self, node: ast.AST) -> ast.AST:
        squared = _one_minus_square(node)
        if squared is None:
            return node
        z = _tanh_argument(squared)
        a = _activation_of(z, self.assigned) if z is not None else squared
        if z is None:
            z = _pre_activation(squared, self.assigned)
            if z is None:
                return node  # 1 - x**2 of something not known to be a tanh
        return self.form(a, z) or node


TANH_FORMS: dict[str, tuple[str, TanhForm]] = {
    "tanh_derivative_from_z": ("tanh' as 1 - np.tanh(Z)**2",
                               lambda a, z: ast.BinOp(ast.Constant(1), ast.Sub(), ast.BinOp(
                                   _np("tanh", copy.deepcopy(z)), ast.Pow(), ast.Constant(2)))),
    "tanh_derivative_from_a": ("tanh' as 1 - A**2",
                               lambda a, z: None if a is None else ast.BinOp(
                                   ast.Constant(1), ast.Sub(),
                                   ast.BinOp(copy.deepcopy(a), ast.Pow(), ast.Constant(2)))),
    "tanh_derivative_factored": ("tanh' as (1 - A) * (1 + A)",
                                 lambda a, z: None if a is None else ast.BinOp(
                                     ast.BinOp(ast.Constant(1), ast.Sub(), copy.deepcopy(a)),
                                     ast.Mult(),
                                     ast.BinOp(ast.Constant(1), ast.Add(), copy.deepcopy(a)))),
}


for _name, (_description, _form) in TANH_FORMS.items():
    everywhere(_name, _description,
               lambda tree, form=_form: _TanhDerivatives(form, _assignments(tree)))


# --------------------------------------------------------------------------- float32

FLOAT32_HELPER = '''
def _float32(value):
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value.astype(np.float32)
    if isinstance(value, dict):
        return {key: _float32(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_float32(item) for item in value)
    return value
'''


@rewrite("float32_inputs")
def float32_inputs(tree: ast.Module) -> Iterator[tuple[str, ast.Module]]:
    """Every argument's floating arrays cast to float32 on entry (a student whose data is
    float32): a function, not a class, and not a training loop (:data:`TRAINING_PARAMETERS`)."""
    function = tree.body[0]
    if not isinstance(function, ast.FunctionDef):
        return
    names = [a.arg for a in [*function.args.posonlyargs, *function.args.args,
                             *function.args.kwonlyargs]]
    if not names or TRAINING_PARAMETERS & set(names):
        return
    new = copy.deepcopy(tree)
    helper = ast.parse(FLOAT32_HELPER).body
    casts = [ast.Assign([ast.Name(name, ast.Store())],
                        ast.Call(ast.Name("_float32", ast.Load()), [ast.Name(name, ast.Load())],
                                 [])) for name in names]
    new.body[0].body = [*helper, *casts, *new.body[0].body]
    yield "floating array arguments cast to float32 on entry", ast.fix_missing_locations(new)


# --------------------------------------------------------------------------- all of them

def rewrites_of_source(function: str, original: str,
                       rewrites: dict[str, Rewrite] = REWRITES) -> list[Mutant]:
    """Every distinct rewrite of the definition ``original`` that compiles, in registry order."""
    tree = ast.parse(original)
    seen = {original}
    found = []
    for name, rewrite_ in rewrites.items():
        for description, new in rewrite_(tree):
            source = ast.unparse(new) + "\n"
            try:
                compile(source, "<rewrite>", "exec")
            except SyntaxError:
                continue
            if source not in seen:
                seen.add(source)
                found.append(Mutant(function, name, description, 0, source, original))
    return found


def rewrites_of(assignment: str, function: str) -> list[Mutant]:
    """Every correct rewrite of the reference of ``function``; ``float32_inputs`` only where
    the seeded cases give it a floating array to cast (``init_params(784, 50, 10)`` has none)."""
    found = rewrites_of_source(function, plain_source(assignment, function))
    if not any(_has_floats(case.get("args", [])) for case in cases_for(assignment, function)):
        found = [m for m in found if m.operator != "float32_inputs"]
    return found


def _has_floats(value: object) -> bool:
    """Whether ``value`` holds a floating ndarray (in dicts, lists and tuples too)."""
    if isinstance(value, np.ndarray):
        return value.dtype.kind == "f"
    if isinstance(value, dict):
        return any(map(_has_floats, value.values()))
    if isinstance(value, list | tuple):
        return any(map(_has_floats, value))
    return False
