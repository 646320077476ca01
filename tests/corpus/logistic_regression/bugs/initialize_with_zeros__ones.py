# GRADED FUNCTION: initialize_with_zeros
# BUG: w initialised to ones
import numpy as np


def initialize_with_zeros(dim):
    w = np.ones((dim, 1))
    b = 0.0
    return w, b
