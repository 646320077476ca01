"""Seeded cases for ``mnist_mlp`` (row layout: ``X (N, n_in)``, integer labels ``(N,)``).

Every case is plain data and internally consistent (caches come from the reference forward
pass; probabilities from the reference softmax). Sizes vary with the seed but stay small:
the public case (seed 0) is inlined into the student notebook as a literal, so it uses a few
inputs, a few hidden units and ``N`` in 2..4. ``train_step``, ``predict`` and ``accuracy`` use
``C = 10`` classes (the MNIST output layer), the other functions a varying ``C``; the public and
hidden tests of ``train_step`` also use ``C = 12``: code that writes ``10`` instead of
``W2.shape[1]`` is wrong.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from nnkit.checking.case import Case
from nnkit.reference import mnist_mlp as ref
from nnkit.reference.cases._registry import Builder, Extra, Registry, on_problem
from nnkit.reference.cases._rng import with_global_seed

# The notebook's names for the hints (the count N of a batch mean; y_hat - t in train_step).
HINT_NAMES = {"train_step": {"output": "y_hat", "labels": "t", "count": "N"},
              "cross_entropy_error": {"count": "N"}, "affine_layer_backward": {"count": "N"}}
TRAIN_STEP_ORDER = ["Loss", "W2", "b2", "W1", "b1"]  # loss first, then backpropagation

TEN_CLASSES = ("train_step", "predict", "accuracy")


def sizes(seed: int, classes: int | None = None) -> tuple[int, int, int, int]:
    """``(n_in, hidden, C, N)`` for a seed; small for seed 0 (the public case)."""
    rng = np.random.default_rng([seed, 5])
    if seed == 0:
        n_in, hidden, C, N = (int(rng.integers(4, 7)), int(rng.integers(3, 6)),
                              int(rng.integers(3, 5)), int(rng.integers(2, 5)))
    else:
        n_in, hidden, C, N = (int(rng.integers(3, 13)), int(rng.integers(2, 11)),
                              int(rng.integers(3, 11)), int(rng.integers(2, 31)))
    return n_in, hidden, classes or C, N


def random_labels(rng: np.random.Generator, C: int, N: int) -> np.ndarray:
    """Integer labels ``(N,)`` int64 in ``[0, C)``."""
    return rng.integers(0, C, size=N).astype(np.int64)


def random_problem(seed: int, classes: int | None = None, n_in: int | None = None,
                   hidden: int | None = None, N: int | None = None,
                   scale: float = 1.0) -> dict[str, Any]:
    """A consistent bundle: data, parameters (non-zero biases) and the reference forward pass.

    Keys: ``n_in, hidden, C, N, X (N, n_in), Y (N,) int64, T (N, C) one-hot, W1, b1, W2, b2,
    a1 (N, H), cache1, z1 (N, H), a2 (N, C), cache2, y_hat (N, C)``. Keyword arguments override
    the seed's sizes (e.g. ``n_in=784``).
    """
    d_in, d_h, C, d_n = sizes(seed, classes)
    n_in, hidden, N = n_in or d_in, hidden or d_h, N or d_n
    rng = np.random.default_rng([seed, 17, n_in, hidden, C, N])
    X = rng.standard_normal((N, n_in))
    Y = random_labels(rng, C, N)
    W1 = rng.standard_normal((n_in, hidden)) * scale / np.sqrt(n_in)
    b1 = rng.standard_normal(hidden) * 0.5 * scale
    W2 = rng.standard_normal((hidden, C)) * scale
    b2 = rng.standard_normal(C) * 0.5 * scale
    a1, cache1 = ref.affine_layer_forward(X, W1, b1)
    z1 = ref.relu(a1)
    a2, cache2 = ref.affine_layer_forward(z1, W2, b2)
    return {
        "n_in": n_in, "hidden": hidden, "C": C, "N": N,
        "X": X, "Y": Y, "T": ref._change_one_hot_label(Y, C),
        "W1": W1, "b1": b1, "W2": W2, "b2": b2,
        "a1": a1, "cache1": cache1, "z1": z1, "a2": a2, "cache2": cache2,
        "y_hat": ref.softmax(a2),
    }


def params(p: dict[str, Any]) -> list[np.ndarray]:
    """``[W1, b1, W2, b2]`` of a problem."""
    return [p["W1"], p["b1"], p["W2"], p["b2"]]


def learning_rate(seed: int) -> float:
    """0.1 for seed 0, otherwise a seed-dependent rate in [0.05, 0.95] (never exactly 0.1)."""
    if seed == 0:
        return 0.1
    lr = float(np.round(0.05 + 0.9 * ((seed * 0.37) % 1.0), 3))
    return lr if lr != 0.1 else 0.15


# Each builder: (seed, the seed's problem (:func:`random_problem`)) → the case; a case that draws
# more of its own takes them from :func:`own_draws`.


def own_draws(seed: int) -> np.random.Generator:
    """The generator of a case's own draws (beyond its problem's)."""
    return np.random.default_rng([seed, 23])


def _init_params_case(seed: int, p: dict[str, Any]) -> Case:
    args = [p["n_in"], p["hidden"], p["C"]]
    kwargs = {}
    if seed % 2 == 1:
        kwargs["weight_init_std"] = float(np.round(0.02 + seed * 0.013, 3))
    rng_seed = 1 + seed
    return Case(args=args,
                kwargs=kwargs,
                rng_seed=rng_seed,
                draws_from_global_rng=True,
                expected=with_global_seed(rng_seed, ref.init_params, *args, **kwargs),
                names=["W1", "b1", "W2", "b2"])


def _affine_layer_forward_case(seed: int, p: dict[str, Any]) -> Case:
    args = [p["X"], p["W1"], p["b1"]]
    return Case(args=args, expected=ref.affine_layer_forward(*args), names=["y", "cache"])


def _affine_layer_backward_case(seed: int, p: dict[str, Any]) -> Case:
    rng = own_draws(seed)
    dy = rng.standard_normal((p["N"], p["C"]))
    args = [dy, p["cache2"]]
    return Case(args=args,
                expected=ref.affine_layer_backward(*args),
                names=["dX", "dW", "db"],
                m=p["N"])


def _elementwise_case(reference: Callable[[np.ndarray], np.ndarray]
                      ) -> Callable[[int, dict[str, Any]], Case]:
    """``relu`` and ``relu_grad``: a 2-D input, or 1-D for seeds ≡ 2 (mod 3)."""

    def build(seed: int, p: dict[str, Any]) -> Case:
        rng = own_draws(seed)
        shape = (p["N"], p["hidden"]) if seed % 3 != 2 else (p["hidden"],)
        x = rng.standard_normal(shape) * 2.0
        x = np.where(np.abs(x) < 1e-3, 0.5, x)  # no value at the kink: that has its own test
        return Case(args=[x], expected=reference(x))

    return build


def _softmax_case(seed: int, p: dict[str, Any]) -> Case:
    x = p["a2"] * 2.0 if seed % 2 == 0 else p["a2"][0] * 2.0
    return Case(args=[x], expected=ref.softmax(x))


def _one_hot_case(seed: int, p: dict[str, Any]) -> Case:
    rng = own_draws(seed)
    C = p["C"]
    high = C if seed % 2 == 0 else C - 1  # odd seeds: the last class never occurs
    labels = rng.integers(0, high, size=p["N"]).astype(np.int64)
    labels[0] = 0
    return Case(args=[labels, C], expected=ref._change_one_hot_label(labels, C))


def _cross_entropy_error_case(seed: int, p: dict[str, Any]) -> Case:
    """The label form by ``seed % 4``: one-hot 2-D, integer 2-D, one-hot 1-D, integer 1-D."""
    y, Y, T = p["y_hat"], p["Y"], p["T"]
    form = seed % 4
    args = ([y, T], [y, Y], [y[0], T[0]], [y[0], Y[:1]])[form]
    return Case(args=args,
                expected=ref.cross_entropy_error(*args),
                m=p["N"] if form < 2 else None)


def _update_params_case(seed: int, p: dict[str, Any]) -> Case:
    rng = own_draws(seed)
    grads = [rng.standard_normal(a.shape) for a in params(p)]
    args = [*params(p), *grads, learning_rate(seed)]
    return Case(args=args, expected=ref.update_params(*args), names=["W1", "b1", "W2", "b2"])


def _predict_case(seed: int, p: dict[str, Any]) -> Case:
    args = [*params(p), p["X"]]
    return Case(args=args, expected=ref.predict(*args))


def _accuracy_case(seed: int, p: dict[str, Any]) -> Case:
    """About half the labels agree with the prediction, so the value is informative."""
    rng = own_draws(seed)
    predicted = np.argmax(p["y_hat"], axis=1)
    Y = np.where(rng.random(p["N"]) < 0.5, predicted, p["Y"]).astype(np.int64)
    args = [*params(p), p["X"], Y]
    return Case(args=args, expected=ref.accuracy(*args))


ON_PROBLEM = {
    "init_params": _init_params_case,
    "affine_layer_forward": _affine_layer_forward_case,
    "affine_layer_backward": _affine_layer_backward_case,
    "relu": _elementwise_case(ref.relu),
    "relu_grad": _elementwise_case(ref.relu_grad),
    "softmax": _softmax_case,
    "_change_one_hot_label": _one_hot_case,
    "cross_entropy_error": _cross_entropy_error_case,
    "update_params": _update_params_case,
    "train_step": lambda seed, p: train_step_case(p, learning_rate(seed)),
    "predict": _predict_case,
    "accuracy": _accuracy_case,
}
# ``train_step``, ``predict`` and ``accuracy`` on ten classes (the MNIST output layer).
CASES: dict[str, Builder] = {
    **on_problem(random_problem, {name: build for name, build in ON_PROBLEM.items()
                                  if name not in TEN_CLASSES}),
    **on_problem(functools.partial(random_problem, classes=10),
                 {name: build for name, build in ON_PROBLEM.items() if name in TEN_CLASSES}),
}
FUNCTIONS = tuple(CASES)


def train_step_case(p: dict[str, Any], lr: float) -> Case:
    """One ``train_step`` on a problem of :func:`random_problem`."""
    args = [p["X"], p["Y"], *params(p)]
    return Case(args=args,
                kwargs={"learning_rate": lr},
                expected=ref.train_step(*args, learning_rate=lr),
                names=["W1", "b1", "W2", "b2", "Loss"],
                order=TRAIN_STEP_ORDER,
                m=p["N"])


# --------------------------------------------------------------------------- public cases

# Small seeds (N <= 5, n_in <= 5) of the right kind: odd (a weight_init_std, a 1-D softmax, a
# class that never occurs), 14 % 3 == 2 (a 1-D relu); seeds % 4 give cross_entropy's forms.
SECOND_PUBLIC_SEED = {"init_params": 15, "affine_layer_backward": 15, "relu": 14, "softmax": 15,
                      "_change_one_hot_label": 15, "update_params": 15, "accuracy": 15}
CROSS_ENTROPY_FORM_SEEDS = (33, 14, 15)  # integer 2-D, one-hot 1-D, integer 1-D


def _relu_grad_edges() -> list[Case]:
    """The kink: relu_grad(0) = 0 in this course."""
    x = np.array([[-1.5, 0.0, 2.0, 0.0], [0.0, 3.0, -0.5, 1e-3]])
    return [Case(args=[x], expected=ref.relu_grad(x))]


def _softmax_edges() -> list[Case]:
    """Logits of ±1000: exp overflows without the row maximum."""
    rows = np.array([[1000.0, 999.0, -1000.0], [-1000.0, -999.0, -1001.0], [0.5, 1.0, -0.5]])
    vector = np.array([1000.0, -1000.0, 999.0, 0.0])
    return [Case(args=[x], expected=ref.softmax(x)) for x in (rows, vector)]


def _cross_entropy_error_edges() -> list[Case]:
    """Every label form, and log(0)."""
    y = np.array([[0.0, 1.0, 0.0], [0.5, 0.5, 0.0]])
    t = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    zero = Case(args=[y, t], expected=ref.cross_entropy_error(y, t), m=2)
    return [make_case("cross_entropy_error", seed) for seed in CROSS_ENTROPY_FORM_SEEDS] + [zero]


def _affine_layer_forward_edges() -> list[Case]:
    """A single sample."""
    p = random_problem(0, N=1)
    args = [p["X"], p["W1"], p["b1"]]
    return [Case(args=args, expected=ref.affine_layer_forward(*args), names=["y", "cache"])]


def _predict_edges() -> list[Case]:
    """A single sample."""
    p = random_problem(0, classes=10, N=1)
    args = [*params(p), p["X"]]
    return [Case(args=args, expected=ref.predict(*args))]


# Inputs that the usual mistakes cannot pass; the other functions have none beyond their seeds.
PUBLIC_EXTRA: dict[str, Extra] = {
    "relu_grad": _relu_grad_edges,
    "softmax": _softmax_edges,
    "cross_entropy_error": _cross_entropy_error_edges,
    "affine_layer_forward": _affine_layer_forward_edges,
    "predict": _predict_edges,
    # twelve classes, another learning rate
    "train_step": lambda: [train_step_case(random_problem(0, classes=12), 0.35)],
}


# Seed 0 and a second seed of the right kind, where one exists.
PUBLIC_SEEDS = {function: (0, seed) for function, seed in SECOND_PUBLIC_SEED.items()}

# The public cases: seed 0 and the cases a common mistake cannot pass — a non-default
# ``weight_init_std`` and learning rate, ``x = 0`` for ``relu_grad``, logits of ±1000, every label
# form and a zero probability for ``cross_entropy_error``, a single sample, twelve classes.
REGISTRY = Registry(ref, CASES, HINT_NAMES, PUBLIC_EXTRA, PUBLIC_SEEDS)
make_case = REGISTRY.make_case
public_cases = REGISTRY.public_cases
