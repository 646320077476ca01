# GRADED FUNCTION: softmax
# BUG: elementwise sigmoid instead of softmax
import numpy as np


def softmax(x):
    result = 1 / (1 + np.exp(-x))
    return result
