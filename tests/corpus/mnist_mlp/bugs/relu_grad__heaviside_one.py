# GRADED FUNCTION: relu_grad
# BUG: np.heaviside(x, 1): 1 at x = 0
import numpy as np


def relu_grad(x):
    result = np.heaviside(x, 1.0)
    return result
