# GRADED FUNCTION: init_params
# BUG: draws from a new-API generator (np.random.default_rng()), which np.random.seed does not
# seed; the notebook says the grade assumes the legacy API (np.random.seed + np.random.randn)
import numpy as np


def init_params(input_size, hidden_size, output_size, weight_init_std=0.01):
    rng = np.random.default_rng()
    W1 = weight_init_std * rng.standard_normal((input_size, hidden_size))
    b1 = np.zeros(hidden_size)
    W2 = weight_init_std * rng.standard_normal((hidden_size, output_size))
    b2 = np.zeros(output_size)
    return W1, b1, W2, b2
