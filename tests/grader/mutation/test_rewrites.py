"""Correct rewrites: each proposes the form it models, the result equals the original in value
(:mod:`grader.mutation.rewrites`), and every rewrite of an assignment keeps full marks through
the real runner (:mod:`grader.mutation.full_marks`)."""

from __future__ import annotations

import numpy as np
import pytest

from grader.assignment import Paths
from grader.authoring.build import ensure_built
from grader.mutation import full_marks
from grader.mutation.rewrites import REWRITES, rewrites_of_source
from tests.support import ROOT


def rewritten(name: str, source: str) -> list[str]:
    """The bodies (the lines after ``def``) of rewrite ``name`` of ``source``."""
    found = rewrites_of_source("f", source, {name: REWRITES[name]})
    return ["\n".join(line.strip() for line in m.source.splitlines()[1:]) for m in found]


def value(source: str, *args):
    namespace = {"np": np}
    exec(source, namespace)  # noqa: S102 - our own small functions
    return namespace["f"](*args)


RNG = np.random.default_rng(0)
W, X = RNG.standard_normal((3, 4)), RNG.standard_normal((4, 5))
CACHE = {"Z1": RNG.standard_normal((3, 5))}
CACHE["A1"] = np.tanh(CACHE["Z1"])

CASES = [
    ("matmul_as_dot", "def f(W, X):\n    return W @ X\n", ["return np.dot(W, X)"], (W, X)),
    ("matmul_as_operator", "def f(W, X):\n    return np.dot(W, X)\n", ["return W @ X"], (W, X)),
    ("matmul_as_einsum", "def f(W, X):\n    return W @ np.matmul(W.T, W) @ X\n",
     ["return np.einsum('...j,jk->...k', np.einsum('...j,jk->...k', W, "
      "np.einsum('...j,jk->...k', W.T, W)), X)"], (W, X)),
    ("sum_reversed", "def f(W, X):\n    return np.sum(W, axis=1, keepdims=True)\n",
     ["return np.sum(np.flip(W, axis=1), axis=1, keepdims=True)"], (W, X)),
    ("sum_sequential", "def f(W, X):\n    return np.sum(W, axis=1, keepdims=True) + X.sum()\n",
     ["return np.take(np.cumsum(W, axis=1), [-1], axis=1) + np.cumsum(X)[-1]"], (W, X)),
    ("mean_as_sum", "def f(W, X):\n    return np.mean(W, axis=0) + np.mean(X)\n",
     ["return np.sum(W, axis=0) / np.shape(W)[0] + np.sum(X) / np.size(X)"], (W, X)),
    ("sum_as_mean", "def f(W, X):\n    m = W.shape[1]\n    return -np.sum(W, axis=1) / m\n",
     ["m = W.shape[1]\nreturn -np.mean(W, axis=1)"], (W, X)),
    ("tanh_derivative_from_z",
     "def f(cache, d):\n    A1 = cache['A1']\n    return d * (1 - A1 ** 2)\n",
     ["A1 = cache['A1']\nreturn d * (1 - np.tanh(cache['Z1']) ** 2)"], (CACHE, W[:, :1])),
    ("tanh_derivative_factored",
     "def f(cache, d):\n    A1 = cache['A1']\n    return d * (1 - np.power(A1, 2))\n",
     ["A1 = cache['A1']\nreturn d * ((1 - A1) * (1 + A1))"], (CACHE, W[:, :1])),
    ("tanh_derivative_from_a",
     "def f(cache, d):\n    A1 = np.tanh(cache['Z1'])\n"
     "    return d * (1 - np.tanh(cache['Z1']) ** 2)\n",
     ["A1 = np.tanh(cache['Z1'])\nreturn d * (1 - A1 ** 2)"], (CACHE, W[:, :1])),
]


@pytest.mark.parametrize(("name", "source", "expected", "args"), CASES,
                         ids=[case[0] for case in CASES])
def test_rewrite_proposes_its_form_and_keeps_the_value(name, source, expected, args):
    assert rewritten(name, source) == expected
    (mutant,) = rewrites_of_source("f", source, {name: REWRITES[name]})
    np.testing.assert_allclose(value(mutant.source, *args), value(source, *args), rtol=1e-12)


def test_float32_casts_every_floating_array_argument_on_entry():
    source = "def f(parameters, X, n):\n    return parameters['W'] @ X * n\n"
    (mutant,) = rewrites_of_source("f", source, {"float32_inputs": REWRITES["float32_inputs"]})
    got = value(mutant.source, {"W": W}, X, 3)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, value(source, {"W": W}, X, 3), rtol=1e-5)
    # Labels and sizes are not floats: left as they are.
    assert value(mutant.source.replace("return parameters['W'] @ X * n", "return n, X.dtype"),
                 {"W": W}, np.arange(3), 3) == (3, np.arange(3).dtype)


@pytest.mark.parametrize(("name", "source"), [
    # Nothing of its kind: no rewrite.
    ("matmul_as_dot", "def f(a, b):\n    return a * b\n"),
    ("matmul_as_operator", "def f(a, b):\n    return a @ b\n"),  # already the form
    ("sum_reversed", "def f(a):\n    return np.max(a, axis=0)\n"),
    ("sum_as_mean", "def f(a, m):\n    return np.max(a) / m\n"),
    ("tanh_derivative_from_z", "def f(x):\n    return 1 - x ** 2\n"),  # not known to be a tanh
    ("float32_inputs", "def f(X, num_iterations=10):\n    return X\n"),  # a training loop
    ("float32_inputs", "class f:\n    pass\n"),
])
def test_rewrite_leaves_other_code_alone(name, source):
    assert rewritten(name, source) == []


@pytest.mark.slow  # cold, it grades 26 rewrites through the sandbox (about 30 s on 2 cores)
def test_every_correct_rewrite_of_planar_classification_keeps_full_marks():
    paths = Paths(ROOT, "planar_classification")
    ensure_built(paths)
    kept = full_marks.run(paths, jobs=2)
    kinds = {v.operator for v in kept.verdicts}
    assert {"matmul_as_dot", "matmul_as_einsum", "sum_reversed", "sum_sequential", "sum_as_mean",
            "tanh_derivative_from_z", "float32_inputs", full_marks.BLAS_OPERATOR} <= kinds
    assert full_marks.problems(kept.verdicts) == []
    assert full_marks.summary_line(kept.verdicts) == \
        f"correct rewrites: {len(kept.verdicts)}/{len(kept.verdicts)} keep full marks"
