# GRADED FUNCTION: cross_entropy_error
# BUG: np.mean over all N*C entries of t*log(y)
import numpy as np


def cross_entropy_error(y, t):
    if y.ndim == 1:
        y = y.reshape(1, -1)
        t = np.asarray(t).reshape(1, -1)
    if t.size != y.size:
        t = np.eye(y.shape[1])[np.asarray(t).ravel()]
    result = -np.mean(t * np.log(y + 1e-7))
    return result
