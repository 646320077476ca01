"""The mutation operators on small functions: each proposes the mistakes it models, and only
those (:mod:`grader.mutation.operators`)."""

from __future__ import annotations

import numpy as np
import pytest

from grader.mutation.mutants import mutants_of_source, plain_source
from grader.mutation.operators import OPERATORS


def mutated(operator: str, source: str) -> set[str]:
    """The bodies (the lines after ``def``) of ``operator``'s mutants of ``source``."""
    found = mutants_of_source("f", source, {operator: OPERATORS[operator]})
    return {"\n".join(line.strip() for line in m.source.splitlines()[1:]) for m in found}


@pytest.mark.parametrize(("operator", "source", "expected"), [
    ("arithmetic_swapped", "def f(a, b):\n    return a + b\n", {"return a - b"}),
    ("arithmetic_swapped", "def f(W, X):\n    return W @ X\n", {"return W * X"}),
    ("sign_flipped", "def f(z):\n    return 1 / (1 + np.exp(-z))\n",
     {"return 1 / (1 + np.exp(z))"}),
    ("operands_swapped", "def f(a, y):\n    return a - y\n", {"return y - a"}),
    ("term_dropped", "def f(W, X, b):\n    return W @ X + b\n", {"return W @ X", "return b"}),
    ("factor_dropped", "def f(d, m):\n    return d / m\n", {"return d"}),
    ("factor_dropped", "def f(d):\n    return 2 * d\n", {"return 2", "return d"}),
    ("constant_perturbed", "def f(n):\n    return np.random.randn(n) * 0.01\n",
     {"return np.random.randn(n) * 0.1", "return np.random.randn(n) * 0.001"}),
    ("axis_changed", "def f(d):\n    return np.sum(d, axis=1, keepdims=True)\n",
     {"return np.sum(d, keepdims=True)", "return np.sum(d, keepdims=True, axis=0)",
      "return np.sum(d, keepdims=True, axis=-1)"}),
    ("keepdims_toggled", "def f(d):\n    return np.sum(d, axis=1, keepdims=True)\n",
     {"return np.sum(d, axis=1)"}),
    ("keepdims_toggled", "def f(d):\n    return np.sum(d, axis=1)\n",
     {"return np.sum(d, axis=1, keepdims=True)"}),
    ("sum_mean_swapped", "def f(d):\n    return np.sum(d)\n", {"return np.mean(d)"}),
    ("transpose_toggled", "def f(d, A):\n    return d @ A.T\n",
     {"return d @ A", "return d.T @ A.T"}),
    ("arguments_swapped", "def f(W, X):\n    return np.dot(W, X)\n", {"return np.dot(X, W)"}),
    ("activation_swapped", "def f(z):\n    return np.tanh(z)\n",
     {"return 1 / (1 + np.exp(-z))", "return np.maximum(0, z)"}),
    ("activation_swapped", "def f(z):\n    return sigmoid(z)\n",
     {"return np.tanh(z)", "return np.maximum(0, z)"}),
    ("off_by_one", "def f(X):\n    return X.shape[1]\n",
     {"return X.shape[2]", "return X.shape[0]"}),
    ("off_by_one", "def f(X, m):\n    return X[:, :m]\n",
     {"return X[:, :m + 1]", "return X[:, :m - 1]"}),
    ("returned_swapped", "def f(a, b):\n    da = a\n    db = b\n    return (da, db)\n",
     {"da = a\ndb = b\nreturn (db, da)"}),
    ("wrong_sign_update", "def f(W, dW):\n    W -= 0.1 * dW\n    return W\n",
     {"W += 0.1 * dW\nreturn W"}),
    ("inplace_argument", "def f(W, dW):\n    new = W - 0.1 * dW\n    return new\n",
     {"new = W\nnew -= 0.1 * dW\nreturn new"}),
])
def test_operator_proposes_the_mistake(operator, source, expected):
    assert mutated(operator, source) == expected


@pytest.mark.parametrize(("operator", "source"), [
    # Nothing to edit: each operator leaves what it does not model alone.
    ("arithmetic_swapped", "def f(a):\n    return np.tanh(a)\n"),
    ("sign_flipped", "def f(a, b):\n    return a + b\n"),
    ("constant_perturbed", "def f(X):\n    return X.shape[1]\n"),  # an index: off_by_one's
    ("constant_perturbed", "def f(d):\n    return np.sum(d, axis=1)\n"),  # axis_changed's
    ("keepdims_toggled", "def f(d):\n    return np.sum(d)\n"),  # no axis: nothing to keep
    ("sum_mean_swapped", "def f(d):\n    return np.max(d)\n"),
    ("transpose_toggled", "def f(a, b):\n    return a * b\n"),
    ("arguments_swapped", "def f(a):\n    return np.dot(a, a)\n"),  # the same argument twice
    ("activation_swapped", "def f(z):\n    return np.exp(z)\n"),
    ("returned_swapped", "def f(a):\n    return (a, a)\n"),
    ("wrong_sign_update", "def f(W, dW):\n    W = W - dW\n    return W\n"),  # arithmetic's
    ("inplace_argument", "def f(W, dW):\n    t = 1 - dW\n    return t\n"),  # a constant first
])
def test_operator_leaves_other_code_alone(operator, source):
    assert mutated(operator, source) == set()


def test_an_inplace_update_changes_the_callers_array():
    """The mutant of ``inplace_argument`` really aliases: the caller's W changes."""
    source = "def f(W, dW):\n    new = W - 0.5 * dW\n    return new\n"
    (mutant,) = mutants_of_source("f", source, {"inplace_argument": OPERATORS["inplace_argument"]})
    namespace = {"np": np}
    exec(mutant.source, namespace)  # noqa: S102 - our own mutant
    W = np.ones(3)
    assert np.allclose(namespace["f"](W, np.ones(3)), 0.5)
    assert np.allclose(W, 0.5)


def test_every_mutant_compiles_and_differs_from_the_reference():
    original = plain_source("planar_classification", "backward_propagation")
    found = mutants_of_source("backward_propagation", original)
    assert len(found) > 30
    assert len({m.source for m in found}) == len(found)
    for mutant in found:
        compile(mutant.source, "<mutant>", "exec")
        assert mutant.source != original and mutant.diff.startswith("--- reference")
    assert {m.operator for m in found} >= {"arithmetic_swapped", "axis_changed",
                                            "keepdims_toggled", "transpose_toggled",
                                            "factor_dropped", "returned_swapped"}


def test_the_plain_reference_has_no_docstring_and_no_annotations():
    source = plain_source("planar_classification", "update_parameters")
    assert '"""' not in source and "Parameters" not in source and "->" not in source
    assert source.startswith("def update_parameters(parameters, grads, learning_rate=1.2):")


def test_no_mutant_is_the_reference_written_differently():
    """``axis=-1`` is a unary minus: it is not proposed again as a change; a number argument
    (``weight_init_std``) is rebound, never updated in place."""
    source = "def f(x, scale=0.01):\n    w = scale * x\n    return np.sum(w, axis=-1)\n"
    changed = mutated("axis_changed", source)
    assert "w = scale * x\nreturn np.sum(w, axis=-1)" not in changed and len(changed) == 3
    assert mutated("inplace_argument", source) == set()
