# GRADED FUNCTION: relu
# BUG: sigmoid instead of ReLU
import numpy as np


def relu(x):
    result = 1 / (1 + np.exp(-x))
    return result
