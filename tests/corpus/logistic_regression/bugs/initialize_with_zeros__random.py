# GRADED FUNCTION: initialize_with_zeros
# BUG: small random weights instead of zeros
import numpy as np


def initialize_with_zeros(dim):
    w = np.random.randn(dim, 1) * 0.01
    b = 0.0
    return w, b
