# GRADED FUNCTION: initialize_with_zeros
# BUG: returns (b, w) instead of (w, b)
import numpy as np


def initialize_with_zeros(dim):
    w = np.zeros((dim, 1))
    b = 0.0
    return b, w
