# GRADED FUNCTION: init_params
# BUG: biases drawn at random instead of zeros
import numpy as np


def init_params(input_size, hidden_size, output_size, weight_init_std=0.01):
    W1 = weight_init_std * np.random.randn(input_size, hidden_size)
    b1 = weight_init_std * np.random.randn(hidden_size)
    W2 = weight_init_std * np.random.randn(hidden_size, output_size)
    b2 = weight_init_std * np.random.randn(output_size)
    return W1, b1, W2, b2
