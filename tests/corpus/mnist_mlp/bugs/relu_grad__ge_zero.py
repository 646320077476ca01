# GRADED FUNCTION: relu_grad
# BUG: x >= 0: gradient 1 at the kink x = 0
import numpy as np


def relu_grad(x):
    result = np.where(x >= 0, 1.0, 0.0)
    return result
