# GRADED FUNCTION: forward_propagation
# BUG: output bias b2 forgotten

def forward_propagation(X, parameters):
    """순전파 (forward propagation).

    Args:
        X: 입력, shape (n_x, m)
        parameters: initialize_parameters의 출력과 같은 딕셔너리
            W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)

    Returns:
        A2: 출력층 활성화 (시그모이드), shape (n_y, m)
        cache: {"Z1": (n_h, m), "A1": (n_h, m), "Z2": (n_y, m), "A2": (n_y, m)}
    """
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1)
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache
