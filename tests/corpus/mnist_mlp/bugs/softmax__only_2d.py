# GRADED FUNCTION: softmax
# BUG: assumes 2-D input (axis=1): fails on a single vector
import numpy as np


def softmax(x):
    shifted = x - np.max(x, axis=1, keepdims=True)
    exp = np.exp(shifted)
    result = exp / np.sum(exp, axis=1, keepdims=True)
    return result
