# GRADED FUNCTION: init_params
# BUG: ignores weight_init_std and uses source 004's 0.1
import numpy as np


def init_params(input_size, hidden_size, output_size, weight_init_std=0.01):
    W1 = 0.1 * np.random.randn(input_size, hidden_size)
    b1 = np.zeros(hidden_size)
    W2 = 0.1 * np.random.randn(hidden_size, output_size)
    b2 = np.zeros(output_size)
    return W1, b1, W2, b2
