# GRADED FUNCTION: relu_grad
# BUG: derivative 1 everywhere
import numpy as np


def relu_grad(x):
    result = np.ones_like(x)
    return result
