# GRADED FUNCTION: init_network
# BUG: all weights zero

def init_network(layer_sizes, seed=42):
    if seed is not None:
        np.random.seed(seed)
    return [(np.zeros((n_in, n_out)), np.zeros((1, n_out)))
            for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]
