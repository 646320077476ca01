# GRADED FUNCTION: relu
# BUG: absolute value instead of max(0, x)
import numpy as np


def relu(x):
    result = np.abs(x)
    return result
