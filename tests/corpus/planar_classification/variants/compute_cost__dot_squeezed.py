# GRADED FUNCTION: compute_cost
# VARIANT: np.dot sums then float(np.squeeze(...)) as in the DLS notebook

def compute_cost(A2, Y):
    """교차 엔트로피 비용 (cross-entropy cost) J.

    Args:
        A2: 시그모이드 출력 (확률), shape (1, m)
        Y: 정답 레이블 0/1, shape (1, m)

    Returns:
        cost: 실수 스칼라 (float) — 배열이 아닙니다
    """
    m = Y.shape[1]
    cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m
    cost = float(np.squeeze(cost))
    return cost
