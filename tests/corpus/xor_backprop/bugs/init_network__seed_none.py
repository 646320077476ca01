# GRADED FUNCTION: init_network
# BUG: np.random.seed(None) reseeds from the OS when seed is None

def init_network(layer_sizes, seed=42):
    np.random.seed(seed)
    return [(np.random.randn(n_in, n_out), np.zeros((1, n_out)))
            for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]
