"""Known mistakes in ``mnist_mlp``, in the notebook's names (``Z1`` before the activation, ``A1``
after it, ``dA1``, ``dZ1``, ``y_hat``).

Each is the graded function as a student who made the mistake would write it.
"""

from __future__ import annotations

import numpy as np

from nnkit.reference import mnist_mlp as ref
from nnkit.reference.mistakes import Mistake


def _init(input_size, hidden_size, output_size, weight_init_std=0.01, std=None, w2_first=False):
    scale = weight_init_std if std is None else std
    if w2_first:
        W2 = scale * np.random.randn(hidden_size, output_size)
        W1 = scale * np.random.randn(input_size, hidden_size)
    else:
        W1 = scale * np.random.randn(input_size, hidden_size)
        W2 = scale * np.random.randn(hidden_size, output_size)
    return W1, np.zeros(hidden_size), W2, np.zeros(output_size)


def _softmax_over_axis0(x):
    exp = np.exp(x - np.max(x, axis=0, keepdims=True))
    return exp / np.sum(exp, axis=0, keepdims=True)


def _softmax_without_shift(x):
    exp = np.exp(x)
    return exp / np.sum(exp, axis=-1, keepdims=True)


def _softmax_global_max(x):
    exp = np.exp(x - np.max(x))
    return exp / np.sum(exp, axis=-1, keepdims=True)


def _cross_entropy(y, t, log=np.log, epsilon=1e-7, over_classes=False):
    if y.ndim == 1:
        y, t = y.reshape(1, y.size), t.reshape(1, t.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    picked = log(y[np.arange(y.shape[0]), t] + epsilon)
    return float(-np.sum(picked) / (y.size if over_classes else y.shape[0]))


def _update(W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate, step=None, biases=True,
            sign=1.0):
    rate = sign * (learning_rate if step is None else step)
    return (W1 - rate * dW1, b1 - rate * db1 if biases else b1,
            W2 - rate * dW2, b2 - rate * db2 if biases else b2)


def _train_step(X, Y, W1, b1, W2, b2, learning_rate=0.1, verbose=False, step=None,
                db1_from_dA1=False, divide=True, relu_derivative=True, loss_after=False,
                hidden_sigmoid=False):
    Z1, cache1 = ref.affine_layer_forward(X, W1, b1)
    A1 = ref.sigmoid(Z1) if hidden_sigmoid else ref.relu(Z1)
    Z2, cache2 = ref.affine_layer_forward(A1, W2, b2)
    y_hat = ref.softmax(Z2)
    t = ref._change_one_hot_label(Y, W2.shape[1])
    Loss = ref.cross_entropy_error(y_hat, t)
    dZ2 = (y_hat - t) / (X.shape[0] if divide else 1)
    dA1, dW2, db2 = ref.affine_layer_backward(dZ2, cache2)
    if hidden_sigmoid:
        dZ1 = ref.sigmoid_grad(Z1) * dA1
    else:
        dZ1 = ref.relu_grad(Z1) * dA1 if relu_derivative else dA1
    _, dW1, db1 = ref.affine_layer_backward(dZ1, cache1)
    if db1_from_dA1:
        db1 = np.sum(dA1, axis=0)
    rate = learning_rate if step is None else step
    W1, b1, W2, b2 = ref.update_params(W1, b1, W2, b2, dW1, db1, dW2, db2, rate)
    if loss_after:
        Loss = ref.cross_entropy_error(ref.predict(W1, b1, W2, b2, X), Y)
    return W1, b1, W2, b2, Loss


def _predict(W1, b1, W2, b2, X, hidden=ref.relu, output=ref.softmax):
    return output(hidden(X @ W1 + b1) @ W2 + b2)


MISTAKES: dict[str, list[Mistake]] = {
    "init_params": [
        Mistake(lambda *a, **k: _init(*a, **k, std=0.01),
                "인자 weight_init_std를 쓰지 않고 0.01을 곱했습니다. 받은 표준편차를 쓰세요."),
        Mistake(lambda *a, **k: _init(*a, **k, w2_first=True),
                "W2를 W1보다 먼저 뽑았습니다. 난수를 뽑는 순서도 명세입니다: "
                "W1 = weight_init_std * np.random.randn(input_size, hidden_size)를 먼저 "
                "뽑으세요."),
    ],
    "affine_layer_forward": [
        Mistake(lambda X, W, b: (ref.relu(X @ W + b), (X, W, b)),
                "완전연결층 안에서 ReLU를 적용했습니다. affine 층은 y = XW + b까지만 계산합니다 "
                "(활성화는 다음 단계에서 relu로)."),
    ],
    "affine_layer_backward": [
        Mistake(lambda dy, cache: (dy @ cache[1].T, cache[0].T @ dy, np.mean(dy, axis=0)),
                "db를 배치 평균으로 구했습니다. dy에 이미 1/N이 들어 있으니 db = np.sum(dy, "
                "axis=0)입니다."),
    ],
    "relu_grad": [
        Mistake(lambda x: np.where(x >= 0, 1.0, 0.0),
                "x = 0에서 1이 나왔습니다. 이 과제에서는 x = 0에서 기울기를 0으로 정합니다: "
                "x >= 0이 아니라 x > 0."),
    ],
    "softmax": [
        Mistake(_softmax_without_shift,
                "로짓이 ±1000처럼 크면 exp가 넘쳐 (overflow) NaN이 됩니다. exp를 계산하기 전에 "
                "각 행의 최댓값을 빼세요: x - np.max(x, axis=-1, keepdims=True)."),
        Mistake(_softmax_global_max,
                "배열 전체의 최댓값 하나를 뺐습니다. 행마다 그 행의 최댓값을 빼야 값이 아주 작은 "
                "행이 0/0이 되지 않습니다: np.max(x, axis=-1, keepdims=True)."),
        Mistake(_softmax_over_axis0,
                "2차원 입력을 열 (axis=0)마다 정규화했습니다. 각 행 (샘플)의 확률 합이 1이 되도록 "
                "axis=-1 (마지막 축, 클래스)로 합하세요."),
    ],
    "_change_one_hot_label": [
        Mistake(lambda X, num_category: np.eye(int(np.max(X)) + 1)[np.asarray(X)],
                "열의 수가 num_category가 아니라 레이블의 최댓값 + 1입니다 (X.max() + 1). "
                "배치에 가장 큰 클래스가 없을 수 있으니 열 수는 num_category로 정하세요."),
        Mistake(lambda X, num_category: np.eye(num_category)[np.asarray(X) - 1],
                "레이블보다 한 칸 앞에 1을 넣었습니다. 레이블 k인 행은 k번째 열 (0부터 셈)이 "
                "1입니다."),
    ],
    "cross_entropy_error": [
        Mistake(lambda y, t: _cross_entropy(y, t, log=np.log10),
                "np.log10을 썼습니다. 교차 엔트로피는 자연로그 np.log입니다."),
        Mistake(lambda y, t: _cross_entropy(y, t, over_classes=True),
                "클래스 축까지 평균을 냈습니다 (N × C로 나눔). 배치 크기 N으로만 나누세요."),
        Mistake(lambda y, t: _cross_entropy(y, t, epsilon=0.0),
                "정답 확률이 0이면 log(0) = -inf가 됩니다. log 안에 작은 값을 더하세요: "
                "np.log(y + 1e-7)."),
    ],
    "update_params": [
        Mistake(lambda *a: _update(*a, step=0.1),
                "인자 learning_rate 대신 0.1로 갱신했습니다. 받은 학습률을 쓰세요."),
        Mistake(lambda *a: _update(*a, biases=False),
                "편향 b1, b2를 갱신하지 않았습니다. 모든 파라미터를 θ - learning_rate * dθ로 "
                "바꾸세요."),
        Mistake(lambda *a: _update(*a, sign=-1.0),
                "기울기를 더했습니다 (경사 상승). θ - learning_rate * dθ처럼 빼야 손실이 "
                "줄어듭니다."),
    ],
    "train_step": [
        Mistake(lambda *a, **k: _train_step(*a, **k, hidden_sigmoid=True),
                "결과가 은닉층에 ReLU 대신 시그모이드를 썼을 때와 같습니다. "
                "이 과제의 은닉층은 A1 = relu(Z1)이고, 역전파에서는 relu_grad(Z1)을 곱합니다."),
        Mistake(lambda *a, **k: _train_step(*a, **k, db1_from_dA1=True),
                "db1을 ReLU의 도함수를 곱하기 전의 dA1로 구했습니다. dZ1 = relu_grad(Z1) * dA1을 "
                "affine_layer_backward에 넘기고, 그 db1을 쓰세요.",
                part="b1"),
        Mistake(lambda *a, **k: _train_step(*a, **k, divide=False),
                "dZ2 = y_hat - t를 배치 크기 N으로 나누지 않았습니다: 손실이 배치 평균이므로 "
                "dZ2 = (y_hat - t) / N입니다."),
        Mistake(lambda *a, **k: _train_step(*a, **k, step=0.1),
                "인자 learning_rate 대신 0.1로 갱신했습니다. 받은 learning_rate를 update_params에 "
                "넘기세요."),
        Mistake(lambda *a, **k: _train_step(*a, **k, relu_derivative=False),
                "은닉층의 ReLU 도함수를 곱하지 않았습니다: dZ1 = relu_grad(Z1) * dA1입니다."),
        Mistake(lambda *a, **k: _train_step(*a, **k, loss_after=True),
                "Loss를 갱신한 뒤에 다시 계산했습니다. 반환하는 Loss는 갱신 전, 순전파 직후의 "
                "교차 엔트로피입니다.", part="Loss"),
    ],
    "predict": [
        Mistake(lambda *a: _predict(*a, output=lambda z: z),
                "출력층에 softmax를 적용하지 않았습니다: 로짓 Z2가 아니라 확률 softmax(Z2)를 "
                "반환하세요."),
        Mistake(lambda *a: _predict(*a, hidden=ref.sigmoid),
                "은닉층에 시그모이드를 썼습니다. 이 과제의 은닉층은 ReLU입니다."),
        Mistake(lambda *a: _predict(*a, hidden=lambda z: z),
                "은닉층에 ReLU를 적용하지 않았습니다: A1 = relu(Z1)."),
        Mistake(lambda *a: np.argmax(_predict(*a), axis=1),
                "레이블 (argmax)을 반환했습니다. predict는 클래스별 확률 (N, C)를 반환하고, "
                "np.argmax는 accuracy 안에서 합니다."),
    ],
    "accuracy": [
        Mistake(lambda *a: 100.0 * ref.accuracy(*a),
                "백분율을 반환했습니다. 정확도는 0과 1 사이의 비율입니다 (100을 곱하지 마세요)."),
        Mistake(lambda *a: float(ref.accuracy(*a) * a[4].shape[0]),
                "맞힌 개수를 반환했습니다. 전체 개수 x.shape[0]로 나눈 비율을 반환하세요."),
    ],
}
