# GRADED FUNCTION: compute_cost
# VARIANT: returns np.float64 (no float()) — a float-like scalar is accepted

def compute_cost(A2, Y):
    """교차 엔트로피 비용 (cross-entropy cost) J.

    Args:
        A2: 시그모이드 출력 (확률), shape (1, m)
        Y: 정답 레이블 0/1, shape (1, m)

    Returns:
        cost: 실수 스칼라 (float) — 배열이 아닙니다
    """
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    cost = -np.sum(logprobs) / m
    return cost
