"""Keras twins: source 000's logistic regression and source 004's 784-50-10 MLP.

TensorFlow is imported inside the functions (about 4-6 s), never when this module is
imported, so the module can be imported (and documented) where TensorFlow is absent.
Install it with ``pip install tensorflow-cpu`` (or the ``nnkit[tensorflow]`` extra).
"""

from __future__ import annotations

from typing import Any

__all__ = ["logistic_regression_model", "mlp_model"]


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
