"""Reference answers for ``mnist_mlp``: a two-layer network (ReLU hidden, softmax output).

Layout: row-major, as in source 004 (Saitoh's *Deep Learning from Scratch* names) — ``X`` is
``(N, n_in)``, integer labels are ``(N,)``, a weight matrix is ``(n_in, n_out)`` and a bias is
``(n_out,)``.

The cross-entropy epsilon: :func:`cross_entropy_error` adds ``1e-7`` inside the log, as the
book does, so that a probability of exactly 0 gives a large finite loss. The backward pass
``(y_hat - t) / N`` is the exact gradient of the loss *without* that epsilon; against
``cross_entropy_error`` it is off by a relative ``≈ 1e-7 / p`` (about 1e-6 at initialisation,
where ``p ≈ 0.1``), which fails a 1e-7 gradient check. Gradient checks therefore compare against
:func:`softmax_cross_entropy` (log-sum-exp on the logits, no epsilon) via :func:`loss`.
"""

from __future__ import annotations

import numpy as np

CROSS_ENTROPY_EPSILON = 1e-7


def init_params(
    input_size: int, hidden_size: int, output_size: int, weight_init_std: float = 0.01
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Small Gaussian weights and zero biases from the legacy global RNG (no reseeding).

    Draw order is part of the spec: ``W1`` first, then ``W2``.

    Returns:
        ``W1 (input_size, hidden_size)``, ``b1 (hidden_size,)``, ``W2 (hidden_size, output_size)``,
        ``b2 (output_size,)``.
    """
    W1 = weight_init_std * np.random.randn(input_size, hidden_size)
    b1 = np.zeros(hidden_size)
    W2 = weight_init_std * np.random.randn(hidden_size, output_size)
    b2 = np.zeros(output_size)
    return W1, b1, W2, b2


def affine_layer_forward(
    X: np.ndarray, W: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """``y = X W + b``.

    Args:
        X: ``(N, n_in)``; W: ``(n_in, n_out)``; b: ``(n_out,)``.

    Returns:
        ``y (N, n_out)`` and ``cache = (X, W, b)`` for :func:`affine_layer_backward`.
    """
    return X @ W + b, (X, W, b)


def affine_layer_backward(
    dy: np.ndarray, cache: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients through ``y = X W + b`` given ``dy = dL/dy``.

    Args:
        dy: ``(N, n_out)``; cache: ``(X (N, n_in), W (n_in, n_out), b (n_out,))``.

    Returns:
        ``dX (N, n_in)``, ``dW (n_in, n_out)``, ``db (n_out,)`` (summed over the batch axis).
    """
    X, W, _ = cache
    return dy @ W.T, X.T @ dy, np.sum(dy, axis=0)


def relu(x: np.ndarray) -> np.ndarray:
    """``max(0, x)`` elementwise; any shape in, the same shape out."""
    return np.maximum(0, x)


def relu_grad(x: np.ndarray) -> np.ndarray:
    """``d relu / dx``: 1.0 where ``x > 0``, else 0.0 (0 at the kink); float, same shape as x."""
    return np.where(x > 0, 1.0, 0.0)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function, elementwise; any shape in, the same shape out."""
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_grad(x: np.ndarray) -> np.ndarray:
    """``d sigmoid / dx`` at the *input* ``x``: ``σ(x) (1 - σ(x))``; the same shape as x."""
    s = sigmoid(x)
    return (1.0 - s) * s


def softmax(x: np.ndarray) -> np.ndarray:
    """Softmax of a vector, or of every row of a matrix.

    Subtracting the (row) maximum first changes nothing mathematically and keeps ``exp`` from
    overflowing: logits of ±1000 give exact, finite probabilities.

    Args:
        x: logits, shape ``(C,)`` or ``(N, C)``.

    Returns:
        Probabilities of the same shape; each row (or the vector) sums to 1.
    """
    shifted = x - np.max(x, axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / np.sum(exp, axis=-1, keepdims=True)


def _change_one_hot_label(X: np.ndarray, num_category: int) -> np.ndarray:
    """One-hot encode integer labels.

    Args:
        X: integer labels in ``[0, num_category)``, shape ``(N,)`` (any shape is flattened).
        num_category: number of classes ``C``.

    Returns:
        float64 array ``(N, C)`` with a single 1.0 per row.
    """
    labels = np.asarray(X).ravel()
    T = np.zeros((labels.size, num_category))
    T[np.arange(labels.size), labels] = 1.0
    return T


def cross_entropy_error(y: np.ndarray, t: np.ndarray) -> float:
    """Mean cross-entropy ``-(1/N) Σ log(y[n, label_n] + 1e-7)`` (Saitoh's version).

    Args:
        y: probabilities, ``(C,)`` (one example, treated as a batch of 1) or ``(N, C)``.
        t: one-hot labels of the same shape as ``y``, or integer labels ``()``/``(1,)`` or
            ``(N,)``.

    Returns:
        The mean over the batch, a Python float.
    """
    t = np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, y.size)
        t = t.reshape(1, t.size)
    if t.size == y.size:  # one-hot: turn into the index of the correct class
        t = t.argmax(axis=1)
    t = t.ravel()
    batch_size = y.shape[0]
    picked = y[np.arange(batch_size), t]
    return float(-np.sum(np.log(picked + CROSS_ENTROPY_EPSILON)) / batch_size)


def softmax_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    """Mean cross-entropy of ``softmax(logits)`` with no epsilon, via log-sum-exp.

    Its gradient with respect to ``logits`` is exactly ``(softmax(logits) - t) / N``, which is
    what :func:`train_step` backpropagates; use it (through :func:`loss`) in gradient checks.

    Args:
        logits: ``(N, C)``; labels: integer class indices ``(N,)``.

    Returns:
        The mean over the batch, a Python float.
    """
    labels = np.asarray(labels).ravel()
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    log_sum_exp = np.log(np.sum(np.exp(shifted), axis=1))
    picked = shifted[np.arange(logits.shape[0]), labels]
    return float(np.mean(log_sum_exp - picked))


def loss(
    W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray, X: np.ndarray, Y: np.ndarray
) -> float:
    """The network's :func:`softmax_cross_entropy` on ``X (N, n_in)`` with labels ``Y (N,)``."""
    A1 = relu(X @ W1 + b1)
    return softmax_cross_entropy(A1 @ W2 + b2, Y)


def gradients(
    X: np.ndarray, Y: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray
) -> tuple[dict[str, np.ndarray], float]:
    """Forward and backward pass of the ReLU network, without updating anything.

    Args:
        X: ``(N, n_in)``; Y: integer labels ``(N,)``; W1 ``(n_in, H)``, b1 ``(H,)``,
        W2 ``(H, C)``, b2 ``(C,)``.

    Returns:
        ``{"dW1", "db1", "dW2", "db2"}`` (each the shape of its parameter, the gradient of
        :func:`loss`) and ``cross_entropy_error(y_hat, t)`` of the batch.
    """
    # Z before an activation, A after it, as in the other assignments.
    Z1, cache1 = affine_layer_forward(X, W1, b1)
    A1 = relu(Z1)
    Z2, cache2 = affine_layer_forward(A1, W2, b2)
    y_hat = softmax(Z2)
    t = _change_one_hot_label(Y, W2.shape[1])
    batch_loss = cross_entropy_error(y_hat, t)
    dZ2 = (y_hat - t) / X.shape[0]
    dA1, dW2, db2 = affine_layer_backward(dZ2, cache2)
    dZ1 = relu_grad(Z1) * dA1
    _, dW1, db1 = affine_layer_backward(dZ1, cache1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}, batch_loss


def update_params(
    W1: np.ndarray,
    b1: np.ndarray,
    W2: np.ndarray,
    b2: np.ndarray,
    dW1: np.ndarray,
    db1: np.ndarray,
    dW2: np.ndarray,
    db2: np.ndarray,
    learning_rate: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One gradient-descent step ``θ - learning_rate * dθ``; new arrays, inputs untouched.

    Returns:
        ``W1, b1, W2, b2`` with the shapes of the inputs.
    """
    return (
        W1 - learning_rate * dW1,
        b1 - learning_rate * db1,
        W2 - learning_rate * dW2,
        b2 - learning_rate * db2,
    )


def train_step(
    X: np.ndarray,
    Y: np.ndarray,
    W1: np.ndarray,
    b1: np.ndarray,
    W2: np.ndarray,
    b2: np.ndarray,
    learning_rate: float = 0.1,
    verbose: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]:
    """Forward, loss, backward and one update on a batch (ReLU hidden layer, softmax output).

    Args:
        X: ``(N, n_in)``; Y: integer labels ``(N,)``; W1 ``(n_in, H)``, b1 ``(H,)``,
        W2 ``(H, C)``, b2 ``(C,)`` (``C = 10`` for MNIST).
        learning_rate: step size. verbose: print the batch loss.

    Returns:
        Updated ``W1, b1, W2, b2`` (new arrays, same shapes) and ``Loss``: the
        :func:`cross_entropy_error` of the batch *before* the update (a float).
    """
    grads, Loss = gradients(X, Y, W1, b1, W2, b2)
    if verbose:
        print("Loss: ", Loss)
    W1, b1, W2, b2 = update_params(
        W1, b1, W2, b2, grads["dW1"], grads["db1"], grads["dW2"], grads["db2"], learning_rate
    )
    return W1, b1, W2, b2, Loss


def predict(
    W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray, X: np.ndarray
) -> np.ndarray:
    """Class probabilities ``softmax(relu(X W1 + b1) W2 + b2)``.

    Args:
        W1 ``(n_in, H)``, b1 ``(H,)``, W2 ``(H, C)``, b2 ``(C,)``; X ``(N, n_in)``.

    Returns:
        ``(N, C)`` probabilities, rows summing to 1.
    """
    # The notebook's solution composes the graded layers; so does the reference, so that blame
    # isolation's stand-ins (the graded helpers the reference calls) are the ones students call.
    Z1, _ = affine_layer_forward(X, W1, b1)
    Z2, _ = affine_layer_forward(relu(Z1), W2, b2)
    return softmax(Z2)


def accuracy(
    W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray, x: np.ndarray, y: np.ndarray
) -> float:
    """Fraction of rows of ``x (N, n_in)`` whose most probable class equals ``y (N,)`` (integers).

    Returns:
        A Python float in ``[0, 1]``.
    """
    predicted = np.argmax(predict(W1, b1, W2, b2, x), axis=1)
    return float(np.mean(predicted == np.asarray(y).ravel()))
