"""Keras twins: source 000's logistic regression and source 004's 784-50-10 MLP.

TensorFlow is imported inside the functions (about 4-6 s), never when this module is
imported, so the module can be imported (and documented) where TensorFlow is absent.
Install it with ``pip install tensorflow-cpu`` (or the ``nnkit[tensorflow]`` extra).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nnkit.frameworks.numpy_mlp import as_features

__all__ = [
    "evaluate_mlp",
    "limit_threads",
    "logistic_accuracy",
    "logistic_regression_model",
    "mlp_model",
    "predict_mlp",
    "train_logistic_regression",
    "train_mlp",
]


def _keras() -> Any:
    """The ``keras`` module bundled with TensorFlow, imported on first use."""
    try:
        from tensorflow import keras
    except ImportError as exc:  # say what to install rather than a bare ModuleNotFoundError
        raise ImportError(
            "nnkit.frameworks.keras needs TensorFlow: pip install tensorflow-cpu"
        ) from exc
    return keras


def logistic_regression_model(n_features: int, learning_rate: float = 0.005) -> Any:
    """Logistic regression as a one-unit Keras network, compiled as in source 000.

    Args:
        n_features: inputs per example, e.g. 3072 for flattened CIFAR-10 images.
        learning_rate: Adam learning rate (source 000 used 0.005).

    Returns:
        A compiled ``keras.Sequential``: Dense(1, sigmoid) on inputs (m, n_features),
        binary cross-entropy, accuracy metric. Fit it on row layout X (m, n_features) and
        labels (m, 1) (the transpose of the NumPy assignment's (n_features, m)).
    """
    keras = _keras()
    model = keras.Sequential([
        keras.Input(shape=(n_features,)),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
                  loss="binary_crossentropy", metrics=["accuracy"])
    return model


def mlp_model(
    input_size: int = 784,
    hidden_size: int = 50,
    output_size: int = 10,
    activation: str = "sigmoid",
    learning_rate: float = 0.001,
) -> Any:
    """The MNIST network of source 004: Dense(hidden, sigmoid) -> Dense(10, softmax).

    Args:
        input_size: pixels per image (784).
        hidden_size: hidden units (50).
        output_size: classes (10).
        activation: hidden activation, "sigmoid" (source 004) or "relu".
        learning_rate: Adam learning rate (Keras' default 0.001, as ``optimizer="adam"``).

    Returns:
        A compiled ``keras.Sequential`` taking (m, input_size) floats in [0, 1] and integer
        labels (m,): Adam, sparse categorical cross-entropy, accuracy metric.
    """
    keras = _keras()
    model = keras.Sequential([
        keras.Input(shape=(input_size,)),
        keras.layers.Dense(hidden_size, activation=activation),
        keras.layers.Dense(output_size, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def limit_threads(n: int) -> None:
    """Run TensorFlow's kernels on ``n`` threads (intra- and inter-op).

    On a shared 2-core machine extra TensorFlow threads only contend; the bench pins every
    framework to the same count. TensorFlow fixes its thread pools when its runtime starts,
    so a later call cannot change them: it is then ignored, and the count already set stays.
    """
    import tensorflow as tf

    try:
        tf.config.threading.set_intra_op_parallelism_threads(n)
        tf.config.threading.set_inter_op_parallelism_threads(n)
    except RuntimeError:  # the runtime has started: its pools are fixed for this process
        pass


def train_logistic_regression(
    X_train: np.ndarray, Y_train: np.ndarray, epochs: int = 10, batch_size: int = 64,
    learning_rate: float = 0.005, seed: int = 0,
) -> Any:
    """Source 000's Keras fit of logistic regression, on the NumPy assignment's layout.

    Args:
        X_train: features (n_features, m), columns are examples (the assignment's layout).
        Y_train: labels 0/1, shape (1, m).
        epochs: passes over the data (source 000: 10).
        batch_size: examples per Adam step (source 000: 64).
        learning_rate: Adam learning rate (source 000: 0.005).
        seed: ``keras.utils.set_random_seed`` (weights and shuffling).

    Returns:
        The fitted model; it takes rows (m, n_features), i.e. ``X.T``.
    """
    keras = _keras()
    keras.utils.set_random_seed(seed)
    model = logistic_regression_model(X_train.shape[0], learning_rate)
    model.fit(np.asarray(X_train, np.float32).T, np.asarray(Y_train, np.float32).T,
              epochs=epochs, batch_size=batch_size, verbose=0)
    return model


def logistic_accuracy(model: Any, X: np.ndarray, Y: np.ndarray) -> float:
    """Accuracy of a fitted logistic model on the assignment's layout.

    Args:
        model: from :func:`train_logistic_regression`.
        X: features (n_features, m); Y: labels 0/1, shape (1, m).

    Returns:
        Share of examples where ``probability > 0.5`` equals the label, in [0, 1].
    """
    probabilities = model.predict(np.asarray(X, np.float32).T, verbose=0).reshape(1, -1)
    return float(((probabilities > 0.5) == np.asarray(Y).reshape(1, -1)).mean())


def train_mlp(
    x_train: np.ndarray,
    y_train: np.ndarray,
    epochs: int = 10,
    batch_size: int = 32,
    lr: float | None = None,
    seed: int = 0,
    hidden_size: int = 50,
    activation: str = "sigmoid",
    output_size: int = 10,
) -> Any:
    """Source 004's Keras baseline: :func:`mlp_model` fitted with Adam, as the torch twin's
    ``train_mlp`` and NumPy's ``train_numpy_mlp`` are (same network, same data, same batches).

    Args:
        x_train: uint8 images (m, 28, 28) or float features (m, 784) in [0, 1].
        y_train: integer labels 0..9, shape (m,).
        epochs: passes over the data (source 004: 10).
        batch_size: examples per step (Keras' default 32, as source 004).
        lr: Adam learning rate; None for 0.001 (``optimizer="adam"``).
        seed: ``keras.utils.set_random_seed`` (weights and shuffling).
        hidden_size: hidden units (50).
        activation: "sigmoid" (source 004) or "relu".
        output_size: classes (10).

    Returns:
        The fitted model.
    """
    if activation not in ("sigmoid", "relu"):
        raise ValueError(f'activation must be "sigmoid" or "relu", got {activation!r}')
    keras = _keras()
    keras.utils.set_random_seed(seed)
    x = as_features(x_train)
    model = mlp_model(x.shape[1], hidden_size, output_size, activation,
                      0.001 if lr is None else lr)
    model.fit(x, np.asarray(y_train).reshape(-1), epochs=epochs, batch_size=batch_size,
              verbose=0)
    return model


def predict_mlp(model: Any, x: np.ndarray) -> np.ndarray:
    """Args: model from :func:`train_mlp`; x uint8 images (m, 28, 28) or features (m, 784).
    Returns: predicted classes, int64 (m,)."""
    return model.predict(as_features(x), verbose=0, batch_size=1024).argmax(axis=1)


def evaluate_mlp(model: Any, x: np.ndarray, y: np.ndarray) -> float:
    """Args: model from :func:`train_mlp`; x images or features (m, 784); y labels (m,).
    Returns: test accuracy in [0, 1]."""
    return float((predict_mlp(model, x) == np.asarray(y).reshape(-1)).mean())
