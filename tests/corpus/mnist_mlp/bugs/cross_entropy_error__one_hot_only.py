# GRADED FUNCTION: cross_entropy_error
# BUG: assumes one-hot t: integer labels break it
import numpy as np


def cross_entropy_error(y, t):
    if y.ndim == 1:
        y = y.reshape(1, -1)
        t = t.reshape(1, -1)
    result = -np.sum(t * np.log(y + 1e-7)) / y.shape[0]
    return result
