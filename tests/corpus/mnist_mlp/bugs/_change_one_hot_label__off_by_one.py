# GRADED FUNCTION: _change_one_hot_label
# BUG: puts the 1 at label - 1
import numpy as np


def _change_one_hot_label(X, num_category):
    T = np.zeros((X.size, num_category))
    T[np.arange(X.size), X - 1] = 1
    return T
