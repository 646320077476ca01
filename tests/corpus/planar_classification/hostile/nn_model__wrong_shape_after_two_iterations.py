# GRADED FUNCTION: nn_model
# HOSTILE: right for one or two iterations, then a b1 of shape (4096, 1, 1): a check that
# computes on the student's arrays before checking their shapes would broadcast them into
# gigabytes, and then pass


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    """은닉층 하나짜리 신경망."""
    np.random.seed(3)
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
    if num_iterations > 2:
        parameters["b1"] = np.broadcast_to(parameters["b1"][:1], (4096, 1, 1)).copy()
    return parameters
