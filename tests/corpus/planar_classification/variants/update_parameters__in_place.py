# GRADED FUNCTION: update_parameters
# VARIANT: in-place updates on the passed dict (source 002 style), then returns it

def update_parameters(parameters, grads, learning_rate=1.2):
    """경사 하강법 (gradient descent) 한 걸음: θ ← θ − α·dθ.

    Args:
        parameters: W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)
        grads: dW1, db1, dW2, db2 (각 파라미터와 같은 shape)
        learning_rate: 학습률 α (기본값 1.2)

    Returns:
        parameters: 갱신된 W1, b1, W2, b2 (shape은 그대로)
    """
    parameters["W1"] -= learning_rate * grads["dW1"]
    parameters["b1"] -= learning_rate * grads["db1"]
    parameters["W2"] -= learning_rate * grads["dW2"]
    parameters["b2"] -= learning_rate * grads["db2"]
    return parameters
