"""nnkit.frameworks: cheap imports, the torch twin on the moons, the NumPy trainer, and the Keras
twins trained on the same data as the NumPy models (needs the ``tensorflow`` extra, installed in
CI; the Keras tests skip without it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.support import ROOT

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


@pytest.fixture
def keras_twin():
    """nnkit.frameworks.keras on one TensorFlow thread (tiny models on a shared 2-core machine)."""
    pytest.importorskip("tensorflow")
    from nnkit.frameworks import keras as nnkit_keras

    nnkit_keras.limit_threads(1)
    return nnkit_keras


@pytest.mark.tensorflow
@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_keras_mlp_learns_digits(activation, keras_twin):
    # The torch twin's test above, same data and settings.
    (x, y), (x_test, y_test) = small_digits()
    model = keras_twin.train_mlp(x, y, epochs=15, batch_size=32, lr=0.01, hidden_size=32,
                                 activation=activation)
    assert keras_twin.predict_mlp(model, x_test).shape == (len(x_test),)
    accuracy = keras_twin.evaluate_mlp(model, x_test, y_test)
    print(f"\nKeras 64-32-10 {activation} on digits: test accuracy {accuracy:.4f}")
    assert accuracy > 0.9
    with pytest.raises(ValueError, match="activation"):
        keras_twin.train_mlp(x, y, activation="tanh", epochs=1)


def synthetic_cat_vs_rest(folder: Path):
    """The balanced cat-vs-rest task of the logistic notebook, on the CIFAR-format synthetic
    batches CI executes it on (real CIFAR-10 is not on the machine): 1000 train, 200 test."""
    from nnkit.datasets import cat_vs_rest, load_cifar10
    from nnkit.datasets.fake_cifar import write_fake_cifar10

    write_fake_cifar10(folder, n_per_batch=1000)
    (x_train, y_train), (x_test, y_test) = load_cifar10(folder, download=False)
    return (*cat_vs_rest(x_train, y_train, balance=True),
            *cat_vs_rest(x_test, y_test, balance=True))


@pytest.mark.slow
@pytest.mark.tensorflow
def test_keras_logistic_twin_matches_numpy_logistic(keras_twin, tmp_path):
    """Source 000's Keras fit (Dense(1, sigmoid), Adam 0.005, 10 epochs, batch 64) against the
    NumPy assignment's model (gradient descent, 2000 iterations, lr 0.005) on the same data.
    Source 000 printed no Keras figure (on real CIFAR-10 a majority guess already scores 90%),
    and real CIFAR-10 is not here, so the bars are what these runs measured on this data:
    NumPy 0.870, Keras 0.800 at seed 0 (160 Adam steps against 2000 full-batch steps); chance
    is 0.5 on the balanced set."""
    from nnkit.reference.logistic_regression import model as numpy_logistic

    X_train, Y_train, X_test, Y_test = synthetic_cat_vs_rest(tmp_path)
    assert X_train.shape == (3072, 1000) and Y_test.shape == (1, 200)
    numpy_accuracy = float(np.mean(numpy_logistic(X_train, Y_train, X_test, Y_test,
                                                  num_iterations=2000,
                                                  learning_rate=0.005)["Y_prediction_test"]
                                   == Y_test))
    keras_model = keras_twin.train_logistic_regression(X_train, Y_train, seed=0)
    assert keras_model.count_params() == 3072 + 1
    keras_accuracy = keras_twin.logistic_accuracy(keras_model, X_test, Y_test)
    print(f"\nlogistic regression, synthetic cat-vs-rest (balanced, 1000/200): test accuracy "
          f"NumPy {numpy_accuracy:.4f}, Keras {keras_accuracy:.4f}")
    assert numpy_accuracy >= 0.82
    assert keras_accuracy >= 0.75


FASHION = Path("/usr/share/datasets/fashion-mnist")


@pytest.mark.slow
@pytest.mark.tensorflow
@pytest.mark.skipif(not FASHION.is_dir(), reason="Debian's dataset-fashion-mnist is not installed")
def test_keras_mlp_twin_matches_numpy_on_fashion_mnist(keras_twin):
    """Source 004's Keras baseline (784-50-10 sigmoid, Adam, 10 epochs, batch 32) and the NumPy
    twin with the same settings, on the same 60,000/10,000 images.

    Source 004's figure is 0.968 on real MNIST, which is not on this machine (no download in
    CI); its drop-in twin Fashion-MNIST (same shapes, same 60,000/10,000 split) is harder, and
    the same runs measured here 0.8682 (Keras) and 0.8723 (NumPy) at seed 0: the bar is 0.85.
    The twins must also agree within 1.5 points, as they do on real MNIST (Keras 0.970, NumPy
    0.969, shared/README.md)."""
    from nnkit import datasets
    from nnkit.frameworks.numpy_mlp import train_numpy_mlp

    (x, y), (x_test, y_test) = datasets.load_fashion_mnist()
    keras_model = keras_twin.train_mlp(x, y, epochs=10, batch_size=32, seed=0)
    keras_accuracy = keras_twin.evaluate_mlp(keras_model, x_test, y_test)
    numpy_accuracy = train_numpy_mlp(x, y, hidden_size=50, epochs=10, batch_size=32,
                                     optimizer="adam", seed=0).accuracy(x_test, y_test)
    print(f"\nFashion-MNIST 784-50-10 sigmoid, Adam, 10 epochs, batch 32: test accuracy "
          f"Keras {keras_accuracy:.4f}, NumPy {numpy_accuracy:.4f}")
    assert keras_accuracy >= 0.85
    assert numpy_accuracy >= 0.85
    assert abs(keras_accuracy - numpy_accuracy) <= 0.015
