"""Reference answers for ``xor_backprop``: sigmoid networks trained on XOR by hand-written backprop.

Layout: row-major, as in sources 001 and 003 — ``X`` is ``(m, n_in)``, ``y`` is ``(m, n_out)``,
a weight matrix is ``(n_in, n_out)``, a bias is ``(1, n_out)``, ``a = sigmoid(a_prev @ W + b)``.

The loss is the mean squared error over *all* entries, ``L = mean((y - a_L)^2)``. Its gradient
starts from ``dL/da_L = 2 (a_L - y) / y.size``; source 001 uses ``a_L - y`` (no ``2/m``), which is
not the gradient of the stated loss — a gradient check exposes it by orders of magnitude.

Because the true gradient is ``2/m`` times smaller than source 001's step (``m = 4`` for XOR:
half the size), the learning rate has to be larger to train in the same number of epochs; the
defaults of :func:`train_xor` (``learning_rate=2.0, epochs=10000``) are measured to bring the
2-3-1 and 2-3-3-1 networks below 0.01 at ``seed=42``, while 2-1 stays at 0.25.
"""

from __future__ import annotations

import numpy as np

Layer = tuple[np.ndarray, np.ndarray]  # (W (n_in, n_out), b (1, n_out))

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)  # (4, 2)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=np.float64)  # (4, 1)

DEFAULT_LEARNING_RATE = 2.0
DEFAULT_EPOCHS = 10000


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function, elementwise; any shape in, the same shape out."""
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_derivative(a: np.ndarray) -> np.ndarray:
    """Derivative of the sigmoid written in terms of its *activation* ``a = sigmoid(z)``.

    Args:
        a: activations, any shape.

    Returns:
        ``a * (1 - a)``, the same shape — equal to ``dσ/dz`` at the ``z`` that produced ``a``.
    """
    return a * (1 - a)


def mse_loss(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean over all entries of ``(y_true - y_pred)^2``.

    Args:
        y_true, y_pred: the same shape, e.g. ``(m, n_out)``.

    Returns:
        The loss as a Python float.
    """
    return float(np.mean((y_true - y_pred) ** 2))


def init_network(layer_sizes: list[int], seed: int | None = 42) -> list[Layer]:
    """Standard-normal weights and zero biases from the legacy global RNG.

    Draw order is part of the spec: ``np.random.seed(seed)`` (skipped when ``seed`` is None),
    then one ``np.random.randn(n_in, n_out)`` per layer, first layer first.

    Args:
        layer_sizes: ``[n_in, n_hidden..., n_out]``, at least two entries.
        seed: seed of the global legacy RNG.

    Returns:
        A list of ``len(layer_sizes) - 1`` pairs ``(W (n_in, n_out), b zeros (1, n_out))``.
    """
    if seed is not None:
        np.random.seed(seed)
    return [
        (np.random.randn(n_in, n_out), np.zeros((1, n_out)))
        for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:], strict=True)
    ]


def forward_pass(X: np.ndarray, params: list[Layer]) -> list[np.ndarray]:
    """Sigmoid after every layer, the output layer included.

    Args:
        X: inputs, shape ``(m, n_0)``.
        params: ``[(W1 (n_0, n_1), b1 (1, n_1)), ...]`` as from :func:`init_network`.

    Returns:
        ``[X, a1 (m, n_1), ..., aL (m, n_L)]``: ``L + 1`` arrays, the input first.
    """
    activations = [X]
    for W, b in params:
        activations.append(sigmoid(activations[-1] @ W + b))
    return activations


def backward_pass(
    activations: list[np.ndarray], y: np.ndarray, params: list[Layer]
) -> list[Layer]:
    """Exact gradients of ``mse_loss(y, aL)`` with respect to every weight and bias.

    Args:
        activations: ``[X (m, n_0), a1 (m, n_1), ..., aL (m, n_L)]`` from :func:`forward_pass`.
        y: targets, shape ``(m, n_L)``.
        params: the ``(W, b)`` pairs that produced ``activations``.

    Returns:
        ``[(dW1 (n_0, n_1), db1 (1, n_1)), ..., (dWL, dbL)]``, each the shape of its parameter.
    """
    output = activations[-1]
    # d mean(...) / d aL: the 2 from the square, 1/size from the mean (source 001 drops both).
    delta = 2 * (output - y) / y.size * sigmoid_derivative(output)  # dL/dz_L, (m, n_L)
    grads: list[Layer] = []
    for layer in range(len(params) - 1, -1, -1):
        a_prev = activations[layer]
        grads.append((a_prev.T @ delta, np.sum(delta, axis=0, keepdims=True)))
        if layer > 0:
            W = params[layer][0]
            delta = (delta @ W.T) * sigmoid_derivative(a_prev)
    return grads[::-1]


def train_xor(
    X: np.ndarray,
    y: np.ndarray,
    layer_sizes: list[int],
    learning_rate: float = DEFAULT_LEARNING_RATE,
    epochs: int = DEFAULT_EPOCHS,
    seed: int | None = 42,
) -> tuple[list[Layer], list[float]]:
    """Full-batch gradient descent on :func:`mse_loss`.

    Args:
        X: inputs ``(m, n_0)``; y: targets ``(m, n_L)``.
        layer_sizes: ``[n_0, ..., n_L]``, passed to :func:`init_network` with ``seed``.
        learning_rate: step size; epochs: number of updates.

    Returns:
        The trained ``(W, b)`` pairs and ``losses``: ``epochs`` floats, the loss at each epoch
        measured *before* that epoch's update.
    """
    params = init_network(layer_sizes, seed)
    losses = []
    for _ in range(epochs):
        activations = forward_pass(X, params)
        losses.append(mse_loss(y, activations[-1]))
        grads = backward_pass(activations, y, params)
        params = [
            (W - learning_rate * dW, b - learning_rate * db)
            for (W, b), (dW, db) in zip(params, grads, strict=True)
        ]
    return params, losses


class TwoLayerNet:
    """Source 003's class-based network, fixed: sigmoid hidden and output layers, with biases.

    Parameters (read them as attributes; names listed in ``PARAMETER_NAMES``):
    ``w1 (input_size, hidden_size)``, ``b1 (1, hidden_size)``, ``w2 (hidden_size, output_size)``,
    ``b2 (1, output_size)``. ``w1`` is drawn before ``w2`` from the legacy global RNG
    (``np.random.seed(seed)`` first when ``seed`` is given); biases start at zero.

    Learning rate: ``self.learning_rate`` (set by ``__init__``, default 1.0) is the step of
    :meth:`backward` and :meth:`train` unless their ``learning_rate`` argument is given. Either
    way one call moves every parameter by exactly ``-learning_rate * dL/dθ``, where
    ``L = mean((y - o)^2)`` over all ``m * output_size`` entries — so from outside,
    ``(θ_after - θ_before) / -learning_rate`` is the gradient and can be checked numerically.
    """

    PARAMETER_NAMES = ("w1", "b1", "w2", "b2")

    def __init__(
        self,
        input_size: int = 2,
        hidden_size: int = 3,
        output_size: int = 1,
        seed: int | None = None,
        learning_rate: float = 1.0,
    ) -> None:
        if seed is not None:
            np.random.seed(seed)
        self.w1 = np.random.randn(input_size, hidden_size)
        self.b1 = np.zeros((1, hidden_size))
        self.w2 = np.random.randn(hidden_size, output_size)
        self.b2 = np.zeros((1, output_size))
        self.learning_rate = learning_rate

    def sigmoid(self, s: np.ndarray) -> np.ndarray:
        """Logistic function of a weighted sum; any shape in, the same shape out."""
        return 1.0 / (1.0 + np.exp(-s))

    def sigmoid_prime(self, z: np.ndarray) -> np.ndarray:
        """``dσ/dz`` at the *pre-activation* ``z`` (source 003 took it at an activation).

        Args:
            z: weighted sums, any shape.

        Returns:
            ``σ(z) (1 - σ(z))``, the same shape.
        """
        s = self.sigmoid(z)
        return s * (1 - s)

    def feed_forward(self, X: np.ndarray) -> np.ndarray:
        """Forward pass; stores the intermediate values that :meth:`backward` needs.

        Args:
            X: inputs, shape ``(m, input_size)``.

        Returns:
            ``activated_output``, shape ``(m, output_size)``. Also stored: ``hidden_sum`` and
            ``activated_hidden`` ``(m, hidden_size)``, ``output_sum`` ``(m, output_size)``.
        """
        self.hidden_sum = X @ self.w1 + self.b1
        self.activated_hidden = self.sigmoid(self.hidden_sum)
        self.output_sum = self.activated_hidden @ self.w2 + self.b2
        self.activated_output = self.sigmoid(self.output_sum)
        return self.activated_output

    def loss(self, X: np.ndarray, y: np.ndarray) -> float:
        """Mean squared error of the network on ``X (m, input_size)``, ``y (m, output_size)``."""
        return float(np.mean((y - self.feed_forward(X)) ** 2))

    def gradients(self, X: np.ndarray, y: np.ndarray, o: np.ndarray) -> dict[str, np.ndarray]:
        """``dL/dθ`` for every parameter, using the values stored by the last forward pass.

        Args:
            X: ``(m, input_size)``; y: ``(m, output_size)``;
            o: ``feed_forward(X)``, shape ``(m, output_size)``.

        Returns:
            ``{"w1", "b1", "w2", "b2"}``, each the shape of its parameter.
        """
        o_delta = 2 * (o - y) / y.size * self.sigmoid_prime(self.output_sum)
        # The hidden delta uses the hidden layer's own sum (source 003 used output_sum).
        hidden_delta = (o_delta @ self.w2.T) * self.sigmoid_prime(self.hidden_sum)
        return {
            "w1": X.T @ hidden_delta,
            "b1": np.sum(hidden_delta, axis=0, keepdims=True),
            "w2": self.activated_hidden.T @ o_delta,
            "b2": np.sum(o_delta, axis=0, keepdims=True),
        }

    def backward(
        self, X: np.ndarray, y: np.ndarray, o: np.ndarray, learning_rate: float | None = None
    ) -> None:
        """One gradient-descent step on every parameter: ``θ ← θ - learning_rate * dL/dθ``.

        Args:
            X: ``(m, input_size)``; y: ``(m, output_size)``;
            o: the output of ``feed_forward(X)`` just before, ``(m, output_size)``.
            learning_rate: step size; ``None`` means ``self.learning_rate``.
        """
        step = self.learning_rate if learning_rate is None else learning_rate
        grads = self.gradients(X, y, o)  # all computed before any parameter moves
        for name in self.PARAMETER_NAMES:
            setattr(self, name, getattr(self, name) - step * grads[name])

    def train(self, X: np.ndarray, y: np.ndarray, learning_rate: float | None = None) -> None:
        """One iteration: :meth:`feed_forward` then :meth:`backward` (arguments as there)."""
        o = self.feed_forward(X)
        self.backward(X, y, o, learning_rate)
