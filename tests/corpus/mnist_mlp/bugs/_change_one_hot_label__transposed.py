# GRADED FUNCTION: _change_one_hot_label
# BUG: returns the (C, N) transpose
import numpy as np


def _change_one_hot_label(X, num_category):
    T = np.zeros((num_category, X.size))
    T[X, np.arange(X.size)] = 1
    return T
