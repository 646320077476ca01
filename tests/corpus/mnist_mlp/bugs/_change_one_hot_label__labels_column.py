# GRADED FUNCTION: _change_one_hot_label
# BUG: returns the labels as an (N, 1) column
import numpy as np


def _change_one_hot_label(X, num_category):
    T = np.asarray(X, dtype=float).reshape(-1, 1)
    return T
