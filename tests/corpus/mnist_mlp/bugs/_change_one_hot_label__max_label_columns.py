# GRADED FUNCTION: _change_one_hot_label
# BUG: uses max(X) + 1 columns instead of num_category
import numpy as np


def _change_one_hot_label(X, num_category):
    T = np.zeros((X.size, int(X.max()) + 1))
    T[np.arange(X.size), X] = 1
    return T
