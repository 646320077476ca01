# GRADED FUNCTION: init_params
# VARIANT: np.random.normal(0, std, size) draws the same legacy numbers as std * randn
import numpy as np


def init_params(input_size, hidden_size, output_size, weight_init_std=0.01):
    W1 = np.random.normal(0.0, weight_init_std, size=(input_size, hidden_size))
    b1 = np.zeros(hidden_size)
    W2 = np.random.normal(0.0, weight_init_std, size=(hidden_size, output_size))
    b2 = np.zeros(output_size)
    return W1, b1, W2, b2
