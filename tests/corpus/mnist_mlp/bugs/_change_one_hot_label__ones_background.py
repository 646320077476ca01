# GRADED FUNCTION: _change_one_hot_label
# BUG: starts from np.ones: the complement of one-hot
import numpy as np


def _change_one_hot_label(X, num_category):
    T = np.ones((X.size, num_category))
    T[np.arange(X.size), X] = 0
    return T
