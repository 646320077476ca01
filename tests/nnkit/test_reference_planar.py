"""The planar reference: exact gradients, and the course's published accuracies on real data."""

from __future__ import annotations

import numpy as np
import pytest

from nnkit.datasets import load_planar_dataset
from nnkit.gradcheck import gradient_check, relative_difference
from nnkit.reference import planar_classification as ref

# (n_x, n_h, n_y, m): several seeded shapes, including single units and a single example.
SHAPES = [(2, 4, 1, 5), (3, 1, 1, 7), (5, 6, 1, 10), (1, 3, 1, 1), (4, 2, 2, 6)]


def _flower_data_recipe() -> tuple[np.ndarray, np.ndarray]:
    """The flower data regenerated from the published recipe (legacy RNG seeded with 1)."""
    np.random.seed(1)
    m, N, a = 400, 200, 4
    X = np.zeros((m, 2))
    Y = np.zeros((m, 1), dtype=np.int64)
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + np.random.randn(N) * 0.2
        r = a * np.sin(4 * t) + np.random.randn(N) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T


@pytest.fixture(scope="module")
def flower() -> tuple[np.ndarray, np.ndarray]:
    """The data nnkit ships (never the recipe itself: compared with the recipe, that would
    prove nothing)."""
    return load_planar_dataset()


def _random_problem(seed: int, n_x: int, n_h: int, n_y: int, m: int) -> tuple:
    """Unit-scale parameters (not the 0.01 init, where tanh is nearly linear) and 0/1 labels."""
    rng = np.random.default_rng(seed)
    params = {
        "W1": rng.normal(size=(n_h, n_x)),
        "b1": rng.normal(size=(n_h, 1)),
        "W2": rng.normal(size=(n_y, n_h)),
        "b2": rng.normal(size=(n_y, 1)),
    }
    X = rng.normal(size=(n_x, m))
    Y = (rng.random((n_y, m)) > 0.5).astype(np.float64)
    return params, X, Y


def _cost(params: dict, X: np.ndarray, Y: np.ndarray) -> float:
    """Mean binary cross-entropy over all outputs (equals compute_cost when n_y == 1)."""
    A2, _ = ref.forward_propagation(X, params)
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / X.shape[1])


def test_flower_data_matches_recipe(flower: tuple) -> None:
    X, Y = flower
    X_recipe, Y_recipe = _flower_data_recipe()
    assert X.shape == (2, 400) and Y.shape == (1, 400)
    np.testing.assert_allclose(X, X_recipe)
    np.testing.assert_array_equal(Y, Y_recipe)


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("shape", SHAPES)
def test_backward_propagation_matches_central_differences(seed: int, shape: tuple) -> None:
    params, X, Y = _random_problem(seed, *shape)
    _, cache = ref.forward_propagation(X, params)
    grads = ref.backward_propagation(params, cache, X, Y)
    result = gradient_check(lambda p: _cost(p, X, Y), params, grads)
    assert result.passed, result


@pytest.mark.torch
def test_backward_propagation_matches_torch() -> None:
    torch = pytest.importorskip("torch")
    for seed, shape in enumerate(SHAPES):
        params, X, Y = _random_problem(seed, *shape)
        _, cache = ref.forward_propagation(X, params)
        grads = ref.backward_propagation(params, cache, X, Y)
        t = {name: torch.tensor(value, requires_grad=True) for name, value in params.items()}
        A1 = torch.tanh(t["W1"] @ torch.tensor(X) + t["b1"])
        Z2 = t["W2"] @ A1 + t["b2"]
        target = torch.tensor(Y)
        cost = torch.nn.functional.binary_cross_entropy_with_logits(Z2, target, reduction="sum")
        (cost / X.shape[1]).backward()
        autograd = {f"d{name}": value.grad.numpy() for name, value in t.items()}
        assert relative_difference(grads, autograd) < 1e-12


def test_cost_is_log_two_at_initialisation(flower: tuple) -> None:
    X, Y = flower
    np.random.seed(3)
    params = ref.initialize_parameters(2, 4, 1)
    A2, _ = ref.forward_propagation(X, params)
    assert ref.compute_cost(A2, Y) == pytest.approx(0.693, abs=5e-4)


def test_nn_model_prints_log_two_first(flower: tuple, capsys: pytest.CaptureFixture) -> None:
    X, Y = flower
    ref.nn_model(X, Y, 4, num_iterations=1, print_cost=True)
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("Cost after iteration 0: 0.693")


def test_four_hidden_units_reach_ninety_percent(flower: tuple) -> None:
    X, Y = flower
    params = ref.nn_model(X, Y, 4)  # measured: 0.9075, as published
    assert np.mean(ref.predict(params, X) == Y) >= 0.90


def test_hidden_size_sweep(flower: tuple) -> None:
    """Measured (5000 iterations): 1→.675, 2→.6725, 3→.9075, 4→.905, 5→.9125, 20→.91, 50→.905."""
    X, Y = flower
    for n_h in (1, 2, 3, 4, 5, 20, 50):
        params = ref.nn_model(X, Y, n_h, num_iterations=5000)
        accuracy = np.mean(ref.predict(params, X) == Y)
        if n_h <= 2:
            assert 0.60 <= accuracy < 0.75, (n_h, accuracy)
        else:
            assert accuracy >= 0.88, (n_h, accuracy)


def test_moons_test_accuracy() -> None:
    """Source 000's make_moons task with the NumPy network; measured 0.975 test accuracy."""
    from sklearn.datasets import make_moons
    from sklearn.model_selection import train_test_split

    X, y = make_moons(n_samples=1000, noise=0.2, random_state=42)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
    params = ref.nn_model(X_train.T, y_train[None, :], 4)
    assert np.mean(ref.predict(params, X_test.T) == y_test[None, :]) >= 0.97
