"""The logistic-regression reference: cost at zeros, exact gradients, shapes, training."""

from __future__ import annotations

import numpy as np
import pytest

from nnkit.gradcheck import gradient_check, relative_difference
from nnkit.reference import logistic_regression as ref

SHAPES = [(1, 1), (2, 5), (4, 9), (12, 30)]  # (n_features, m)


def _random_problem(seed: int, n: int, m: int) -> tuple:
    rng = np.random.default_rng(seed)
    w = rng.normal(size=(n, 1))
    b = float(rng.normal())
    X = rng.normal(size=(n, m))
    Y = (rng.random((1, m)) > 0.5).astype(np.float64)
    return w, b, X, Y


def _separable_problem(seed: int, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Labels from a random hyperplane with a margin: a logistic unit can fit them exactly."""
    rng = np.random.default_rng(seed)
    direction = rng.normal(size=(n, 1))
    direction /= np.linalg.norm(direction)
    X = rng.normal(size=(n, 4 * m))
    score = (direction.T @ X).ravel()
    keep = np.abs(score) > 0.2
    X = X[:, keep][:, :m]
    Y = (score[keep][:m] > 0).astype(np.float64)[None, :]
    return X, Y


def test_initialize_with_zeros() -> None:
    w, b = ref.initialize_with_zeros(5)
    assert w.shape == (5, 1) and w.dtype == np.float64 and not w.any()
    assert b == 0.0 and isinstance(b, float)


@pytest.mark.parametrize("shape", SHAPES)
def test_cost_is_log_two_at_zeros(shape: tuple) -> None:
    _, _, X, Y = _random_problem(0, *shape)
    w, b = ref.initialize_with_zeros(shape[0])
    grads, cost = ref.propagate(w, b, X, Y)
    assert cost == pytest.approx(np.log(2), abs=1e-12)
    assert isinstance(cost, float) and isinstance(grads["db"], float)
    assert grads["dw"].shape == (shape[0], 1)


def test_column_labels_are_refused() -> None:
    """Source 000's (m, 1) labels would broadcast A - Y to (m, m); the reference says so."""
    w, b, X, Y = _random_problem(1, 3, 6)
    with pytest.raises(ValueError, match=r"\(1, m\)"):
        ref.propagate(w, b, X, Y.T)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("shape", SHAPES)
def test_propagate_matches_central_differences(seed: int, shape: tuple) -> None:
    w, b, X, Y = _random_problem(seed, *shape)
    grads, _ = ref.propagate(w, b, X, Y)
    params = {"w": w, "b": np.array(b)}  # b as a 0-d array so it can be perturbed in place
    result = gradient_check(lambda p: ref.propagate(p["w"], float(p["b"]), X, Y)[1], params,
                            grads)
    assert result.passed, result


@pytest.mark.torch
def test_propagate_matches_torch() -> None:
    torch = pytest.importorskip("torch")
    for seed, shape in enumerate(SHAPES):
        w, b, X, Y = _random_problem(seed, *shape)
        grads, cost = ref.propagate(w, b, X, Y)
        tw = torch.tensor(w, requires_grad=True)
        tb = torch.tensor(b, dtype=torch.float64, requires_grad=True)
        z = tw.T @ torch.tensor(X) + tb
        loss = torch.nn.functional.binary_cross_entropy_with_logits(z, torch.tensor(Y))
        loss.backward()
        assert cost == pytest.approx(loss.item(), rel=1e-12)
        assert relative_difference([grads["dw"], grads["db"]],
                                   [tw.grad.numpy(), tb.grad.numpy()]) < 1e-12


def test_optimize_records_every_hundredth_cost_and_keeps_w() -> None:
    w, b, X, Y = _random_problem(3, 4, 20)
    w_before = w.copy()
    params, grads, costs = ref.optimize(w, b, X, Y, num_iterations=250, learning_rate=0.1)
    assert np.array_equal(w, w_before)
    assert len(costs) == 3  # iterations 0, 100, 200
    assert costs[0] == pytest.approx(ref.propagate(w, b, X, Y)[1])
    assert costs == sorted(costs, reverse=True)
    assert params["w"].shape == (4, 1) and grads["dw"].shape == (4, 1)


def test_one_step_moves_by_minus_learning_rate_times_gradient() -> None:
    w, b, X, Y = _random_problem(4, 3, 8)
    grads, _ = ref.propagate(w, b, X, Y)
    params, _, _ = ref.optimize(w, b, X, Y, num_iterations=1, learning_rate=0.3)
    np.testing.assert_allclose(params["w"], w - 0.3 * grads["dw"], rtol=1e-14)
    assert params["b"] == pytest.approx(b - 0.3 * grads["db"], rel=1e-14)


def test_predict_thresholds_at_one_half() -> None:
    w = np.array([[1.0], [0.0]])
    X = np.array([[-1.0, 0.0, 1e-9, 2.0], [5.0, 5.0, 5.0, 5.0]])
    assert np.array_equal(ref.predict(w, 0.0, X), [[0, 0, 1, 1]])
    assert ref.predict(w, 0.0, X).shape == (1, 4)


@pytest.mark.parametrize("seed, n", [(0, 2), (1, 5), (2, 20)])
def test_model_fits_a_separable_problem(seed: int, n: int) -> None:
    X, Y = _separable_problem(seed, n, 300)
    X_train, Y_train, X_test, Y_test = X[:, :200], Y[:, :200], X[:, 200:], Y[:, 200:]
    result = ref.model(X_train, Y_train, X_test, Y_test, num_iterations=500)
    assert set(result) == {"costs", "Y_prediction_test", "Y_prediction_train", "w", "b",
                           "learning_rate", "num_iterations"}
    assert result["costs"][0] == pytest.approx(np.log(2))
    assert result["Y_prediction_train"].shape == (1, 200)
    assert np.mean(result["Y_prediction_train"] == Y_train) >= 0.97
    assert np.mean(result["Y_prediction_test"] == Y_test) >= 0.9
