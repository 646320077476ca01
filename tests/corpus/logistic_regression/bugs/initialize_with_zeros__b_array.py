# GRADED FUNCTION: initialize_with_zeros
# BUG: b is a (1, 1) array instead of a scalar
import numpy as np


def initialize_with_zeros(dim):
    w = np.zeros((dim, 1))
    b = np.zeros((1, 1))
    return w, b
