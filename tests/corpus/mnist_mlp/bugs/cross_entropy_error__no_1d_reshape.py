# GRADED FUNCTION: cross_entropy_error
# BUG: drops source 004's reshape: a single example (C,) breaks
import numpy as np


def cross_entropy_error(y, t):
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    result = -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size
    return result
