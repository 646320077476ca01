"""nnkit.gradcheck on functions whose gradients are known in closed form."""

from __future__ import annotations

import numpy as np
import pytest

from nnkit.gradcheck import (
    GradCheckResult,
    gradient_check,
    numerical_gradient,
    relative_difference,
    sampled_numerical_gradient,
)

SHAPES = [(1,), (5,), (3, 4), (2, 3, 2)]
TOL = 1e-7


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("n", [1, 4, 9])
def test_quadratic_form(seed: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(n, n))
    Q = M + M.T
    x = rng.normal(size=n)
    numeric = numerical_gradient(lambda v: 0.5 * v @ Q @ v, x)
    assert relative_difference(Q @ x, numeric) < TOL


@pytest.mark.parametrize("shape", SHAPES)
def test_sum_of_sin(shape: tuple[int, ...]) -> None:
    x = np.random.default_rng(len(shape)).normal(size=shape) * 3
    numeric = numerical_gradient(lambda v: np.sum(np.sin(v)), x)
    assert numeric.shape == x.shape
    assert relative_difference(np.cos(x), numeric) < TOL


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("n, k, p", [(2, 3, 4), (5, 1, 3), (4, 6, 2)])
def test_matrix_product_dict_params(seed: int, n: int, k: int, p: int) -> None:
    rng = np.random.default_rng(seed)
    params = {"A": rng.normal(size=(n, k)), "W": rng.normal(size=(k, p))}
    C = rng.normal(size=(n, p))
    numeric = numerical_gradient(lambda q: np.sum(C * (q["A"] @ q["W"])), params)
    assert list(numeric) == ["A", "W"]
    expected = {"A": C @ params["W"].T, "W": params["A"].T @ C}
    assert relative_difference(expected, numeric) < TOL


@pytest.mark.parametrize("container", [list, tuple])
def test_list_and_tuple_params_keep_their_type(container: type) -> None:
    rng = np.random.default_rng(7)
    params = container([rng.normal(size=(3, 2)), rng.normal(size=(2,))])
    numeric = numerical_gradient(lambda q: np.sum(q[0] ** 2) + np.sum(np.exp(q[1])), params)
    assert type(numeric) is container
    expected = container([2 * params[0], np.exp(params[1])])
    assert relative_difference(expected, numeric) < TOL


def test_zero_dimensional_parameter() -> None:
    params = {"w": np.array([[1.5], [-2.0]]), "b": np.array(0.25)}
    numeric = numerical_gradient(lambda q: float(np.sum(q["w"]) * q["b"] ** 2), params)
    assert numeric["b"].shape == ()
    assert abs(numeric["b"] - 2 * 0.25 * (1.5 - 2.0)) < 1e-9


def test_closure_that_ignores_its_argument_sees_the_perturbation() -> None:
    W = np.random.default_rng(3).normal(size=(3, 3))
    numeric = numerical_gradient(lambda _: np.sum(W**3), W)
    assert relative_difference(3 * W**2, numeric) < TOL


def test_params_are_restored_bit_for_bit() -> None:
    rng = np.random.default_rng(11)
    params = {"a": rng.normal(size=(4, 3)), "b": rng.normal(size=5) * 1e3}
    before = {name: value.copy() for name, value in params.items()}
    numerical_gradient(lambda q: np.sum(np.tanh(q["a"])) + np.sum(q["b"] ** 2), params)
    for name, value in params.items():
        assert np.array_equal(value, before[name])


def test_params_restored_when_f_raises() -> None:
    x = np.array([1.0, 2.0])

    def failing(_: np.ndarray) -> float:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="^boom$"):
        numerical_gradient(failing, x)
    assert np.array_equal(x, [1.0, 2.0])


def test_non_scalar_result_raises_value_error() -> None:
    with pytest.raises(ValueError, match="scalar"):
        numerical_gradient(lambda v: v**2, np.ones(3))


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.float32])
def test_non_float64_parameter_raises(dtype: type) -> None:
    with pytest.raises(TypeError, match="float64"):
        numerical_gradient(lambda v: np.sum(v), np.ones(3, dtype=dtype))


def test_relative_difference_values() -> None:
    g = np.random.default_rng(0).normal(size=(4, 2))
    assert relative_difference(g, g) == 0.0
    assert relative_difference(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_difference(g, 2 * g) == pytest.approx(1 / 3)
    assert relative_difference(g, -g) == pytest.approx(1.0)
    assert relative_difference(g, 2 * g) == relative_difference(2 * g, g)


def test_relative_difference_over_structures() -> None:
    a, b = np.array([3.0, 0.0]), np.array([0.0, 4.0])
    # Over all entries at once: ‖(3-3, 0-0, 0-0, 4-0)‖ / (5 + 3) = 4 / 8.
    assert relative_difference({"x": a, "y": b}, {"x": a, "y": 0 * b}) == pytest.approx(0.5)
    assert relative_difference([a, b], [a, 0 * b]) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="different keys or lengths"):
        relative_difference({"x": a}, {"z": a})
    with pytest.raises(ValueError, match=r"shape mismatch .*\(2,\) vs \(3,\)"):
        relative_difference(a, np.ones(3))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sampled_gradient_matches_analytic(seed: int) -> None:
    rng = np.random.default_rng(seed)
    params = {"W1": rng.normal(size=(60, 50)), "b1": rng.normal(size=50), "b2": rng.normal(size=3)}

    def f(q: dict) -> float:
        return float(np.sum(np.sin(q["W1"])) + np.sum(q["b1"] ** 3) + np.sum(q["b2"]))

    analytic = {"W1": np.cos(params["W1"]), "b1": 3 * params["b1"] ** 2, "b2": np.ones(3)}
    sampled = sampled_numerical_gradient(f, params, k=10, rng=seed)
    assert sampled.names.count("W1") == 10
    assert sampled.names.count("b1") == 10
    assert sampled.names.count("b2") == 3  # small parameters are checked in full
    assert sampled.values.shape == (23,)
    assert relative_difference(sampled.pick(analytic), sampled.values) < TOL
    again = sampled_numerical_gradient(f, params, k=10, rng=seed)
    assert again.indices == sampled.indices


def test_sampled_check_leaves_legacy_rng_alone() -> None:
    np.random.seed(5)
    expected = np.random.randn()
    np.random.seed(5)
    sampled_numerical_gradient(lambda v: np.sum(v), np.ones((30, 30)), k=4, rng=0)
    assert np.random.randn() == expected


@pytest.mark.parametrize("sample", [None, 5])
def test_gradient_check_passes_correct_and_names_the_wrong_parameter(sample: int | None) -> None:
    rng = np.random.default_rng(4)
    params = {"W": rng.normal(size=(6, 7)), "b": rng.normal(size=(6, 1))}
    X = rng.normal(size=(7, 5))

    def f(q: dict) -> float:
        return float(np.sum(np.tanh(q["W"] @ X + q["b"])))

    dZ = 1 - np.tanh(params["W"] @ X + params["b"]) ** 2
    grads = {"dW": dZ @ X.T, "db": np.sum(dZ, axis=1, keepdims=True)}  # "d" prefix accepted
    result = gradient_check(f, params, grads, sample=sample, rng=0)
    assert isinstance(result, GradCheckResult)
    assert result.passed and result.relative_difference < TOL

    wrong = {"dW": grads["dW"], "db": 2 * grads["db"]}
    result = gradient_check(f, params, wrong, sample=sample, rng=0)
    assert not result.passed
    assert result.worst_parameter == "b"
    assert result.per_parameter["b"] == pytest.approx(1 / 3, rel=1e-6)


def test_gradient_check_on_bare_array() -> None:
    x = np.linspace(-2, 2, 7)
    result = gradient_check(lambda v: np.sum(v**4), x, 4 * x**3)
    assert result.passed and result.worst_parameter is None
