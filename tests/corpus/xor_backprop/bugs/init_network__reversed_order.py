# GRADED FUNCTION: init_network
# BUG: draws the last layer first

def init_network(layer_sizes, seed=42):
    if seed is not None:
        np.random.seed(seed)
    pairs = list(zip(layer_sizes[:-1], layer_sizes[1:]))
    weights = {}
    for i in reversed(range(len(pairs))):
        weights[i] = np.random.randn(*pairs[i])
    return [(weights[i], np.zeros((1, pairs[i][1]))) for i in range(len(pairs))]
