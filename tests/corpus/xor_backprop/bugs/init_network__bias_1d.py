# GRADED FUNCTION: init_network
# BUG: biases of shape (n_out,) instead of (1, n_out)

def init_network(layer_sizes, seed=42):
    if seed is not None:
        np.random.seed(seed)
    return [(np.random.randn(n_in, n_out), np.zeros(n_out))
            for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]
