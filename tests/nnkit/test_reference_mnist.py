"""The MNIST MLP reference: layers, softmax/cross-entropy, exact train_step gradients, digits."""

from __future__ import annotations

import numpy as np
import pytest

from nnkit.gradcheck import gradient_check, numerical_gradient, relative_difference
from nnkit.reference import mnist_mlp as ref

# (N, n_in, hidden, classes): several seeded shapes, a single example included.
SHAPES = [(5, 6, 4, 3), (1, 3, 2, 4), (12, 8, 7, 10), (7, 2, 5, 2)]
AFFINE_SHAPES = [(1, 1, 1), (4, 3, 5), (9, 7, 2)]  # (N, n_in, n_out)


def _random_net(seed: int, N: int, n_in: int, hidden: int, classes: int, scale: float = 0.5):
    rng = np.random.default_rng(seed)
    params = {
        "W1": rng.normal(size=(n_in, hidden)) * scale,
        "b1": rng.normal(size=hidden) * 0.1,
        "W2": rng.normal(size=(hidden, classes)) * scale,
        "b2": rng.normal(size=classes) * 0.1,
    }
    X = rng.normal(size=(N, n_in))
    Y = rng.integers(0, classes, size=N)
    return params, X, Y


def _loss_of(X: np.ndarray, Y: np.ndarray):
    """``f(params) -> ref.loss``: the epsilon-free cross-entropy that train_step differentiates."""
    return lambda p: ref.loss(p["W1"], p["b1"], p["W2"], p["b2"], X, Y)


def _step_gradients(params: dict, X: np.ndarray, Y: np.ndarray, lr: float = 0.1) -> dict:
    """The gradient implied by one train_step, read from outside: (θ - θ_new) / lr."""
    names = ("W1", "b1", "W2", "b2")
    *new, _ = ref.train_step(X, Y, *(params[n].copy() for n in names), learning_rate=lr)
    return {f"d{name}": (params[name] - value) / lr for name, value in zip(names, new,
                                                                           strict=True)}


def test_init_params_draw_order_and_shapes() -> None:
    np.random.seed(0)
    W1, b1, W2, b2 = ref.init_params(784, 50, 10)
    np.random.seed(0)
    np.testing.assert_array_equal(W1, 0.01 * np.random.randn(784, 50))
    np.testing.assert_array_equal(W2, 0.01 * np.random.randn(50, 10))
    assert b1.shape == (50,) and b2.shape == (10,) and not b1.any() and not b2.any()


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("N, n_in, n_out", AFFINE_SHAPES)
def test_affine_layer_backward_matches_central_differences(seed, N, n_in, n_out) -> None:
    rng = np.random.default_rng(seed)
    params = {"X": rng.normal(size=(N, n_in)), "W": rng.normal(size=(n_in, n_out)),
              "b": rng.normal(size=n_out)}
    dy = rng.normal(size=(N, n_out))  # f = Σ dy ⊙ y has dL/dy = dy
    y, cache = ref.affine_layer_forward(params["X"], params["W"], params["b"])
    assert y.shape == (N, n_out) and cache[0] is params["X"]
    dX, dW, db = ref.affine_layer_backward(dy, cache)
    assert db.shape == (n_out,)

    def f(p: dict) -> float:
        return float(np.sum(dy * ref.affine_layer_forward(p["X"], p["W"], p["b"])[0]))

    result = gradient_check(f, params, {"X": dX, "W": dW, "b": db})
    assert result.passed, result


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_relu_grad_and_sigmoid_grad_match_central_differences(seed: int) -> None:
    x = np.random.default_rng(seed).normal(size=(6, 5)) * 3  # |x| > 1e-5 with certainty here
    for function, derivative in ((ref.relu, ref.relu_grad), (ref.sigmoid, ref.sigmoid_grad)):
        numeric = numerical_gradient(lambda v, fn=function: np.sum(fn(v)), x)
        assert relative_difference(derivative(x), numeric) < 1e-9
    assert ref.relu_grad(np.array([-1, 0, 2])).tolist() == [0.0, 0.0, 1.0]
    assert ref.relu_grad(np.array([-1, 0, 2])).dtype.kind == "f"


@pytest.mark.parametrize("shape", [(10,), (1, 10), (6, 3), (4, 1)])
def test_softmax_rows_sum_to_one(shape: tuple) -> None:
    x = np.random.default_rng(len(shape)).normal(size=shape) * 5
    p = ref.softmax(x)
    assert p.shape == shape
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=1e-14)
    np.testing.assert_allclose(ref.softmax(x + 100.0), p, rtol=1e-12)


def test_softmax_is_finite_and_exact_on_huge_logits() -> None:
    np.testing.assert_array_equal(ref.softmax(np.array([1000.0, -1000.0])), [1.0, 0.0])
    np.testing.assert_array_equal(ref.softmax(np.array([[1000.0, 1000.0], [-1000.0, -1000.0]])),
                                  [[0.5, 0.5], [0.5, 0.5]])
    assert np.all(np.isfinite(ref.softmax(np.array([[1000.0, 0.0, -1000.0]]))))


def test_one_hot() -> None:
    T = ref._change_one_hot_label(np.array([2, 0, 1, 2]), 3)
    np.testing.assert_array_equal(T, [[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    assert T.shape == (4, 3)


@pytest.mark.parametrize("N, C", [(1, 3), (5, 10), (8, 2)])
def test_cross_entropy_one_hot_equals_integer_labels(N: int, C: int) -> None:
    rng = np.random.default_rng(N)
    y = ref.softmax(rng.normal(size=(N, C)))
    labels = rng.integers(0, C, size=N)
    one_hot = ref._change_one_hot_label(labels, C)
    expected = -np.mean(np.log(y[np.arange(N), labels] + 1e-7))
    assert ref.cross_entropy_error(y, one_hot) == pytest.approx(expected, rel=1e-14)
    assert ref.cross_entropy_error(y, labels) == pytest.approx(expected, rel=1e-14)


def test_cross_entropy_of_a_vector_is_a_batch_of_one() -> None:
    y = ref.softmax(np.array([0.3, -1.0, 2.0, 0.0]))
    batch = ref.cross_entropy_error(y[None, :], np.array([2]))
    assert ref.cross_entropy_error(y, np.array([0, 0, 1, 0])) == pytest.approx(batch)
    assert ref.cross_entropy_error(y, np.array(2)) == pytest.approx(batch)
    assert ref.cross_entropy_error(np.array([0.0, 1.0]), np.array([1, 0])) < 17  # -log(1e-7)


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("shape", SHAPES)
def test_train_step_gradients_match_central_differences(seed: int, shape: tuple) -> None:
    params, X, Y = _random_net(seed, *shape)
    result = gradient_check(_loss_of(X, Y), params, _step_gradients(params, X, Y))
    assert result.passed, result


def test_epsilon_in_cross_entropy_error_is_visible_to_a_gradient_check() -> None:
    """Why gradient checks use ref.loss: against cross_entropy_error (with its 1e-7) the exact
    (y_hat - t)/N gradient is off by ≈ 1e-7 / p ≈ 1e-6 at the small initialisation."""
    params, X, Y = _random_net(0, 12, 8, 7, 10, scale=0.01)
    grads, _ = ref.gradients(X, Y, *params.values())

    def with_epsilon(p: dict) -> float:
        hidden = ref.relu(X @ p["W1"] + p["b1"])
        return ref.cross_entropy_error(ref.softmax(hidden @ p["W2"] + p["b2"]), Y)

    assert gradient_check(_loss_of(X, Y), params, grads).relative_difference < 1e-9
    assert 1e-7 < gradient_check(with_epsilon, params, grads).relative_difference < 1e-4


def test_train_step_sampled_check_at_mnist_size() -> None:
    np.random.seed(0)
    W1, b1, W2, b2 = ref.init_params(784, 50, 10, weight_init_std=0.1)
    params = {"W1": W1, "b1": b1 + 0.1, "W2": W2, "b2": b2}
    rng = np.random.default_rng(0)
    X, Y = rng.random((20, 784)), rng.integers(0, 10, size=20)
    grads = _step_gradients(params, X, Y)
    result = gradient_check(_loss_of(X, Y), params, grads, sample=25, rng=0)
    assert result.passed, result


@pytest.mark.torch
def test_train_step_gradients_match_torch() -> None:
    torch = pytest.importorskip("torch")
    for seed, shape in enumerate(SHAPES):
        params, X, Y = _random_net(seed, *shape)
        grads = _step_gradients(params, X, Y, lr=1.0)
        t = {name: torch.tensor(value, requires_grad=True) for name, value in params.items()}
        hidden = torch.relu(torch.tensor(X) @ t["W1"] + t["b1"])
        logits = hidden @ t["W2"] + t["b2"]
        torch.nn.functional.cross_entropy(logits, torch.tensor(Y)).backward()
        autograd = {f"d{name}": value.grad.numpy() for name, value in t.items()}
        assert relative_difference(grads, autograd) < 1e-12


def test_train_step_returns_loss_before_update_and_lowers_it() -> None:
    params, X, Y = _random_net(3, 16, 10, 8, 5)
    names = ("W1", "b1", "W2", "b2")
    originals = {name: params[name].copy() for name in names}
    *new, Loss = ref.train_step(X, Y, *(params[n] for n in names), learning_rate=0.1)
    for name in names:
        np.testing.assert_array_equal(params[name], originals[name])  # inputs untouched
    before = ref.cross_entropy_error(ref.predict(*params.values(), X), Y)
    assert isinstance(Loss, float) and Loss == pytest.approx(before, rel=1e-12)
    assert ref.cross_entropy_error(ref.predict(*new, X), Y) < before


def test_update_params_returns_new_arrays() -> None:
    params, _, _ = _random_net(0, 2, 3, 4, 5)
    grads = [np.ones_like(v) for v in params.values()]
    updated = ref.update_params(*params.values(), *grads, learning_rate=0.5)
    for old, new in zip(params.values(), updated, strict=True):
        np.testing.assert_allclose(new, old - 0.5)
        assert new is not old


def test_predict_and_accuracy() -> None:
    params, X, Y = _random_net(4, 9, 6, 5, 10)
    probabilities = ref.predict(*params.values(), X)
    assert probabilities.shape == (9, 10)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)
    expected = np.mean(probabilities.argmax(axis=1) == Y)
    assert ref.accuracy(*params.values(), X, Y) == pytest.approx(expected)
    assert ref.accuracy(*params.values(), X, probabilities.argmax(axis=1)) == 1.0


def test_digits_reach_a_clear_accuracy() -> None:
    """300 train_steps, batch 100, lr 0.5 on sklearn digits: measured test 0.949-0.962."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(
        digits.data / 16.0, digits.target, test_size=0.25, random_state=0, stratify=digits.target
    )
    np.random.seed(0)
    W1, b1, W2, b2 = ref.init_params(64, 50, 10)
    losses = []
    for _ in range(300):
        batch = np.random.choice(len(y_train), 100)
        W1, b1, W2, b2, Loss = ref.train_step(X_train[batch], y_train[batch], W1, b1, W2, b2,
                                              learning_rate=0.5)
        losses.append(Loss)
    assert np.mean(losses[-20:]) < np.mean(losses[:20])
    assert ref.accuracy(W1, b1, W2, b2, X_test, y_test) >= 0.9
