"""Known mistakes in ``logistic_regression``, in the notebook's names (``w``, ``b``, ``A``, ``Y``).

Each is the graded function as a student who made the mistake would write it.
"""

from __future__ import annotations

import numpy as np

from nnkit.reference import logistic_regression as ref
from nnkit.reference.mistakes import Mistake, sigmoid_mistakes

sigmoid = ref.sigmoid


def _propagate(w, b, X, Y, labels_column=False, negative_class=True, bias=True):
    m = X.shape[1]
    A = sigmoid(w.T @ X + (b if bias else 0.0))
    if labels_column:
        Y = Y.reshape(-1, 1)  # source 000's labels: (m, 1) against A (1, m) broadcasts to (m, m)
    log_likelihood = Y * np.log(A)
    if negative_class:
        log_likelihood = log_likelihood + (1 - Y) * np.log(1 - A)
    cost = -np.sum(log_likelihood) / m
    dw = X @ (A - Y).T / m
    db = np.sum(A - Y) / m
    return {"dw": dw, "db": float(db)}, float(cost)


def _optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False,
              update_b=True, cost_after=False, step=None, sign=1.0, keep_initial=False):
    w0, b0 = w, b
    costs, grads = [], {}
    rate = learning_rate if step is None else step
    for i in range(num_iterations):
        grads, cost = ref.propagate(w, b, X, Y)
        w = w - sign * rate * grads["dw"]
        if update_b:
            b = b - sign * rate * grads["db"]
        if cost_after:
            cost = ref.propagate(w, b, X, Y)[1]
        if i % 100 == 0:
            costs.append(cost)
    if keep_initial:
        w, b = w0, b0
    return {"w": w, "b": b}, grads, costs


def _model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
           print_cost=False, untrained=False, swapped=False, step=None):
    w, b = ref.initialize_with_zeros(X_train.shape[0])
    rate = learning_rate if step is None else step
    params, _, costs = ref.optimize(w, b, X_train, Y_train, num_iterations, rate)
    if untrained:  # predicted before unpacking params: with the zeros
        test, train = ref.predict(w, b, X_test), ref.predict(w, b, X_train)
    w, b = params["w"], params["b"]
    if not untrained:
        test, train = ref.predict(w, b, X_test), ref.predict(w, b, X_train)
    if swapped:
        test, train = train, test
    return {"costs": costs, "Y_prediction_test": test, "Y_prediction_train": train, "w": w,
            "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}


MISTAKES: dict[str, list[Mistake]] = {
    "sigmoid": sigmoid_mistakes(),
    "propagate": [
        Mistake(lambda w, b, X, Y: _propagate(w, b, X, Y, labels_column=True),
                "Y를 (m, 1) 열로 바꿔 (1, m)인 A와 연산했습니다: A - Y가 (m, m) 행렬로 "
                "브로드캐스팅 (broadcasting)되어 비용이 m배쯤 커집니다. Y를 (1, m) 그대로 두세요."),
        Mistake(lambda w, b, X, Y: _propagate(w, b, X, Y, labels_column=True),
                "비용이 A와 Y가 (m, m) 행렬로 브로드캐스팅 (broadcasting)됐을 때의 값입니다: "
                "A나 Y 중 하나가 (m, 1) 열입니다. A = σ(wᵀX + b)와 Y를 둘 다 (1, m)으로 두세요.",
                part="cost"),
        Mistake(lambda w, b, X, Y: _propagate(w, b, X, Y, negative_class=False),
                "비용에서 (1 - Y)·log(1 - A) 항이 빠졌습니다. 레이블이 0인 샘플의 비용도 "
                "더해야 합니다."),
        Mistake(lambda w, b, X, Y: _propagate(w, b, X, Y, bias=False),
                "순전파에서 b를 더하지 않았습니다: A = σ(wᵀX + b)입니다."),
    ],
    "optimize": [
        Mistake(lambda *a, **k: _optimize(*a, **k, update_b=False),
                "b를 한 번도 갱신하지 않았습니다: w만 갱신했습니다. 반복마다 "
                "b = b - learning_rate * db도 하세요 (그래서 w와 비용도 달라졌습니다)."),
        Mistake(lambda *a, **k: _optimize(*a, **k, cost_after=True),
                "비용을 갱신한 뒤에 기록했습니다. costs에는 그 반복의 갱신 전 비용 "
                "(propagate가 돌려준 cost)을 넣으세요."),
        Mistake(lambda *a, **k: _optimize(*a, **k, step=0.009),
                "인자 learning_rate를 쓰지 않고 기본값 0.009로 갱신했습니다. "
                "받은 학습률을 쓰세요."),
        Mistake(lambda *a, **k: _optimize(*a, **k, sign=-1.0),
                "기울기를 더했습니다 (경사 상승). w = w - learning_rate * dw처럼 빼야 비용이 "
                "줄어듭니다."),
        Mistake(lambda *a, **k: _optimize(*a, **k, keep_initial=True),
                "반환한 w, b가 처음 받은 값 그대로입니다: 갱신한 값을 같은 이름에 다시 저장하고 "
                "그 값을 반환하세요."),
    ],
    "predict": [
        Mistake(lambda w, b, X: (w.T @ X + b > 0.5).astype(np.int64),
                "확률 A가 아니라 z = wᵀX + b를 0.5와 비교했습니다. "
                "A = sigmoid(z)를 구한 다음 A > 0.5를 쓰세요."),
        Mistake(lambda w, b, X: (sigmoid(w.T @ X + b) <= 0.5).astype(np.int64),
                "0과 1이 뒤바뀌었습니다: A > 0.5이면 1, 아니면 0입니다."),
        Mistake(lambda w, b, X: (sigmoid(w.T @ X) > 0.5).astype(np.int64),
                "결과가 b를 더하지 않고 예측했을 때와 같습니다: 확률은 A = σ(wᵀX + b)입니다."),
    ],
    "model": [
        Mistake(lambda *a, **k: _model(*a, **k, untrained=True),
                "학습하기 전의 w, b (0)로 예측했습니다. optimize가 돌려준 params에서 w와 b를 "
                "꺼낸 다음 predict를 부르세요.", part="Y_prediction_train"),
        Mistake(lambda *a, **k: _model(*a, **k, step=0.005),
                "인자 learning_rate 대신 0.005로 학습했습니다. 받은 learning_rate를 optimize에 "
                "넘기세요."),
        Mistake(lambda *a, **k: _model(*a, **k, swapped=True),
                "Y_prediction_test와 Y_prediction_train이 뒤바뀌었습니다: "
                "테스트 예측은 X_test로, 훈련 예측은 X_train으로 구하세요."),
    ],
}
