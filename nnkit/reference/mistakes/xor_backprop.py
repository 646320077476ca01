"""Known mistakes in ``xor_backprop``, in the notebook's names (``a``, ``aL``, ``y``, ``delta``).

Each is the graded function as a student who made the mistake would write it. ``TwoLayerNet``
is a class: its mistakes are steps (:func:`net_mistaken_step`), which the cases module turns into
the expected parameters after a mistaken ``train``.
"""

from __future__ import annotations

import numpy as np

from nnkit.reference import xor_backprop as ref
from nnkit.reference.mistakes import Mistake, sigmoid_mistakes

sigmoid = ref.sigmoid


def _backward(activations, y, params, scale=None, prime=lambda a: a * (1 - a),
              hidden_prime=None):
    """Backpropagation with one slip: ``scale`` of ``aL - y`` (the mean's 2/N), ``prime`` of the
    activations (σ' written with a), ``hidden_prime`` for the hidden layers only."""
    output = activations[-1]
    factor = 2 / y.size if scale is None else scale(y)
    delta = factor * (output - y) * prime(output)
    grads = []
    for layer in range(len(params) - 1, -1, -1):
        a_prev = activations[layer]
        grads.append((a_prev.T @ delta, np.sum(delta, axis=0, keepdims=True)))
        if layer > 0:
            derivative = (hidden_prime or prime)(a_prev)
            delta = (delta @ params[layer][0].T) * derivative
    return grads[::-1]


def _double_sigmoid(a):
    s = sigmoid(a)
    return s * (1 - s)


def _linear_output_forward(X, params):
    activations = [X]
    for index, (W, b) in enumerate(params):
        z = activations[-1] @ W + b
        activations.append(z if index == len(params) - 1 else sigmoid(z))
    return activations


def _reseeding_init(layer_sizes, seed=42):
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:], strict=True):
        if seed is not None:
            np.random.seed(seed)
        params.append((np.random.randn(n_in, n_out), np.zeros((1, n_out))))
    return params


def _train(X, y, layer_sizes, learning_rate=2.0, epochs=10000, seed=42, loss_after=False,
           step=None, keep_initial=False, init_seed=None):
    params = ref.init_network(layer_sizes, seed if init_seed is None else init_seed)
    start, losses = params, []
    rate = learning_rate if step is None else step
    for _ in range(epochs):
        activations = ref.forward_pass(X, params)
        if not loss_after:
            losses.append(ref.mse_loss(y, activations[-1]))
        grads = ref.backward_pass(activations, y, params)
        params = [(W - rate * dW, b - rate * db)
                  for (W, b), (dW, db) in zip(params, grads, strict=True)]
        if loss_after:
            losses.append(ref.mse_loss(y, ref.forward_pass(X, params)[-1]))
    return (start if keep_initial else params), losses


MISTAKES: dict[str, list[Mistake]] = {
    "sigmoid": sigmoid_mistakes(),
    "sigmoid_derivative": [
        Mistake(_double_sigmoid,
                "입력 a는 이미 활성화 σ(z)입니다. σ를 한 번 더 적용하지 말고 a * (1 - a)를 그대로 "
                "쓰세요 (이중 시그모이드, double sigmoid)."),
        Mistake(lambda a: 1 - a ** 2,
                "1 - a²는 tanh의 도함수입니다. 시그모이드의 도함수는 a(1 - a)입니다."),
    ],
    "mse_loss": [
        Mistake(lambda y_true, y_pred: float(0.5 * np.mean((y_true - y_pred) ** 2)),
                "1/2을 곱했습니다. 이 과제의 손실은 1/2이 없는 mean((y_true - y_pred)²)입니다."),
        Mistake(lambda y_true, y_pred: float(np.sum((y_true - y_pred) ** 2) / y_true.shape[0]),
                "샘플 수 m으로만 나누었습니다. 평균은 모든 원소 (m × n_L개)에 대해 냅니다: "
                "np.mean을 쓰세요."),
    ],
    "init_network": [
        Mistake(_reseeding_init,
                "층마다 np.random.seed(seed)를 다시 불렀습니다. 시드는 맨 처음 한 번만 정하고, "
                "그다음 첫 층부터 차례로 randn을 부르세요."),
    ],
    "forward_pass": [
        Mistake(_linear_output_forward,
                "출력층에 시그모이드를 적용하지 않았습니다. 출력층을 포함해 모든 층이 "
                "a = σ(a_prev W + b)입니다."),
    ],
    "backward_pass": [
        Mistake(lambda a, y, p: _backward(a, y, p, scale=lambda y: 1.0),
                "출력층 델타에서 평균 제곱 오차의 미분 계수 2/N이 빠졌습니다 (dL/daL = aL - y로 "
                "썼습니다). dL/daL = 2 (aL - y) / N, N = y.size입니다."),
        Mistake(lambda a, y, p: _backward(a, y, p, scale=lambda y: 1.0 / y.size),
                "1/N만 곱하고 제곱의 미분에서 나오는 2가 빠졌습니다: dL/daL = 2 (aL - y) / N."),
        Mistake(lambda a, y, p: _backward(a, y, p, scale=lambda y: 2.0 / y.shape[0]),
                "행의 수 m으로 나누었습니다. 평균을 낸 원소의 수 N = y.size (= m × n_L)로 "
                "나누세요."),
        Mistake(lambda a, y, p: _backward(a, y, p, prime=_double_sigmoid),
                "활성화 a에 σ를 한 번 더 적용한 도함수를 썼습니다 (이중 시그모이드). "
                "sigmoid_derivative(a) = a * (1 - a)를 쓰세요."),
        Mistake(lambda a, y, p: _backward(a, y, p, hidden_prime=_double_sigmoid),
                "출력층의 기울기는 맞고, 은닉층 델타가 활성화 a에 σ를 한 번 더 적용한 도함수로 "
                "계산되었습니다 (이중 시그모이드). 은닉층에서도 sigmoid_derivative(a) = "
                "a * (1 - a)를 쓰세요."),
        Mistake(lambda a, y, p: _backward(a, y, p, hidden_prime=lambda a: 1.0),
                "은닉층 델타에 시그모이드의 도함수 a(1 - a)를 곱하지 않았습니다."),
    ],
    "train_xor": [
        Mistake(lambda *a, **k: _train(*a, **k, loss_after=True),
                "손실을 갱신한 뒤에 기록했습니다. losses의 i번째 값은 i번째 갱신 전의 손실입니다."),
        Mistake(lambda *a, **k: _train(*a, **k, keep_initial=True),
                "반환한 params가 초기값 그대로입니다: 갱신한 파라미터를 params에 다시 "
                "저장하세요."),
        Mistake(lambda *a, **k: _train(*a, **k, init_seed=42),
                "인자 seed 대신 42로 초기화했습니다. init_network(layer_sizes, seed)에 받은 "
                "seed를 넘기세요."),
    ],
}


# --------------------------------------------------------------------------- TwoLayerNet


def net_mistaken_steps(params: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray,
                       learning_rate: float, default_rate: float) -> dict[str, tuple]:
    """The parameters after one mistaken ``train(X, y, learning_rate)``, with each hint.

    ``default_rate`` is ``self.learning_rate``: a step that ignores the argument takes it.
    """
    w1, b1, w2, b2 = (np.asarray(params[name], dtype=np.float64) for name in ref.TwoLayerNet
                      .PARAMETER_NAMES)
    hidden_sum = X @ w1 + b1
    hidden = sigmoid(hidden_sum)
    output_sum = hidden @ w2 + b2
    o = sigmoid(output_sum)

    def prime(z):
        s = sigmoid(z)
        return s * (1 - s)

    def step(o_delta, hidden_delta, rate=learning_rate):
        grads = {"w1": X.T @ hidden_delta, "b1": hidden_delta.sum(axis=0, keepdims=True),
                 "w2": hidden.T @ o_delta, "b2": o_delta.sum(axis=0, keepdims=True)}
        return {name: np.asarray(params[name]) - rate * grads[name] for name in grads}

    d_o = 2 * (o - y) / y.size
    right_o_delta = d_o * prime(output_sum)
    right_hidden_delta = (right_o_delta @ w2.T) * prime(hidden_sum)
    double_o = d_o * prime(o)
    steps = {
        "double_sigmoid_output": (
            step(double_o, (double_o @ w2.T) * prime(hidden_sum)),
            "출력 델타가 sigmoid_prime(o)로 계산되었습니다: o는 이미 활성화 σ(output_sum)라서 "
            "σ를 한 번 더 적용한 셈입니다 (이중 시그모이드, 노트북의 흔한 실수 1). "
            "sigmoid_prime(self.output_sum)을 쓰세요."),
        "double_sigmoid": (
            step(double_o, (double_o @ w2.T) * prime(hidden)),
            "sigmoid_prime에 활성화 (o, activated_hidden)를 넘겼습니다 (이중 시그모이드). "
            "가중합 output_sum, hidden_sum을 넘기세요."),
        "missing_2_over_n": (
            step((o - y) * prime(output_sum), ((o - y) * prime(output_sum)) @ w2.T
                 * prime(hidden_sum)),
            "출력 델타에서 평균 제곱 오차의 미분 계수 2/N이 빠졌습니다: "
            "dL/do = 2 (o - y) / N, N = y.size입니다."),
        "ignores_learning_rate": (
            step(right_o_delta, right_hidden_delta, default_rate),
            "인자 learning_rate를 쓰지 않고 self.learning_rate로 갱신했습니다. train과 "
            "backward는 learning_rate가 주어지면 그 값을 써야 합니다 (train은 받은 값을 "
            "backward에 넘깁니다)."),
    }
    if o.shape[1] == 1:
        sum_o_delta = d_o * prime(output_sum)
        steps["output_sum_in_hidden"] = (
            step(sum_o_delta, (sum_o_delta @ w2.T) * prime(output_sum)),
            "은닉층 델타에 sigmoid_prime(self.output_sum)을 썼습니다. 은닉층의 가중합 "
            "self.hidden_sum이어야 합니다.")
    return steps
