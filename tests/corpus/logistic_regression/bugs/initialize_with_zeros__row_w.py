# GRADED FUNCTION: initialize_with_zeros
# BUG: w has shape (1, dim) instead of (dim, 1)
import numpy as np


def initialize_with_zeros(dim):
    w = np.zeros((1, dim))
    b = 0.0
    return w, b
