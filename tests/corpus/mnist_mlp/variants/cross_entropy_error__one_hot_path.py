# GRADED FUNCTION: cross_entropy_error
# VARIANT: turns integer labels into one-hot and sums t * log(y + 1e-7)
import numpy as np


def cross_entropy_error(y, t):
    y2 = y.reshape(1, -1) if y.ndim == 1 else y
    t2 = np.asarray(t)
    if t2.size != y2.size:
        t2 = np.eye(y2.shape[1])[t2.ravel()]
    t2 = t2.reshape(y2.shape)
    result = float(-np.sum(t2 * np.log(y2 + 1e-7)) / y2.shape[0])
    return result
