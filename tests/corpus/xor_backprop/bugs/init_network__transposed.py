# GRADED FUNCTION: init_network
# BUG: W drawn as (n_out, n_in)

def init_network(layer_sizes, seed=42):
    if seed is not None:
        np.random.seed(seed)
    return [(np.random.randn(n_out, n_in), np.zeros((1, n_out)))
            for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]
