# GRADED FUNCTION: init_network
# VARIANT: returns lists [W, b] and uses np.random.normal(size=...) (same stream)

def init_network(layer_sizes, seed=42):
    if seed is not None:
        np.random.seed(seed)
    params = []
    for i in range(1, len(layer_sizes)):
        W = np.random.normal(0.0, 1.0, size=(layer_sizes[i - 1], layer_sizes[i]))
        params.append([W, np.zeros((1, layer_sizes[i]))])
    return params
