"""nnkit.frameworks: cheap imports, the torch twin on the moons, the NumPy trainer, Keras models."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]

IMPORT_PROBE = """
import json, sys, time
start = time.perf_counter()
import nnkit
seconds = time.perf_counter() - start
import nnkit.frameworks, nnkit.datasets, nnkit.plots, nnkit.frameworks.numpy_mlp
import nnkit.frameworks.keras
heavy = [m for m in ("torch", "tensorflow", "keras", "matplotlib", "sklearn") if m in sys.modules]
print(json.dumps({"seconds": seconds, "heavy": heavy}))
"""


def test_imports_stay_light_and_fast():
    result = subprocess.run([sys.executable, "-c", IMPORT_PROBE], cwd=ROOT, capture_output=True,
                            text=True, check=True, timeout=60)
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["heavy"] == [], f"imported at import time: {probe['heavy']}"
    assert probe["seconds"] < 0.5, f"import nnkit took {probe['seconds']:.2f} s"


# --------------------------------------------------------------------------- NumPy trainer


def small_digits():
    from nnkit.datasets import load_digits_dataset

    return load_digits_dataset(test_size=0.25, random_state=0)


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_numpy_gradients_match_finite_differences(activation):
    from nnkit.frameworks import numpy_mlp as nm

    rng = np.random.default_rng(0)
    x, y = rng.random((6, 12)), rng.integers(0, 10, 6)
    flat, params = nm._flat_views(nm.init_params((12, 5, 10), activation, 0, np.float64))
    ws = nm._Workspace(6, params)
    nm._train_step(x, y, params, activation, ws)
    numeric = np.zeros_like(flat)
    for i in range(flat.size):
        saved = flat[i]
        flat[i] = saved + 1e-6
        plus = nm._train_step(x, y, params, activation, nm._Workspace(6, params))
        flat[i] = saved - 1e-6
        minus = nm._train_step(x, y, params, activation, nm._Workspace(6, params))
        flat[i] = saved
        numeric[i] = (plus - minus) / 2e-6
    difference = np.linalg.norm(numeric - ws.flat_grads)
    # The 1e-7 inside the log makes the loss differ from exact CE by ~1e-6 relative.
    assert difference / (np.linalg.norm(numeric) + np.linalg.norm(ws.flat_grads)) < 1e-5


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_numpy_mlp_learns_digits(optimizer):
    from nnkit.frameworks.numpy_mlp import train_numpy_mlp

    (x, y), (x_test, y_test) = small_digits()
    model = train_numpy_mlp(x, y, hidden_size=32, epochs=15, batch_size=32,
                            optimizer=optimizer, lr=0.01 if optimizer == "adam" else 0.5)
    assert model.losses[-1] < model.losses[0]
    assert model.accuracy(x_test, y_test) > 0.9
    assert model.predict(x_test).shape == (len(x_test),)


def test_numpy_mlp_rejects_unknown_settings():
    from nnkit.frameworks.numpy_mlp import train_numpy_mlp

    x, y = np.zeros((4, 784), np.float32), np.zeros(4, int)
    with pytest.raises(ValueError, match="optimizer"):
        train_numpy_mlp(x, y, optimizer="rmsprop", epochs=1)
    with pytest.raises(ValueError, match="activation"):
        train_numpy_mlp(x, y, activation="tanh", epochs=1)


# --------------------------------------------------------------------------- torch


@pytest.fixture
def one_torch_thread():
    """Tiny networks on a shared 2-core machine: a second torch thread only spins."""
    pytest.importorskip("torch")
    from nnkit.frameworks.torch import single_thread

    with single_thread():
        yield


@pytest.mark.torch
def test_torch_simple_nn_reaches_97_on_moons():
    torch = pytest.importorskip("torch")
    from nnkit.datasets import load_moons
    from nnkit.frameworks import torch as nnkit_torch

    X_train, X_test, y_train, y_test = load_moons()
    threads = torch.get_num_threads()
    model, losses = nnkit_torch.train_simple_nn(X_train, y_train, seed=0)
    assert torch.get_num_threads() == threads  # single_thread restored it
    assert len(losses) == 2000 and losses[-1] < losses[0]
    assert nnkit_torch.accuracy(model, X_test, y_test) >= 0.97
    assert nnkit_torch.accuracy(model, X_test, y_test[:, None]) >= 0.97  # (m, 1) labels too


@pytest.mark.torch
def test_torch_accuracy_on_bool_free_float():
    torch = pytest.importorskip("torch")
    from nnkit.frameworks import torch as nnkit_torch

    model = nnkit_torch.SimpleNN(2, 3, 1)
    value = nnkit_torch.accuracy(model, torch.zeros(4, 2), np.array([0, 1, 0, 1]))
    assert isinstance(value, float) and value == 0.5


@pytest.mark.torch
@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_torch_mlp_learns_digits(activation, one_torch_thread):
    pytest.importorskip("torch")
    from nnkit.frameworks import torch as nnkit_torch

    (x, y), (x_test, y_test) = small_digits()
    model = nnkit_torch.train_mlp(x, y, epochs=15, batch_size=32, lr=0.01,
                                  hidden_size=32, activation=activation)
    assert nnkit_torch.predict_mlp(model, x_test).shape == (len(x_test),)
    assert nnkit_torch.evaluate_mlp(model, x_test, y_test) > 0.9


@pytest.mark.torch
def test_torch_mlp_accepts_uint8_images(one_torch_thread):
    pytest.importorskip("torch")
    from nnkit.frameworks import torch as nnkit_torch

    images = np.random.default_rng(0).integers(0, 256, (20, 28, 28), dtype=np.uint8)
    model = nnkit_torch.train_mlp(images, np.arange(20) % 10, epochs=1, optimizer="sgd")
    assert model.layers[0].in_features == 784
    with pytest.raises(ValueError):
        nnkit_torch.MLP(activation="tanh")


# --------------------------------------------------------------------------- keras


@pytest.mark.tensorflow
def test_keras_models_build_and_compile():
    pytest.importorskip("tensorflow")
    from nnkit.frameworks import keras as nnkit_keras

    logistic = nnkit_keras.logistic_regression_model(3072, learning_rate=0.005)
    assert logistic.count_params() == 3073
    assert logistic.layers[-1].get_config()["activation"] == "sigmoid"
    mlp = nnkit_keras.mlp_model(784, 50, 10)
    assert mlp.count_params() == 784 * 50 + 50 + 50 * 10 + 10
    assert [layer.get_config()["activation"] for layer in mlp.layers] == ["sigmoid", "softmax"]
    x = np.random.default_rng(0).random((8, 784)).astype("float32")
    assert mlp.predict(x, verbose=0).shape == (8, 10)
