"""Seeded cases for ``logistic_regression`` (layout ``(features, m)``, labels ``(1, m)``).

Every case is plain data whose size varies with the seed: ``dim`` in 2..6 and ``m`` in 3..30
(3..8 for seed 0, the public case, so that the literal inlined into the student notebook stays at
a few dozen numbers). Labels are 0/1 of dtype ``int64`` shaped ``(1, m)`` with both classes
present. Weights are random (not zero) so that a forgotten bias, a transposed ``dw`` or an
optimiser that returns its initial parameters all show.

Also here: :func:`stand_in_data`, with which the build executes the notebook where CIFAR-10 is
not installed (on :func:`nnkit.datasets.fake_cifar.write_fake_cifar10`'s batches).
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from nnkit.checking.case import Case
from nnkit.reference import logistic_regression as ref
from nnkit.reference.cases._registry import Extra, Registry, on_problem

# The notebook's names for the hints of the functions that compare predictions with labels.
HINT_NAMES = {function: {"output": "A", "labels": "Y"}
              for function in ("propagate", "optimize", "predict", "model")}
# The order in which each function computes what it returns (the first wrong part is reported).
PROPAGATE_ORDER = ["cost", "grads['dw']", "grads['db']"]
OPTIMIZE_ORDER = ["costs", "params['w']", "params['b']", "grads['dw']", "grads['db']"]
MODEL_ORDER = ["costs", "w", "b", "Y_prediction_train", "Y_prediction_test"]

def sizes(seed: int) -> tuple[int, int]:
    """``(dim, m)`` for a seed; small for seed 0."""
    rng = np.random.default_rng([seed, 17])
    dim = int(rng.integers(2, 7))
    m = int(rng.integers(3, 9)) if seed == 0 else int(rng.integers(3, 31))
    return dim, m


def random_labels(rng: np.random.Generator, m: int) -> np.ndarray:
    """0/1 labels of dtype int64, shape ``(1, m)``, both classes present (m >= 2)."""
    Y = rng.integers(0, 2, size=(1, m)).astype(np.int64)
    Y[0, 0], Y[0, 1] = 0, 1
    return Y[:, rng.permutation(m)]


def random_problem(seed: int) -> dict[str, Any]:
    """``w (dim, 1)``, ``b`` (float), ``X (dim, m)``, ``Y (1, m)`` int64, plus ``dim`` and ``m``."""
    dim, m = sizes(seed)
    rng = np.random.default_rng([seed, 19])
    w = rng.standard_normal((dim, 1)) * 0.5
    b = float(np.round(rng.standard_normal() * 0.5, 6))
    X = rng.standard_normal((dim, m))
    Y = random_labels(rng, m)
    return {"dim": dim, "m": m, "w": w, "b": b, "X": X, "Y": Y}


def broadcast_cost(A: np.ndarray, Y: np.ndarray) -> float:
    """The cost source 000 prints when ``A - Y`` broadcasts ``(1, m)`` against ``(m, 1)``.

    ``-(1/m) Σ_i Σ_j [y_i log a_j + (1 - y_i) log(1 - a_j)]`` — the same value whether the
    labels or the activations were turned into a column. At ``w = 0`` it is ``m log 2``
    (34657.36 for m = 50000) instead of ``log 2 = 0.693``.
    """
    A = np.asarray(A, dtype=np.float64).reshape(-1)
    Y = np.asarray(Y, dtype=np.float64).reshape(-1)
    m = A.size
    positives = float(np.sum(Y))
    return float(-(positives * np.sum(np.log(A)) + (m - positives) * np.sum(np.log(1 - A))) / m)


def _separable_data(seed: int, m_train: int, m_test: int, dim: int) -> tuple[np.ndarray, ...]:
    """Train/test data labelled by a random hyperplane (with label noise), int64 labels."""
    rng = np.random.default_rng([seed, 23])
    direction = rng.standard_normal((dim, 1))
    X = rng.standard_normal((dim, m_train + m_test))
    score = direction.T @ X + 0.3 * rng.standard_normal((1, m_train + m_test))
    Y = (score > 0).astype(np.int64)
    Y[0, 0], Y[0, 1] = 0, 1
    Y[0, m_train], Y[0, m_train + 1] = 0, 1
    return X[:, :m_train], Y[:, :m_train], X[:, m_train:], Y[:, m_train:]


def _model_problem(seed: int) -> tuple[tuple[np.ndarray, ...], dict[str, Any]]:
    """Data and kwargs for ``model`` whose final probabilities all stay away from 0.5.

    Predictions of a correct float32 submission must not flip, so draw until every final
    probability is at least 1e-3 away from the threshold.
    """
    dim, m = sizes(seed)
    m_train = max(m, 6) if seed == 0 else max(m, 10)
    m_test = 4 if seed == 0 else 3 + seed % 7
    num_iterations = 150 if seed == 0 else 100 + 50 * (seed % 5)
    learning_rate = 0.1 if seed == 0 else float(np.round(0.05 + 0.3 * ((seed * 0.37) % 1.0), 3))
    for attempt in range(100):
        data = _separable_data(1000 * seed + attempt, m_train, m_test, dim)
        X_train, _, X_test, _ = data
        out = ref.model(*data, num_iterations=num_iterations, learning_rate=learning_rate)
        w, b = out["w"], out["b"]
        A = ref.sigmoid(w.T @ np.concatenate([X_train, X_test], axis=1) + b)
        if np.all(np.abs(A - 0.5) > 1e-3):
            return data, {"num_iterations": num_iterations, "learning_rate": learning_rate}
    raise RuntimeError(f"model case for seed {seed}: no draw keeps probabilities off 0.5")


def _as_int_labels(prediction: np.ndarray) -> np.ndarray:
    return np.asarray(prediction).astype(np.int64)


def _sigmoid_case(seed: int, p: dict[str, Any]) -> Case:
    rng = np.random.default_rng([seed, 29])
    shape = (1, p["m"]) if seed % 2 == 0 else (p["dim"], p["m"])
    z = np.round(rng.uniform(-6.0, 6.0, size=shape), 4)
    z.flat[0] = 0.0  # sigmoid(0) = 0.5 exactly
    return Case(args=[z], expected=ref.sigmoid(z))


def _initialize_with_zeros_case(seed: int, p: dict[str, Any]) -> Case:
    w0, b0 = ref.initialize_with_zeros(p["dim"])
    return Case(args=[p["dim"]], expected=(w0, float(b0)), names=["w", "b"])


def _propagate_case(seed: int, p: dict[str, Any]) -> Case:
    args = [p["w"], p["b"], p["X"], p["Y"]]
    grads, cost = ref.propagate(*args)
    return Case(args=args,
                expected=(grads, cost),
                names=["grads", "cost"],
                order=PROPAGATE_ORDER,
                m=p["m"])


def _optimize_case(seed: int, p: dict[str, Any]) -> Case:
    num_iterations = 201 if seed == 0 else 100 + 37 * (seed % 7)
    learning_rate = 0.1 if seed == 0 else float(np.round(0.02 + 0.2 * ((seed * 0.61) % 1.0), 3))
    kwargs = {"num_iterations": num_iterations, "learning_rate": learning_rate}
    args = [p["w"], p["b"], p["X"], p["Y"]]
    params, grads, costs = ref.optimize(*args, **kwargs)
    return Case(args=args,
                kwargs=kwargs,
                expected=(params, grads, [float(c) for c in costs]),
                names=["params", "grads", "costs"],
                order=OPTIMIZE_ORDER,
                m=p["m"])


def _predict_case(seed: int, p: dict[str, Any]) -> Case:
    """Two extra columns with z = wᵀx + b = +0.2 and -0.2 (A = 0.55 and 0.45): a threshold on z
    at 0.5, or on A at another value, must show. Every other column keeps its probability at
    least 1e-3 away from 0.5."""
    w, b, X = p["w"], p["b"], p["X"]
    A = ref.sigmoid(w.T @ X + b)
    keep = np.abs(A[0] - 0.5) > 1e-3
    unit = w / float(np.sum(w * w))
    extra = np.concatenate([unit * (0.2 - b), unit * (-0.2 - b)], axis=1)
    Xp = np.concatenate([X[:, keep], extra], axis=1)
    return Case(args=[w, b, Xp], expected=_as_int_labels(ref.predict(w, b, Xp)))


def _model_case(seed: int, p: dict[str, Any]) -> Case:
    (X_train, Y_train, X_test, Y_test), kwargs = _model_problem(seed)
    out = ref.model(X_train, Y_train, X_test, Y_test, **kwargs)
    expected = {
        "costs": [float(c) for c in out["costs"]],
        "Y_prediction_test": _as_int_labels(out["Y_prediction_test"]),
        "Y_prediction_train": _as_int_labels(out["Y_prediction_train"]),
        "w": out["w"],
        "b": float(out["b"]),
        "learning_rate": float(out["learning_rate"]),
        "num_iterations": int(out["num_iterations"]),
    }
    return Case(args=[X_train, Y_train, X_test, Y_test],
                kwargs=kwargs,
                expected=expected,
                order=MODEL_ORDER,
                m=X_train.shape[1])


# A graded function's case from a seed and that seed's problem (:func:`random_problem`).
CASES = on_problem(random_problem, {
    "sigmoid": _sigmoid_case,
    "initialize_with_zeros": _initialize_with_zeros_case,
    "propagate": _propagate_case,
    "optimize": _optimize_case,
    "predict": _predict_case,
    "model": _model_case,
})
FUNCTIONS = tuple(CASES)


# --------------------------------------------------------------------------- public cases


def _single_sample() -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """``w, b, X (dim, 1), Y (1, 1)``: code that only works for a batch (or sums over the wrong
    axis) shows."""
    p = random_problem(0)
    return p["w"], p["b"], p["X"][:, :1], np.ones((1, 1), dtype=np.int64)


def _propagate_extra() -> list[Case]:
    w, b, X, Y = _single_sample()
    return [Case(args=[w, b, X, Y],
                 expected=ref.propagate(w, b, X, Y),
                 names=["grads", "cost"],
                 order=PROPAGATE_ORDER,
                 m=1)]


def _optimize_extra() -> list[Case]:
    """A single sample, with the default ``num_iterations`` and ``learning_rate``."""
    w, b, X, Y = _single_sample()
    params, grads, costs = ref.optimize(w, b, X, Y)
    return [Case(args=[w, b, X, Y],
                 m=1,
                 order=OPTIMIZE_ORDER,
                 expected=(params, grads, [float(c) for c in costs]),
                 names=["params", "grads", "costs"])]


def _predict_extra() -> list[Case]:
    w, b, X, _ = _single_sample()
    return [Case(args=[w, b, X], expected=_as_int_labels(ref.predict(w, b, X)))]


def _sigmoid_extra() -> list[Case]:
    return [make_case("sigmoid", 1),
            Case(args=[2.0], expected=float(ref.sigmoid(2.0)))]


def _initialize_with_zeros_extra() -> list[Case]:
    return [Case(args=[1], expected=(np.zeros((1, 1)), 0.0), names=["w", "b"])]


# Beyond seed 0: a 2-D and a scalar input for ``sigmoid``, a single sample for ``propagate``,
# ``optimize`` and ``predict``, one weight for ``initialize_with_zeros``, another learning rate
# and number of iterations for ``model``.
PUBLIC_EXTRA: dict[str, Extra] = {
    "sigmoid": _sigmoid_extra,
    "initialize_with_zeros": _initialize_with_zeros_extra,
    "propagate": _propagate_extra,
    "optimize": _optimize_extra,
    "predict": _predict_extra,
    "model": lambda: [make_case("model", 1)],
}


REGISTRY = Registry(ref, CASES, HINT_NAMES, PUBLIC_EXTRA)
make_case = REGISTRY.make_case
public_cases = REGISTRY.public_cases


# --------------------------------------------------------------------------- data for the build


def stand_in_data(folder: str | os.PathLike) -> dict[str, str]:
    """Environment for executing the notebook where no CIFAR-10 is installed.

    Returns ``{}`` when ``load_cifar10`` finds real batches without downloading; otherwise writes
    CIFAR-format stand-ins into ``folder`` (see
    :func:`nnkit.datasets.fake_cifar.write_fake_cifar10`) and returns ``{"NNKIT_DATA": folder}``,
    so the notebook still runs its real loader.
    """
    from nnkit.datasets import DatasetError, load_cifar10
    from nnkit.datasets.fake_cifar import write_fake_cifar10

    try:
        load_cifar10(download=False)
        return {}
    except DatasetError:
        write_fake_cifar10(folder)
        return {"NNKIT_DATA": str(folder)}
