# GRADED FUNCTION: backward_propagation
# BUG: dZ2 = Y - A2: every gradient has the wrong sign

def backward_propagation(parameters, cache, X, Y):
    """역전파 (backpropagation): 비용 J의 각 파라미터에 대한 기울기.

    Args:
        parameters: W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)
        cache: forward_propagation이 만든 Z1, A1 (n_h, m), Z2, A2 (n_y, m)
        X: 입력, shape (n_x, m)
        Y: 레이블, shape (n_y, m)

    Returns:
        grads: {"dW1": (n_h, n_x), "db1": (n_h, 1), "dW2": (n_y, n_h), "db2": (n_y, 1)}
    """
    m = X.shape[1]
    W2 = parameters["W2"]
    A1 = cache["A1"]
    A2 = cache["A2"]
    dZ2 = Y - A2
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return grads
