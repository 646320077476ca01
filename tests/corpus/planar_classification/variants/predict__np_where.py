# GRADED FUNCTION: predict
# VARIANT: np.where(A2 > 0.5, 1, 0)

def predict(parameters, X):
    """학습된 파라미터로 각 샘플의 클래스를 예측합니다: A2 > 0.5 이면 1, 아니면 0.

    Args:
        parameters: W1 (n_h, n_x), b1 (n_h, 1), W2 (1, n_h), b2 (1, 1)
        X: 입력, shape (n_x, m)

    Returns:
        predictions: 0/1 정수 배열, shape (1, m)
    """
    A2, cache = forward_propagation(X, parameters)
    predictions = np.where(A2 > 0.5, 1, 0)
    return predictions
