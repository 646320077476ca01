"""Known mistakes in ``planar_classification``, in the notebook's names (``A1``, ``dZ1``, ``Y``).

Each is the graded function as a student who made the mistake would write it.
"""

from __future__ import annotations

import numpy as np

from nnkit.reference import planar_classification as ref
from nnkit.reference.mistakes import Mistake

sigmoid = ref.sigmoid


def _forward(X, parameters, hidden=np.tanh, output=sigmoid, z2_from_z1=False):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = hidden(Z1)
    Z2 = parameters["W2"] @ (Z1 if z2_from_z1 else A1) + parameters["b2"]
    A2 = output(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def _backward(parameters, cache, X, Y, derivative):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * derivative(cache)
    return {"dW1": dZ1 @ X.T / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
            "dW2": dZ2 @ cache["A1"].T / m, "db2": np.sum(dZ2, axis=1, keepdims=True) / m}


def _swapped_draws(n_x, n_h, n_y):
    W2 = np.random.randn(n_y, n_h) * 0.01
    W1 = np.random.randn(n_h, n_x) * 0.01
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}


def _labels_column_cost(A2, Y):
    m = Y.shape[1]
    Y_column = Y.reshape(-1, 1)  # (m, 1) against A2 (1, m): an (m, m) matrix is summed
    return float(-np.sum(Y_column * np.log(A2) + (1 - Y_column) * np.log(1 - A2)) / m)


def _update(parameters, grads, learning_rate=1.2, names=("W1", "b1", "W2", "b2")):
    updated = dict(parameters)
    for name in names:
        updated[name] = parameters[name] - learning_rate * grads["d" + name]
    return updated


def _never_updated(X, Y, n_h, num_iterations=10000, print_cost=False):
    np.random.seed(3)
    n_x, _, n_y = ref.layer_sizes(X, Y)
    return ref.initialize_parameters(n_x, n_h, n_y)


def _reinitialised_every_step(X, Y, n_h, num_iterations=10000, print_cost=False):
    np.random.seed(3)
    n_x, _, n_y = ref.layer_sizes(X, Y)
    parameters = ref.initialize_parameters(n_x, n_h, n_y)
    for _ in range(num_iterations):
        parameters = ref.initialize_parameters(n_x, n_h, n_y)
        _, cache = ref.forward_propagation(X, parameters)
        grads = ref.backward_propagation(parameters, cache, X, Y)
        parameters = ref.update_parameters(parameters, grads)
    return parameters


def _threshold_z2(parameters, X):
    _, cache = ref.forward_propagation(X, parameters)
    return (cache["Z2"] > 0.5).astype(int)


MISTAKES: dict[str, list[Mistake]] = {
    "initialize_parameters": [
        Mistake(_swapped_draws,
                "W2를 W1보다 먼저 뽑았습니다. 난수를 뽑는 순서도 명세입니다: "
                "W1 = np.random.randn(n_h, n_x) * 0.01을 먼저, 그다음 W2를 뽑으세요."),
    ],
    "forward_propagation": [
        Mistake(lambda X, p: _forward(X, p, hidden=sigmoid),
                "은닉층에 시그모이드를 썼습니다. 은닉층 활성화는 A1 = np.tanh(Z1)입니다."),
        Mistake(lambda X, p: _forward(X, p, output=np.tanh),
                "출력층에 tanh를 썼습니다. 출력 A2는 확률이어야 하므로 A2 = sigmoid(Z2)입니다."),
        Mistake(lambda X, p: _forward(X, p, z2_from_z1=True),
                "Z2를 활성화 전의 Z1로 계산했습니다. Z2 = W2 A1 + b2 — tanh를 거친 A1을 쓰세요."),
    ],
    "compute_cost": [
        Mistake(_labels_column_cost,
                "Y를 (m, 1)로 바꿔 (1, m)인 A2와 연산했습니다: (m,1)과 (1,m)이 브로드캐스팅 "
                "(broadcasting)되어 (m, m) 행렬이 합해졌습니다. Y와 A2를 둘 다 (1, m)으로 두세요."),
        Mistake(lambda A2, Y: float(-np.sum(Y * np.log(A2)) / Y.shape[1]),
                "(1 - Y)·log(1 - A2) 항이 빠졌습니다. 레이블이 0인 샘플의 비용도 더해야 합니다."),
    ],
    "backward_propagation": [
        Mistake(lambda p, c, X, Y: _backward(p, c, X, Y, lambda c: 1 - c["Z1"] ** 2),
                "tanh의 도함수는 1 - tanh(Z1)² = 1 - A1²입니다. 활성화 전 값 Z1로 1 - Z1²를 "
                "계산했습니다."),
        Mistake(lambda p, c, X, Y: _backward(p, c, X, Y, lambda c: c["A1"] * (1 - c["A1"])),
                "A1 * (1 - A1)은 시그모이드의 도함수입니다. 은닉층은 tanh이므로 1 - A1²를 쓰세요."),
        Mistake(lambda p, c, X, Y: _backward(p, c, X, Y, lambda c: 1.0),
                "dZ1에 활성화 함수의 도함수 (1 - A1²)를 곱하지 않았습니다."),
    ],
    "update_parameters": [
        Mistake(lambda p, g, learning_rate=1.2: _update(p, g),
                "인자 learning_rate를 쓰지 않고 1.2로 갱신했습니다. 받은 학습률을 쓰세요."),
        Mistake(lambda p, g, learning_rate=1.2: _update(p, g, learning_rate, ("W1", "W2")),
                "편향 b1, b2를 갱신하지 않았습니다. 모든 파라미터를 θ - learning_rate · dθ로 "
                "바꾸세요."),
        Mistake(lambda p, g, learning_rate=1.2: _update(p, g, -learning_rate),
                "기울기를 더했습니다 (경사 상승). 경사 하강법은 θ - learning_rate · dθ입니다: "
                "기울기의 반대 방향으로 가야 비용이 줄어듭니다."),
    ],
    "nn_model": [
        Mistake(_never_updated,
                "파라미터가 초기값에서 전혀 바뀌지 않았습니다. "
                "parameters = update_parameters(parameters, grads)처럼 갱신 결과를 다시 "
                "저장하세요."),
        Mistake(_reinitialised_every_step,
                "결과가 반복마다 새로 초기화한 파라미터에서 경사 하강을 한 걸음만 간 값과 "
                "같습니다: initialize_parameters를 반복문 안에서 불렀습니다. 초기화는 반복문 "
                "전에 한 번만 하세요."),
    ],
    "predict": [
        Mistake(_threshold_z2,
                "A2가 아니라 Z2를 0.5와 비교했습니다. 확률 A2 = sigmoid(Z2)를 0.5와 비교하세요 "
                "(Z2 > 0.5는 A2 > 0.62와 같습니다)."),
        Mistake(lambda p, X: (ref.forward_propagation(X, p)[0] <= 0.5).astype(int),
                "0과 1이 뒤바뀌었습니다: A2 > 0.5이면 1, 아니면 0입니다."),
    ],
}
