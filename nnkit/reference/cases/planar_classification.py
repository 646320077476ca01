"""Seeded cases for ``planar_classification`` (layout ``(features, m)``, labels ``(1, m)``).

Every case is plain data, internally consistent (a cache is produced by the reference forward
pass, so ``A1 == tanh(Z1)`` and ``A2 == sigmoid(Z2)`` exactly; ``A2`` lies strictly inside
``(0, 1)``; labels are 0/1 of dtype ``int64``), and its size varies with the seed:
``n_x`` in 2..5, ``n_h`` in 2..6, ``m`` in 3..40 (3..8 for seed 0, the public case, so that the
literal inlined into the student notebook stays at a few dozen numbers).

:func:`public_cases` adds, per function, the cases a common mistake cannot pass: a second size,
a single sample (``m = 1``), ``n_y = 2``, a non-default learning rate, predictions of both
classes with probabilities between 0.5 and σ(0.5).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nnkit.checking.case import Case
from nnkit.reference import planar_classification as ref
from nnkit.reference.cases._registry import Extra, Registry, on_problem
from nnkit.reference.cases._rng import with_global_seed

# The notebook's names for the hints of the functions that compare predictions with labels.
HINT_NAMES = {function: {"output": "A2", "labels": "Y"}
              for function in ("compute_cost", "backward_propagation", "predict", "nn_model")}
FORWARD_ORDER = ["cache['Z1']", "cache['A1']", "cache['Z2']", "cache['A2']", "A2"]
GRADIENT_ORDER = ["dW2", "db2", "dW1", "db1"]  # the order backpropagation computes them in

def sizes(seed: int) -> tuple[int, int, int, int]:
    """``(n_x, n_h, n_y, m)`` for a seed; small for seed 0."""
    rng = np.random.default_rng([seed, 7])
    n_x = int(rng.integers(2, 6))
    n_h = int(rng.integers(2, 7))
    m = int(rng.integers(3, 9)) if seed == 0 else int(rng.integers(3, 41))
    return n_x, n_h, 1, m


def random_parameters(
    rng: np.random.Generator, n_x: int, n_h: int, n_y: int, scale: float = 1.0
) -> dict[str, np.ndarray]:
    """Parameters with non-zero biases, so that a forgotten bias shows."""
    return {
        "W1": rng.standard_normal((n_h, n_x)) * scale,
        "b1": rng.standard_normal((n_h, 1)) * 0.5 * scale,
        "W2": rng.standard_normal((n_y, n_h)) * scale,
        "b2": rng.standard_normal((n_y, 1)) * 0.5 * scale,
    }


def random_labels(rng: np.random.Generator, n_y: int, m: int) -> np.ndarray:
    """0/1 labels of a signed integer dtype, both classes present (m >= 2)."""
    Y = rng.integers(0, 2, size=(n_y, m)).astype(np.int64)
    Y[:, 0], Y[:, 1] = 0, 1
    return Y[:, rng.permutation(m)]


def random_problem(seed: int) -> dict[str, Any]:
    """A consistent bundle: X, Y, parameters, the reference forward cache and gradients."""
    n_x, n_h, n_y, m = sizes(seed)
    rng = np.random.default_rng([seed, 11])
    X = rng.standard_normal((n_x, m))
    Y = random_labels(rng, n_y, m)
    parameters = random_parameters(rng, n_x, n_h, n_y)
    A2, cache = ref.forward_propagation(X, parameters)
    return {
        "n_x": n_x,
        "n_h": n_h,
        "n_y": n_y,
        "m": m,
        "X": X,
        "Y": Y,
        "parameters": parameters,
        "A2": A2,
        "cache": cache,
    }


def _nonlinear_data(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """A small XOR-like problem for ``nn_model``: X ``(2, m)``, Y ``(1, m)`` int64."""
    rng = np.random.default_rng([seed, 13])
    m = int(rng.integers(8, 13)) if seed == 0 else int(rng.integers(10, 41))
    X = rng.standard_normal((2, m))
    Y = (X[0:1] * X[1:2] > 0).astype(np.int64)
    Y[0, 0], Y[0, 1] = 0, 1
    return X, Y


def _layer_sizes_case(seed: int, p: dict[str, Any]) -> Case:
    return Case(args=[p["X"], p["Y"]],
                expected=tuple(int(v) for v in ref.layer_sizes(p["X"], p["Y"])),
                names=["n_x", "n_h", "n_y"])


def _initialize_parameters_case(seed: int, p: dict[str, Any]) -> Case:
    rng_seed = 1 + seed
    args = [p["n_x"], p["n_h"], p["n_y"]]
    return Case(args=args,
                rng_seed=rng_seed,
                draws_from_global_rng=True,
                expected=with_global_seed(rng_seed, ref.initialize_parameters, *args))


def _forward_propagation_case(seed: int, p: dict[str, Any]) -> Case:
    return Case(args=[p["X"], p["parameters"]],
                expected=(p["A2"], p["cache"]),
                names=["A2", "cache"],
                order=FORWARD_ORDER)


def _compute_cost_case(seed: int, p: dict[str, Any]) -> Case:
    expected = ref.compute_cost(p["A2"], p["Y"])
    return Case(args=[p["A2"], p["Y"]], expected=expected, m=p["m"])


def _backward_propagation_case(seed: int, p: dict[str, Any]) -> Case:
    args = [p["parameters"], p["cache"], p["X"], p["Y"]]
    return Case(args=args,
                expected=ref.backward_propagation(*args),
                m=p["m"],
                order=GRADIENT_ORDER)


def _update_parameters_case(seed: int, p: dict[str, Any]) -> Case:
    parameters = p["parameters"]
    grads = ref.backward_propagation(parameters, p["cache"], p["X"], p["Y"])
    kwargs: dict[str, Any] = {}
    if seed % 2 == 1:
        kwargs["learning_rate"] = float(np.round(0.05 + 0.9 * ((seed * 0.37) % 1.0), 3))
    return Case(args=[parameters, grads],
                kwargs=kwargs,
                expected=ref.update_parameters(parameters, grads, **kwargs))


def _nn_model_case(seed: int, p: dict[str, Any]) -> Case:
    Xn, Yn = _nonlinear_data(seed)
    n_h = p["n_h"]
    num_iterations = 20 if seed == 0 else 200
    rng_seed = 100 + seed  # nn_model reseeds itself with 3: the result must not depend on it
    return Case(args=[Xn, Yn, n_h],
                kwargs={"num_iterations": num_iterations},
                rng_seed=rng_seed,
                expected=with_global_seed(rng_seed, ref.nn_model, Xn, Yn, n_h,
                                          num_iterations=num_iterations))


def _predict_case(seed: int, p: dict[str, Any]) -> Case:
    """Every probability kept at least 1e-3 away from the 0.5 threshold."""
    A2, X = p["A2"], p["X"]
    keep = np.abs(A2[0] - 0.5) > 1e-3
    if not np.any(keep):  # practically impossible with Gaussian parameters; keep the case valid
        raise RuntimeError(f"predict case for seed {seed}: every probability sits at 0.5")
    Xp = X[:, keep]
    expected = ref.predict(p["parameters"], Xp).astype(np.int64)
    return Case(args=[p["parameters"], Xp], expected=expected)


# A graded function's case from a seed and that seed's problem (:func:`random_problem`); the
# public cases build some on a problem of chosen sizes (:func:`problem_of`).
ON_PROBLEM = {
    "layer_sizes": _layer_sizes_case,
    "initialize_parameters": _initialize_parameters_case,
    "forward_propagation": _forward_propagation_case,
    "compute_cost": _compute_cost_case,
    "backward_propagation": _backward_propagation_case,
    "update_parameters": _update_parameters_case,
    "nn_model": _nn_model_case,
    "predict": _predict_case,
}
CASES = on_problem(random_problem, ON_PROBLEM)
FUNCTIONS = tuple(CASES)


# --------------------------------------------------------------------------- public cases


def problem_of(seed: int, n_x: int, n_h: int, m: int) -> dict[str, Any]:
    """Like :func:`random_problem`, with chosen sizes (``n_y = 1``)."""
    rng = np.random.default_rng([seed, 31, n_x, n_h, m])
    X = rng.standard_normal((n_x, m))
    Y = random_labels(rng, 1, max(m, 2))[:, :m]
    parameters = random_parameters(rng, n_x, n_h, 1)
    A2, cache = ref.forward_propagation(X, parameters)
    return {"n_x": n_x, "n_h": n_h, "n_y": 1, "m": m, "X": X, "Y": Y,
            "parameters": parameters, "A2": A2, "cache": cache}


def both_classes_problem(seed: int) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Parameters and ``X (2, 6)`` whose probabilities fall on both sides of 0.5, two of them in
    ``(0.51, 0.6)`` (``0 < Z2 < 0.5``): thresholding ``Z2`` instead of ``A2`` shows."""
    rng = np.random.default_rng([seed, 37])
    parameters = random_parameters(rng, 2, 3, 1, scale=2.0)
    candidates = rng.standard_normal((2, 400))
    A2, cache = ref.forward_propagation(candidates, parameters)
    z, a = cache["Z2"][0], A2[0]
    picks = [np.flatnonzero(a < 0.45)[:2], np.flatnonzero((z > 0.05) & (z < 0.4))[:2],
             np.flatnonzero(a > 0.7)[:2]]
    columns = np.concatenate(picks)
    if columns.size != 6:
        raise RuntimeError(f"seed {seed}: no parameters give both classes and 0 < Z2 < 0.5")
    return parameters, candidates[:, rng.permutation(columns)]


def _single_sample_case(function: str) -> Case:
    """One sample (``m = 1``): code that only works for a batch shows."""
    return ON_PROBLEM[function](40, problem_of(40, 3, 4, 1))


def _layer_sizes_extra() -> list[Case]:
    X, Y = np.zeros((5, 1)), np.zeros((2, 1), dtype=np.int64)
    return [Case(args=[X, Y], expected=(5, 4, 2), names=["n_x", "n_h", "n_y"])]


def _initialize_parameters_extra() -> list[Case]:
    args = [3, 2, 2]
    return [Case(args=args,
                 rng_seed=5,
                 draws_from_global_rng=True,
                 expected=with_global_seed(5, ref.initialize_parameters, *args))]


def _update_parameters_extra() -> list[Case]:
    p = problem_of(41, 2, 3, 5)
    grads = ref.backward_propagation(p["parameters"], p["cache"], p["X"], p["Y"])
    kwargs = {"learning_rate": 0.5}
    return [Case(args=[p["parameters"], grads],
                 kwargs=kwargs,
                 expected=ref.update_parameters(p["parameters"], grads, **kwargs))]


def _nn_model_extra() -> list[Case]:
    Xn, Yn = _nonlinear_data(0)
    kwargs = {"num_iterations": 3}
    # print_cost=True: the printing path runs once (what it prints is not read).
    return [Case(args=[Xn, Yn, 1],
                 kwargs={**kwargs, "print_cost": True},
                 rng_seed=7,
                 expected=with_global_seed(7, ref.nn_model, Xn, Yn, 1, **kwargs))]


def _predict_extra() -> list[Case]:
    parameters, X = both_classes_problem(0)
    return [Case(args=[parameters, X[:, :m]],
                 expected=ref.predict(parameters, X[:, :m]).astype(np.int64))
            for m in (6, 1)]


# The cases beyond seed 0 that the usual mistakes cannot pass, per graded function.
PUBLIC_EXTRA: dict[str, Extra] = {
    "layer_sizes": _layer_sizes_extra,
    "initialize_parameters": _initialize_parameters_extra,
    "forward_propagation": lambda: [_single_sample_case("forward_propagation")],
    "compute_cost": lambda: [_single_sample_case("compute_cost")],
    "backward_propagation": lambda: [_single_sample_case("backward_propagation")],
    "update_parameters": _update_parameters_extra,
    "nn_model": _nn_model_extra,
    "predict": _predict_extra,
}
# ``predict`` leaves seed 0 out: its probabilities may all fall on one side of 0.5, where an
# answer that never says 1 would pass.
PUBLIC_SEEDS = {"predict": ()}

REGISTRY = Registry(ref, CASES, HINT_NAMES, PUBLIC_EXTRA, PUBLIC_SEEDS)
make_case = REGISTRY.make_case
public_cases = REGISTRY.public_cases
