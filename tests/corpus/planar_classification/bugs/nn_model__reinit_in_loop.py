# GRADED FUNCTION: nn_model
# BUG: initialize_parameters called inside the loop: training restarts every step

def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    """은닉층 하나짜리 신경망을 경사 하강법으로 학습합니다 (학습률은 update_parameters의 기본값).

    Args:
        X: 입력, shape (n_x, m)
        Y: 레이블, shape (n_y, m)
        n_h: 은닉층 크기 (int)
        num_iterations: 경사 하강 반복 횟수
        print_cost: True면 1000번마다 비용을 출력

    Returns:
        parameters: 학습된 W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)
    """
    np.random.seed(3)
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        parameters = initialize_parameters(n_x, n_h, n_y)
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:.6f}")
    return parameters
