# GRADED FUNCTION: backward_propagation
# VARIANT: @ and np.mean(axis=1, keepdims=True)

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
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.mean(dZ2, axis=1, keepdims=True)
    dZ1 = W2.T @ dZ2 * (1 - np.power(A1, 2))
    dW1 = (1 / m) * (dZ1 @ X.T)
    db1 = dZ1.mean(axis=1, keepdims=True)
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return grads
