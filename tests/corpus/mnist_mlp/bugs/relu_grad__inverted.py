# GRADED FUNCTION: relu_grad
# BUG: 1 where x < 0
import numpy as np


def relu_grad(x):
    result = np.where(x < 0, 1.0, 0.0)
    return result
