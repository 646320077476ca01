# GRADED FUNCTION: _change_one_hot_label
# VARIANT: X[:, None] == arange(C)
import numpy as np


def _change_one_hot_label(X, num_category):
    T = (np.asarray(X).reshape(-1, 1) == np.arange(num_category)).astype(np.float64)
    return T
