# GRADED FUNCTION: _change_one_hot_label
# VARIANT: np.eye(num_category)[X]
import numpy as np


def _change_one_hot_label(X, num_category):
    T = np.eye(num_category)[X]
    return T
