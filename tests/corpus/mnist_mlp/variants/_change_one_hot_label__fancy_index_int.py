# GRADED FUNCTION: _change_one_hot_label
# VARIANT: fancy indexing into an int array
import numpy as np


def _change_one_hot_label(X, num_category):
    T = np.zeros((len(X), num_category), dtype=int)
    T[np.arange(len(X)), X] = 1
    return T
