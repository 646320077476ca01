# GRADED FUNCTION: init_params
# BUG: biases as (n, 1) columns instead of (n,) vectors
import numpy as np


def init_params(input_size, hidden_size, output_size, weight_init_std=0.01):
    W1 = weight_init_std * np.random.randn(input_size, hidden_size)
    b1 = np.zeros((hidden_size, 1))
    W2 = weight_init_std * np.random.randn(hidden_size, output_size)
    b2 = np.zeros((output_size, 1))
    return W1, b1, W2, b2
