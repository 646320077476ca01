# GRADED FUNCTION: cross_entropy_error
# BUG: no 1e-7 inside the log: a zero probability gives inf
import numpy as np


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]

    result = -np.sum(np.log(y[np.arange(batch_size), t])) / batch_size
    return result
