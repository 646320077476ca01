# GRADED FUNCTION: backward_propagation
# VARIANT: per-example loop accumulating outer products

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
    dW2 = np.zeros((dZ2.shape[0], A1.shape[0]))
    for j in range(m):
        dW2 += np.outer(dZ2[:, j], A1[:, j])
    dW2 = dW2 / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.zeros((dZ1.shape[0], X.shape[0]))
    for j in range(m):
        dW1 += np.outer(dZ1[:, j], X[:, j])
    dW1 = dW1 / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return grads
