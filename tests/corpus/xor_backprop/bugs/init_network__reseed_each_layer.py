# GRADED FUNCTION: init_network
# BUG: calls np.random.seed(seed) again before every layer

def init_network(layer_sizes, seed=42):
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        if seed is not None:
            np.random.seed(seed)
        params.append((np.random.randn(n_in, n_out), np.zeros((1, n_out))))
    return params
