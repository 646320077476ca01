"""Reference answers for ``logistic_regression``: one sigmoid unit trained by gradient descent.

Layout: column-major, as in source 000 — ``X`` is ``(n_features, m)``, ``Y`` is ``(1, m)``,
``w`` is ``(n_features, 1)``, the activation ``A`` is ``(1, m)``.

Labels of shape ``(m, 1)`` are source 000's bug: ``A - Y`` then broadcasts to an ``(m, m)`` matrix
and the first cost prints as 34657 instead of 0.693. The reference is defined only for
``(1, m)`` labels and raises ``ValueError`` on any other shape instead of computing nonsense.
"""

from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray | float) -> np.ndarray | float:
    """Logistic function ``1 / (1 + e^-z)``, elementwise; any shape in, the same shape out."""
    return 1.0 / (1.0 + np.exp(-z))


def initialize_with_zeros(dim: int) -> tuple[np.ndarray, float]:
    """Zero weights and bias.

    Args:
        dim: number of input features.

    Returns:
        ``w`` float64 zeros of shape ``(dim, 1)`` and ``b = 0.0`` (a Python float).
    """
    return np.zeros((dim, 1)), 0.0


def _require_row_labels(X: np.ndarray, Y: np.ndarray) -> None:
    """Refuse labels that would broadcast ``A - Y`` into an ``(m, m)`` matrix."""
    m = X.shape[1]
    if Y.shape != (1, m):
        raise ValueError(f"Y must have shape (1, m) = (1, {m}) to match X {X.shape}; got {Y.shape}")


def propagate(
    w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray
) -> tuple[dict[str, np.ndarray | float], float]:
    """Cost and gradients of the mean binary cross-entropy.

    Args:
        w: weights, shape ``(n, 1)``.
        b: bias, a scalar.
        X: inputs, shape ``(n, m)``.
        Y: labels in {0, 1}, shape ``(1, m)``.

    Returns:
        ``({"dw": (n, 1) array, "db": float}, cost float)`` where
        ``cost = -(1/m) Σ [y log a + (1-y) log(1-a)]`` and ``A = sigmoid(wᵀX + b)`` is ``(1, m)``.

    Raises:
        ValueError: ``Y`` is not ``(1, m)``.
    """
    _require_row_labels(X, Y)
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dZ = A - Y  # (1, m): d cost / d z for sigmoid + cross-entropy, times m
    dw = X @ dZ.T / m
    db = float(np.sum(dZ) / m)
    return {"dw": dw, "db": db}, float(cost)


def optimize(
    w: np.ndarray,
    b: float,
    X: np.ndarray,
    Y: np.ndarray,
    num_iterations: int = 100,
    learning_rate: float = 0.009,
    print_cost: bool = False,
) -> tuple[dict, dict, list[float]]:
    """Full-batch gradient descent on :func:`propagate`; the caller's ``w`` is not modified.

    Args:
        w: initial weights ``(n, 1)``; b: initial bias; X: ``(n, m)``; Y: ``(1, m)``.
        num_iterations: number of updates.
        learning_rate: step size.
        print_cost: print the cost every 100 iterations.

    Returns:
        ``params {"w": (n, 1), "b": float}``, ``grads {"dw": (n, 1), "db": float}`` of the last
        iteration (taken before its update), and ``costs``: the cost at every iteration with
        ``i % 100 == 0``, i.e. ``ceil(num_iterations / 100)`` floats.
    """
    w = np.array(w, dtype=np.float64)  # a copy: the updates below rebind, but be explicit
    b = float(b)
    grads: dict = {}
    costs: list[float] = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:.6f}")
    return {"w": w, "b": b}, grads, costs


def predict(w: np.ndarray, b: float, X: np.ndarray) -> np.ndarray:
    """Class predictions.

    Args:
        w: ``(n, 1)``; b: scalar; X: ``(n, m)``.

    Returns:
        float64 array of shape ``(1, m)``: 1.0 where ``sigmoid(wᵀX + b) > 0.5``, else 0.0.
    """
    A = sigmoid(w.T @ X + b)
    return (A > 0.5).astype(np.float64)


def model(
    X_train: np.ndarray,
    Y_train: np.ndarray,
    X_test: np.ndarray,
    Y_test: np.ndarray,
    num_iterations: int = 2000,
    learning_rate: float = 0.5,
    print_cost: bool = False,
) -> dict:
    """Initialise with zeros, optimise, predict on both sets.

    Args:
        X_train: ``(n, m_train)``; Y_train: ``(1, m_train)``;
        X_test: ``(n, m_test)``; Y_test: ``(1, m_test)`` (only used for printed accuracy).
        num_iterations, learning_rate, print_cost: passed to :func:`optimize`.

    Returns:
        ``{"costs": list, "Y_prediction_test": (1, m_test), "Y_prediction_train": (1, m_train),
        "w": (n, 1), "b": float, "learning_rate": float, "num_iterations": int}``.
    """
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(
        w, b, X_train, Y_train, num_iterations, learning_rate, print_cost
    )
    w, b = params["w"], params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    if print_cost:
        for name, pred, truth in (("train", Y_prediction_train, Y_train),
                                  ("test", Y_prediction_test, Y_test)):
            print(f"{name} accuracy: {100 * np.mean(pred == truth):.2f} %")
    return {
        "costs": costs,
        "Y_prediction_test": Y_prediction_test,
        "Y_prediction_train": Y_prediction_train,
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }
