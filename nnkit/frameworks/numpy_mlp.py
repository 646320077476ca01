"""A fast NumPy trainer for the 784-H-10 MNIST network, the baseline of ``bench/``.

Row layout as in source 004: X (m, 784), W1 (784, H), b1 (H,), W2 (H, 10), b2 (10,).
What makes it fast at batch 32, where per-call overhead and not arithmetic dominates:
float32 throughout; all parameters (and all gradients) are views into one flat vector, so
an optimizer step is a dozen NumPy calls, not a dozen per parameter; each batch is gathered
by its own shuffled indices (32 rows 1875 times costs ~25 ms an epoch, a shuffled copy of
the whole 188 MB set ~0.5 s); scratch space is preallocated and filled in place (``out=``);
no gradient is computed with respect to the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["NumpyMLP", "as_features", "init_params", "train_numpy_mlp"]

PARAM_NAMES = ("W1", "b1", "W2", "b2")


def as_features(x: np.ndarray, dtype: type = np.float32) -> np.ndarray:
    """(m, 784) features in [0, 1] from uint8 images (m, 28, 28); floats are kept as they are.

    Args:
        x: uint8 images (m, h, w) or features (m, n).
        dtype: float type of the result.

    Returns:
        C-contiguous array (m, h*w) of ``dtype``.
    """
    x = np.asarray(x)
    flat = x.reshape(len(x), -1)
    if x.dtype == np.uint8:
        return np.ascontiguousarray(flat, dtype=dtype) / dtype(255)
    return np.ascontiguousarray(flat, dtype=dtype)


def init_params(
    sizes: tuple[int, int, int], activation: str = "sigmoid", seed: int = 0,
    dtype: type = np.float32,
) -> dict[str, np.ndarray]:
    """Gaussian weights scaled by fan-in (Xavier for sigmoid, He for ReLU), zero biases.

    Args:
        sizes: (n_input, n_hidden, n_output), e.g. (784, 50, 10).
        activation: "sigmoid" or "relu"; chooses the scale 1/fan_in or 2/fan_in.
        seed: seed of ``np.random.default_rng`` (the global RNG is untouched).
        dtype: float type of the parameters.

    Returns:
        {"W1": (n_input, n_hidden), "b1": (n_hidden,), "W2": (n_hidden, n_output),
         "b2": (n_output,)}.
    """
    n_in, n_hidden, n_out = sizes
    rng = np.random.default_rng(seed)
    gain = 2.0 if activation == "relu" else 1.0
    return {
        "W1": (rng.standard_normal((n_in, n_hidden)) * np.sqrt(gain / n_in)).astype(dtype),
        "b1": np.zeros(n_hidden, dtype),
        "W2": (rng.standard_normal((n_hidden, n_out)) * np.sqrt(gain / n_hidden)).astype(dtype),
        "b2": np.zeros(n_out, dtype),
    }


@dataclass
class NumpyMLP:
    """A trained network: parameters plus the hidden activation.

    Attributes:
        params: {"W1": (784, H), "b1": (H,), "W2": (H, 10), "b2": (10,)}.
        activation: "sigmoid" or "relu".
        losses: mean training cross-entropy of every epoch.
    """

    params: dict[str, np.ndarray]
    activation: str = "sigmoid"
    losses: list[float] = field(default_factory=list)

    def scores(self, x: np.ndarray) -> np.ndarray:
        """Args: x images or features (m, 784). Returns: logits (m, 10)."""
        p = self.params
        features = as_features(x, p["W1"].dtype.type)
        hidden = _activate(features @ p["W1"] + p["b1"], self.activation)
        return hidden @ p["W2"] + p["b2"]

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Args: x images or features (m, 784). Returns: classes, int64 (m,)."""
        return self.scores(x).argmax(axis=1)

    def accuracy(self, x: np.ndarray, y: np.ndarray) -> float:
        """Args: x (m, 784) or images, y labels (m,). Returns: accuracy in [0, 1]."""
        return float((self.predict(x) == np.asarray(y).reshape(-1)).mean())


def _activate(z: np.ndarray, activation: str) -> np.ndarray:
    """Sigmoid or ReLU, computed in place on ``z`` (a scratch array) and returned."""
    if activation == "relu":
        return np.maximum(z, 0, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1
    return np.reciprocal(z, out=z)


def _flat_views(arrays: dict[str, np.ndarray]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """One contiguous 1-D buffer holding copies of ``arrays``, and views into it by name.

    The optimizers update the buffer with a dozen NumPy calls per step instead of a dozen per
    parameter: at batch 32 the per-call overhead, not the arithmetic, is what costs.
    """
    flat = np.concatenate([a.reshape(-1) for a in arrays.values()])
    views, start = {}, 0
    for name, a in arrays.items():
        views[name] = flat[start:start + a.size].reshape(a.shape)
        start += a.size
    return flat, views


class _Adam:
    """Adam on a flat parameter vector, in the form of Kingma & Ba (2015), section 2:
    the bias corrections are folded into the step size."""

    def __init__(self, size: int, dtype: type, lr: float, beta1: float = 0.9,
                 beta2: float = 0.999, eps: float = 1e-8) -> None:
        self.lr, self.beta1, self.beta2, self.eps, self.t = lr, beta1, beta2, eps, 0
        self.m, self.v, self.tmp = (np.zeros(size, dtype) for _ in range(3))

    def step(self, params: np.ndarray, grads: np.ndarray) -> None:
        """Update the flat ``params`` (n,) in place from the flat ``grads`` (n,)."""
        self.t += 1
        b1, b2, m, v, tmp = self.beta1, self.beta2, self.m, self.v, self.tmp
        step = self.lr * np.sqrt(1 - b2**self.t) / (1 - b1**self.t)
        m *= b1
        m += np.multiply(grads, 1 - b1, out=tmp)
        v *= b2
        np.multiply(grads, grads, out=tmp)
        tmp *= 1 - b2
        v += tmp
        np.sqrt(v, out=tmp)
        tmp += self.eps
        np.divide(m, tmp, out=tmp)
        tmp *= step
        params -= tmp


class _SGD:
    def __init__(self, size: int, dtype: type, lr: float) -> None:
        self.lr = lr
        self.tmp = np.zeros(size, dtype)

    def step(self, params: np.ndarray, grads: np.ndarray) -> None:
        """Update the flat ``params`` (n,) in place from the flat ``grads`` (n,)."""
        params -= np.multiply(grads, self.lr, out=self.tmp)


class _Workspace:
    """Scratch arrays for one batch size, reused by every step."""

    def __init__(self, batch: int, params: dict[str, np.ndarray]) -> None:
        dtype = params["W1"].dtype
        n_hidden, n_out = params["W2"].shape
        self.hidden = np.empty((batch, n_hidden), dtype)
        self.d_hidden = np.empty((batch, n_hidden), dtype)
        self.scores = np.empty((batch, n_out), dtype)
        self.flat_grads, self.grads = _flat_views(params)  # same layout as the flat params


def _train_step(x: np.ndarray, y: np.ndarray, params: dict[str, np.ndarray],
                activation: str, ws: _Workspace) -> float:
    """Forward, softmax cross-entropy and backward for one batch; fills ``ws.grads``.

    Args:
        x: batch features (B, 784); y: labels (B,).

    Returns:
        Mean cross-entropy of the batch.
    """
    n = len(x)
    hidden, d_hidden, scores, g = ws.hidden[:n], ws.d_hidden[:n], ws.scores[:n], ws.grads
    np.matmul(x, params["W1"], out=hidden)
    hidden += params["b1"]
    _activate(hidden, activation)
    np.matmul(hidden, params["W2"], out=scores)
    scores += params["b2"]
    # Softmax minus the max for stability; the gradient of mean CE w.r.t. scores is (P - Y)/n.
    scores -= scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=1, keepdims=True)
    rows = np.arange(n)
    loss = -float(np.log(scores[rows, y] + 1e-7).mean())
    scores[rows, y] -= 1
    scores /= n
    np.matmul(hidden.T, scores, out=g["W2"])
    scores.sum(axis=0, out=g["b2"])
    np.matmul(scores, params["W2"].T, out=d_hidden)
    if activation == "relu":
        d_hidden *= hidden > 0
    else:  # sigmoid'(z) = a (1 - a), written with the activation a kept from the forward pass
        d_hidden *= hidden
        np.subtract(1, hidden, out=hidden)
        d_hidden *= hidden
    np.matmul(x.T, d_hidden, out=g["W1"])
    d_hidden.sum(axis=0, out=g["b1"])
    return loss


def train_numpy_mlp(
    x_train: np.ndarray,
    y_train: np.ndarray,
    hidden_size: int = 50,
    epochs: int = 10,
    batch_size: int = 32,
    optimizer: str = "adam",
    lr: float | None = None,
    activation: str = "sigmoid",
    seed: int = 0,
    dtype: type = np.float32,
) -> NumpyMLP:
    """Mini-batch training of the 784-H-10 network with softmax cross-entropy.

    Args:
        x_train: uint8 images (m, 28, 28) or features (m, 784) in [0, 1].
        y_train: labels 0..9, shape (m,).
        hidden_size: hidden units H.
        epochs: passes over the data, each in a fresh random order.
        batch_size: examples per step (the last batch of an epoch may be smaller).
        optimizer: "adam" (default lr 0.001) or "sgd" (default lr 0.1).
        lr: learning rate, None for the default above.
        activation: "sigmoid" or "relu".
        seed: seed of the weights and of the shuffling (``np.random.default_rng``).
        dtype: np.float32 (fast) or np.float64.

    Returns:
        The trained :class:`NumpyMLP` with its per-epoch losses.
    """
    if activation not in ("sigmoid", "relu"):
        raise ValueError(f'activation must be "sigmoid" or "relu", got {activation!r}')
    x = as_features(x_train, dtype)
    y = np.asarray(y_train).reshape(-1).astype(np.int64)
    flat, params = _flat_views(init_params((x.shape[1], hidden_size, 10), activation, seed, dtype))
    opt = _make_optimizer(optimizer, flat.size, dtype, lr)
    ws = _Workspace(batch_size, params)
    rng = np.random.default_rng(seed + 1)
    model = NumpyMLP(params, activation)
    for _ in range(epochs):
        order = rng.permutation(len(x))
        total = 0.0
        for start in range(0, len(x), batch_size):
            batch = order[start:start + batch_size]
            xb, yb = x[batch], y[batch]
            total += _train_step(xb, yb, params, activation, ws) * len(xb)
            opt.step(flat, ws.flat_grads)
        model.losses.append(total / len(x))
    return model


# Each optimizer's default learning rate, for every framework's twin of the model.
DEFAULT_LEARNING_RATES = {"adam": 0.001, "sgd": 0.1}
OPTIMIZERS: dict[str, tuple[type[_Adam] | type[_SGD], float]] = {
    "adam": (_Adam, DEFAULT_LEARNING_RATES["adam"]),
    "sgd": (_SGD, DEFAULT_LEARNING_RATES["sgd"]),
}


def _make_optimizer(name: str, size: int, dtype: type, lr: float | None) -> _Adam | _SGD:
    if name not in OPTIMIZERS:
        raise ValueError(f'optimizer must be "adam" or "sgd", got {name!r}')
    kind, default_lr = OPTIMIZERS[name]
    return kind(size, dtype, default_lr if lr is None else lr)
