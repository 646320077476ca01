# GRADED FUNCTION: initialize_parameters
# BUG: weights scaled by 0.001 (source 002's typo) instead of 0.01

def initialize_parameters(n_x, n_h, n_y):
    """가중치는 작은 난수, 편향은 0으로 초기화합니다.

    전역 난수 생성기 (np.random.randn)를 쓰고, 함수 안에서 시드를 정하지 않습니다.
    뽑는 순서: W1 먼저, 그다음 W2.

    Args:
        n_x: 입력층 크기 (int)
        n_h: 은닉층 크기 (int)
        n_y: 출력층 크기 (int)

    Returns:
        parameters: 딕셔너리
            "W1": shape (n_h, n_x), randn * 0.01
            "b1": shape (n_h, 1), 0
            "W2": shape (n_y, n_h), randn * 0.01
            "b2": shape (n_y, 1), 0
    """
    W1 = np.random.randn(n_h, n_x) * 0.001
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.001
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
