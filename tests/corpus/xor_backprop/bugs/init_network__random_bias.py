# GRADED FUNCTION: init_network
# BUG: biases drawn with randn too (shifts the draws of later layers)

def init_network(layer_sizes, seed=42):
    if seed is not None:
        np.random.seed(seed)
    return [(np.random.randn(n_in, n_out), np.random.randn(1, n_out))
            for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]
