"""Reference answers for ``planar_classification``: one tanh hidden layer, sigmoid output.

Layout: column-major, as in sources 000 and 002 — ``X`` is ``(n_x, m)``, ``Y`` is ``(1, m)``,
every activation is ``(units, m)``.
"""

from __future__ import annotations

import numpy as np

Parameters = dict[str, np.ndarray]


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic function, elementwise; any shape in, the same shape out."""
    return 1.0 / (1.0 + np.exp(-z))


def layer_sizes(X: np.ndarray, Y: np.ndarray) -> tuple[int, int, int]:
    """Sizes of the three layers.

    Args:
        X: inputs, shape ``(n_x, m)``.
        Y: labels, shape ``(n_y, m)``.

    Returns:
        ``(n_x, n_h, n_y)`` with the hidden size fixed at 4.
    """
    return X.shape[0], 4, Y.shape[0]


def initialize_parameters(n_x: int, n_h: int, n_y: int) -> Parameters:
    """Small random weights, zero biases, drawn from the global legacy RNG (no reseeding).

    Draw order is part of the spec: ``W1`` first, then ``W2``.

    Returns:
        ``{"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}``.
    """
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def forward_propagation(X: np.ndarray, parameters: Parameters) -> tuple[np.ndarray, Parameters]:
    """Forward pass ``Z1 = W1 X + b1, A1 = tanh(Z1), Z2 = W2 A1 + b2, A2 = sigmoid(Z2)``.

    Args:
        X: inputs, shape ``(n_x, m)``.
        parameters: as returned by :func:`initialize_parameters`.

    Returns:
        ``A2`` of shape ``(n_y, m)`` and the cache ``{"Z1", "A1": (n_h, m), "Z2", "A2": (n_y, m)}``.
    """
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2: np.ndarray, Y: np.ndarray) -> float:
    """Mean binary cross-entropy ``-(1/m) Σ [y log a + (1-y) log(1-a)]``.

    Args:
        A2: predicted probabilities, shape ``(1, m)``.
        Y: labels in {0, 1}, shape ``(1, m)``.

    Returns:
        The cost as a Python float.
    """
    m = Y.shape[1]
    log_likelihood = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return float(-np.sum(log_likelihood) / m)


def backward_propagation(
    parameters: Parameters, cache: Parameters, X: np.ndarray, Y: np.ndarray
) -> Parameters:
    """Gradients of :func:`compute_cost` with respect to every parameter.

    Args:
        parameters: ``W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)``.
        cache: ``Z1, A1 (n_h, m), Z2, A2 (n_y, m)`` from :func:`forward_propagation`.
        X: inputs, shape ``(n_x, m)``.
        Y: labels, shape ``(n_y, m)``.

    Returns:
        ``{"dW1", "db1", "dW2", "db2"}``, each the shape of its parameter.
    """
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    # tanh'(Z1) written with the cached activation: 1 - tanh(Z1)^2 = 1 - A1^2.
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - A1**2)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(
    parameters: Parameters, grads: Parameters, learning_rate: float = 1.2
) -> Parameters:
    """One gradient-descent step ``θ ← θ - α dθ``; returns new arrays, the inputs are untouched."""
    return {
        name: parameters[name] - learning_rate * grads["d" + name]
        for name in ("W1", "b1", "W2", "b2")
    }


def nn_model(
    X: np.ndarray,
    Y: np.ndarray,
    n_h: int,
    num_iterations: int = 10000,
    print_cost: bool = False,
) -> Parameters:
    """Train the 2-layer network with full-batch gradient descent (learning rate 1.2).

    Calls ``np.random.seed(3)`` first so that results are reproducible.

    Args:
        X: inputs ``(n_x, m)``; Y: labels ``(n_y, m)``; n_h: hidden units.

    Returns:
        The trained parameters, shaped as in :func:`initialize_parameters`.
    """
    np.random.seed(3)
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:.6f}")
    return parameters


def predict(parameters: Parameters, X: np.ndarray) -> np.ndarray:
    """Class predictions: 1 where ``A2 > 0.5``, else 0; shape ``(1, m)``, integer dtype."""
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(int)
