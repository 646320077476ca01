# GRADED FUNCTION: relu_grad
# BUG: the sigmoid derivative instead of ReLU's
import numpy as np


def relu_grad(x):
    s = 1 / (1 + np.exp(-x))
    result = s * (1 - s)
    return result
