# GRADED FUNCTION: relu_grad
# VARIANT: np.heaviside(x, 0)
import numpy as np


def relu_grad(x):
    result = np.heaviside(x, 0.0)
    return result
