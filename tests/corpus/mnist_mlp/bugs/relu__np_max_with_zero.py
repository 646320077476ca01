# GRADED FUNCTION: relu
# BUG: np.max(0, x): np.max's second argument is an axis, np.maximum is meant
import numpy as np


def relu(x):
    return np.max(0, x)
