# GRADED FUNCTION: initialize_with_zeros
# VARIANT: b = 0 (an int) is a real scalar zero
import numpy as np


def initialize_with_zeros(dim):
    w = np.zeros(shape=(dim, 1), dtype=float)
    b = 0
    return w, b
