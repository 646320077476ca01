# GRADED FUNCTION: layer_sizes
# BUG: n_x from X.shape[1] (m) instead of X.shape[0]

def layer_sizes(X, Y):
    """세 층의 크기를 구합니다.

    Args:
        X: 입력 데이터, shape (n_x, m)
        Y: 레이블, shape (n_y, m)

    Returns:
        (n_x, n_h, n_y): 입력층 크기 n_x = X의 행 수, 은닉층 크기 n_h = 4 (고정),
        출력층 크기 n_y = Y의 행 수. 모두 정수.
    """
    n_x = X.shape[1]
    n_h = 4
    n_y = Y.shape[0]
    return (n_x, n_h, n_y)
