# GRADED FUNCTION: init_network
# BUG: seed=None falls back to the default 42 instead of leaving the global RNG unseeded
import numpy as np


def init_network(layer_sizes, seed=42):
    np.random.seed(42 if seed is None else seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        params.append((np.random.randn(n_in, n_out), np.zeros((1, n_out))))
    return params
