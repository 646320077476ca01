# GRADED FUNCTION: initialize_with_zeros
# VARIANT: builds w from a list of zeros, b as np.float64
import numpy as np


def initialize_with_zeros(dim):
    w = np.array([[0.0] for _ in range(dim)])
    b = np.float64(0.0)
    return w, b
