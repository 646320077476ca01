"""Mutation operators: AST edits that model the mistakes students make in NumPy networks.

An operator looks at one node of a graded function and proposes edits: ``(what, replacement)``
where ``replacement`` is a new expression, or a list of statements for a statement. The
registry :data:`OPERATORS` maps each operator's name to it; :mod:`.mutants` applies every
edit of every operator at every node, one edit per mutant.

Replacements are built from copies, never from the node itself, so one node can give several
mutants of one tree.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

Replacement = ast.AST | list[ast.stmt]
Edit = tuple[str, Replacement]


@dataclass
class Context:
    """What an operator may know about the function around a node."""

    function: ast.AST
    parents: dict[ast.AST, ast.AST] = field(default_factory=dict)
    parameters: set[str] = field(default_factory=set)
    assigned: list[str] = field(default_factory=list)  # local names, in order of assignment
    numbers: set[str] = field(default_factory=set)  # parameters whose default is a number

    @classmethod
    def of(cls, function: ast.AST) -> Context:
        parents = {child: node for node in ast.walk(function)
                   for child in ast.iter_child_nodes(node)}
        parameters = {a.arg for node in ast.walk(function)
                      if isinstance(node, ast.arguments)
                      for a in [*node.posonlyargs, *node.args, *node.kwonlyargs]}
        assigned: list[str] = []
        for node in ast.walk(function):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name) and name.id not in assigned:
                            assigned.append(name.id)
        numbers = {a.arg for node in ast.walk(function) if isinstance(node, ast.arguments)
                   for a, d in zip(node.args[len(node.args) - len(node.defaults):], node.defaults,
                                   strict=True) if _number(d)}
        return cls(function, parents, parameters, assigned, numbers)

    def inside(self, node: ast.AST, kinds: tuple[type, ...]) -> bool:
        """Whether an ancestor of ``node`` is one of ``kinds``."""
        parent = self.parents.get(node)
        while parent is not None:
            if isinstance(parent, kinds):
                return True
            parent = self.parents.get(parent)
        return False


Operator = Callable[[ast.AST, Context], Iterator[Edit]]
OPERATORS: dict[str, Operator] = {}


def operator(name: str) -> Callable[[Operator], Operator]:
    """Register an operator under ``name`` (the name mutants and allow-lists use)."""
    def register(function: Operator) -> Operator:
        OPERATORS[name] = function
        return function
    return register


def _c(node: ast.AST) -> ast.AST:
    return copy.deepcopy(node)


def _call_name(node: ast.AST) -> str:
    """``np.sum`` → ``sum``, ``sigmoid`` → ``sigmoid``, ``self.sigmoid`` → ``sigmoid``."""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


NUMPY_NAMES = ("np", "numpy")


def is_numpy_name(node: ast.AST) -> bool:
    """``np`` or ``numpy`` itself."""
    return isinstance(node, ast.Name) and node.id in NUMPY_NAMES


def is_numpy_call(node: ast.AST, *names: str) -> bool:
    """A call ``np.<name>(…)``: of any name, or of one of ``names``."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and is_numpy_name(node.func.value) and (not names or node.func.attr in names))


def _expression(source: str, **names: ast.AST) -> ast.expr:
    """An expression from a template whose bare names in ``names`` are replaced by nodes."""
    tree = ast.parse(source, mode="eval").body

    class Fill(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.AST:
            return _c(names[node.id]) if node.id in names else node

    return Fill().visit(tree)


def _number(node: ast.AST) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, int | float)
            and not isinstance(node.value, bool))


# --------------------------------------------------------------------------- arithmetic

SWAPS: dict[type, tuple[type, ...]] = {
    ast.Add: (ast.Sub,), ast.Sub: (ast.Add,), ast.Mult: (ast.Div,), ast.Div: (ast.Mult,),
    ast.MatMult: (ast.Mult,), ast.Pow: (ast.Mult,),
}
SYMBOLS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.MatMult: "@",
           ast.Pow: "**"}


@operator("arithmetic_swapped")
def arithmetic_swapped(node: ast.AST, context: Context) -> Iterator[Edit]:
    """``+``↔``-``, ``*``↔``/``, ``@``→``*`` (elementwise for a matrix product), ``**``→``*``."""
    if isinstance(node, ast.BinOp):
        for new in SWAPS.get(type(node.op), ()):
            yield (f"`{SYMBOLS[type(node.op)]}` → `{SYMBOLS[new]}`",
                   ast.BinOp(_c(node.left), new(), _c(node.right)))


@operator("sign_flipped")
def sign_flipped(node: ast.AST, context: Context) -> Iterator[Edit]:
    """A minus dropped (``-np.sum(…)``, ``np.exp(-z)``) or added inside ``exp``/``log``."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        yield "minus dropped", _c(node.operand)
    elif is_numpy_call(node, "exp") and node.args \
            and not isinstance(node.args[0], ast.UnaryOp):
        call = _c(node)
        call.args[0] = ast.UnaryOp(ast.USub(), call.args[0])
        yield "argument of exp negated", call


@operator("operands_swapped")
def operands_swapped(node: ast.AST, context: Context) -> Iterator[Edit]:
    """``a - b`` → ``b - a``, ``a / b``, ``a @ b``, ``a ** b`` likewise."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub | ast.Div | ast.MatMult |
                                                   ast.Pow):
        yield "operands swapped", ast.BinOp(_c(node.right), _c(node.op), _c(node.left))


@operator("term_dropped")
def term_dropped(node: ast.AST, context: Context) -> Iterator[Edit]:
    """``a + b`` → ``a`` or ``b`` (a forgotten bias, a missing half of the cross-entropy)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub):
        yield "right term dropped", _c(node.left)
        yield "left term dropped", _c(node.right)


@operator("factor_dropped")
def factor_dropped(node: ast.AST, context: Context) -> Iterator[Edit]:
    """``a * b`` → ``a`` or ``b``; ``a / m`` → ``a`` (a forgotten ``1/m``, ``2``, learning rate)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        yield "right factor dropped", _c(node.left)
        yield "left factor dropped", _c(node.right)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        yield "divisor dropped", _c(node.left)


@operator("constant_perturbed")
def constant_perturbed(node: ast.AST, context: Context) -> Iterator[Edit]:
    """A number changed: floats ×10 and ÷10 (``0.01`` → ``0.1``), integers ±1.

    Indices, slices and ``axis=`` have their own operators; printed text is not an answer.
    """
    if not _number(node) or context.inside(node, (ast.Subscript, ast.JoinedStr)):
        return
    parent = context.parents.get(node)
    if isinstance(parent, ast.keyword) and parent.arg in ("axis", "keepdims"):
        return
    value = node.value
    if isinstance(value, float):
        news = [value * 10, value / 10] if value else [1.0]
    else:
        news = [value + 1, value - 1]
    for new in news:
        yield f"{value!r} → {new!r}", ast.Constant(new)


# --------------------------------------------------------------------------- reductions

REDUCTIONS = {"sum", "mean", "max", "min", "argmax", "argmin", "std", "var"}


def _keyword(call: ast.Call, name: str) -> ast.keyword | None:
    return next((k for k in call.keywords if k.arg == name), None)


def _with_keywords(call: ast.Call, keywords: list[ast.keyword]) -> ast.Call:
    new = _c(call)
    new.keywords = keywords
    return new


@operator("axis_changed")
def axis_changed(node: ast.AST, context: Context) -> Iterator[Edit]:
    """``axis=1`` → ``axis=0`` / ``axis=-1`` / dropped; a reduction without ``axis`` given one."""
    if not (isinstance(node, ast.Call) and _call_name(node) in REDUCTIONS):
        return
    axis = _keyword(node, "axis")
    others = [_c(k) for k in node.keywords if k.arg != "axis"]
    if axis is None:
        for value in (0, 1):
            yield (f"axis={value} added",
                   _with_keywords(node, [*others, ast.keyword("axis", ast.Constant(value))]))
        return
    yield "axis dropped", _with_keywords(node, others)
    try:
        current = ast.literal_eval(axis.value)  # -1 is a unary minus, not a constant
    except ValueError:
        current = None
    for value in (0, 1, -1):
        if value != current:
            yield (f"axis={current!r} → axis={value}",
                   _with_keywords(node, [*others, ast.keyword("axis", ast.Constant(value))]))


@operator("keepdims_toggled")
def keepdims_toggled(node: ast.AST, context: Context) -> Iterator[Edit]:
    """``keepdims=True`` dropped; a reduction along an axis given ``keepdims=True``."""
    if not (isinstance(node, ast.Call) and _call_name(node) in REDUCTIONS):
        return
    keepdims = _keyword(node, "keepdims")
    others = [_c(k) for k in node.keywords if k.arg != "keepdims"]
    if keepdims is not None:
        yield "keepdims dropped", _with_keywords(node, others)
    elif _keyword(node, "axis") is not None:
        yield ("keepdims=True added",
               _with_keywords(node, [*others, ast.keyword("keepdims", ast.Constant(True))]))


@operator("sum_mean_swapped")
def sum_mean_swapped(node: ast.AST, context: Context) -> Iterator[Edit]:
    """``np.sum`` ↔ ``np.mean`` (and the methods ``.sum()`` ↔ ``.mean()``)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ("sum", "mean"):
        new = _c(node)
        new.func.attr = "mean" if node.func.attr == "sum" else "sum"
        yield f"{node.func.attr} → {new.func.attr}", new


# --------------------------------------------------------------------------- shapes

def _matrix_operands(node: ast.AST) -> list[ast.AST]:
    """The operands of ``a @ b`` and ``np.dot(a, b)``."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
        return [node.left, node.right]
    if is_numpy_call(node, "dot", "matmul") and len(node.args) == 2:
        return list(node.args)
    return []


@operator("transpose_toggled")
def transpose_toggled(node: ast.AST, context: Context) -> Iterator[Edit]:
    """``A.T`` → ``A``; an operand of a matrix product transposed."""
    if isinstance(node, ast.Attribute) and node.attr == "T":
        yield "transpose removed", _c(node.value)
    parent = context.parents.get(node)
    if parent is not None and any(node is operand for operand in _matrix_operands(parent)) \
            and not (isinstance(node, ast.Attribute) and node.attr == "T"):
        yield "transpose added", ast.Attribute(_c(node), "T", ast.Load())


@operator("arguments_swapped")
def arguments_swapped(node: ast.AST, context: Context) -> Iterator[Edit]:
    """Two neighbouring positional arguments of a call swapped (``np.dot(X, W)``)."""
    if not isinstance(node, ast.Call) or _call_name(node) in ("print", "range", "zeros",
                                                                "randn", "reshape"):
        return
    for i in range(len(node.args) - 1):
        if ast.dump(node.args[i]) == ast.dump(node.args[i + 1]):
            continue
        new = _c(node)
        new.args[i], new.args[i + 1] = new.args[i + 1], new.args[i]
        yield f"arguments {i + 1} and {i + 2} swapped", new


@operator("off_by_one")
def off_by_one(node: ast.AST, context: Context) -> Iterator[Edit]:
    """A slice bound or a constant index ±1 (``X.shape[1]`` → ``X.shape[0]``, ``[:m]`` →
    ``[:m - 1]``)."""
    if isinstance(node, ast.Slice):
        for bound in ("lower", "upper"):
            value = getattr(node, bound)
            if value is None:
                continue
            for op, sign in ((ast.Add(), "+"), (ast.Sub(), "-")):
                new = _c(node)
                setattr(new, bound, ast.BinOp(_c(value), op, ast.Constant(1)))
                yield f"slice {bound} bound {sign}1", new
    elif isinstance(node, ast.Subscript) and _number(node.slice) \
            and isinstance(node.slice.value, int):
        for new_index in (node.slice.value + 1, node.slice.value - 1):
            new = _c(node)
            new.slice = ast.Constant(new_index)
            yield f"index {node.slice.value} → {new_index}", new


# --------------------------------------------------------------------------- activations

ACTIVATIONS = {
    "tanh": "np.tanh(x)",
    "sigmoid": "1 / (1 + np.exp(-x))",
    "relu": "np.maximum(0, x)",
}


def _activation(node: ast.AST) -> tuple[str, ast.AST] | None:
    """``(kind, argument)`` for ``np.tanh(z)``, ``sigmoid(z)``, ``relu(z)``,
    ``np.maximum(0, z)``."""
    if not isinstance(node, ast.Call):
        return None
    name = _call_name(node)
    if name == "tanh" and is_numpy_call(node) and len(node.args) == 1:
        return "tanh", node.args[0]
    if name in ("sigmoid", "relu") and len(node.args) == 1 and not node.keywords:
        return name, node.args[0]
    if name == "maximum" and is_numpy_call(node) and len(node.args) == 2 \
            and isinstance(node.args[0], ast.Constant) and node.args[0].value == 0:
        return "relu", node.args[1]
    return None


@operator("activation_swapped")
def activation_swapped(node: ast.AST, context: Context) -> Iterator[Edit]:
    """``tanh`` ↔ ``sigmoid`` ↔ ``relu``, written inline so that no helper is needed."""
    found = _activation(node)
    if found is None:
        return
    kind, argument = found
    for other, template in ACTIVATIONS.items():
        if other != kind:
            yield f"{kind} → {other}", _expression(template, x=argument)


# --------------------------------------------------------------------------- statements

def _returned_names(value: ast.AST) -> list[ast.Name]:
    """The names a return statement hands back directly (in a tuple or a dict too)."""
    if isinstance(value, ast.Name):
        return [value]
    parts = value.values if isinstance(value, ast.Dict) else getattr(value, "elts", [])
    return [part for part in parts if isinstance(part, ast.Name)]


@operator("returned_swapped")
def returned_swapped(node: ast.AST, context: Context) -> Iterator[Edit]:
    """A returned variable swapped for another: two parts of a returned tuple or dict swapped,
    or a lone returned name replaced by another local."""
    if not isinstance(node, ast.Return) or node.value is None:
        return
    names = _returned_names(node.value)
    if isinstance(node.value, ast.Name):
        for other in context.assigned:
            if other != node.value.id:
                yield (f"returns {other} instead of {node.value.id}",
                       ast.Return(ast.Name(other, ast.Load())))
        return
    for i, first in enumerate(names):
        for second in names[i + 1:]:
            if first.id == second.id:
                continue
            new = _c(node)

            class Swap(ast.NodeTransformer):
                def visit_Name(self, name: ast.Name, a=first.id, b=second.id) -> ast.AST:
                    if name.id in (a, b) and isinstance(name.ctx, ast.Load):
                        return ast.Name(b if name.id == a else a, ast.Load())
                    return name

            new.value = Swap().visit(new.value)
            yield f"returned {first.id} and {second.id} swapped", new


@operator("wrong_sign_update")
def wrong_sign_update(node: ast.AST, context: Context) -> Iterator[Edit]:
    """``W -= lr * dW`` → ``W += lr * dW`` (gradient ascent)."""
    if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Sub | ast.Add):
        new = _c(node)
        new.op = ast.Add() if isinstance(node.op, ast.Sub) else ast.Sub()
        yield f"update `{SYMBOLS[type(node.op)]}=` → `{SYMBOLS[type(new.op)]}=`", new


def _root_name(node: ast.AST) -> str | None:
    """``parameters["W1"]`` → ``parameters``; ``X`` → ``X``."""
    while isinstance(node, ast.Subscript | ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


@operator("inplace_argument")
def inplace_argument(node: ast.AST, context: Context) -> Iterator[Edit]:
    """``t = W - lr * dW`` where ``W`` is (part of) an argument → ``t = W; t -= lr * dW``: the
    caller's array is changed, and so is every later use of it in the function."""
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.BinOp)
            and isinstance(node.value.op, ast.Add | ast.Sub | ast.Mult | ast.Div)):
        return
    left = node.value.left
    if _root_name(left) not in context.parameters or (isinstance(left, ast.Name)
                                                       and left.id in context.numbers):
        return
    target = node.targets[0].id
    alias = ast.Assign([ast.Name(target, ast.Store())], _c(left))
    update = ast.AugAssign(ast.Name(target, ast.Store()), _c(node.value.op), _c(node.value.right))
    yield f"{target} updated in place of {ast.unparse(left)}", [alias, update]
