# GRADED FUNCTION: init_params
# BUG: W1 has shape (hidden_size, input_size)
import numpy as np


def init_params(input_size, hidden_size, output_size, weight_init_std=0.01):
    W1 = weight_init_std * np.random.randn(hidden_size, input_size)
    b1 = np.zeros(hidden_size)
    W2 = weight_init_std * np.random.randn(hidden_size, output_size)
    b2 = np.zeros(output_size)
    return W1, b1, W2, b2
