# GRADED FUNCTION: softmax
# BUG: normalises 2-D input over axis 0 (columns) instead of rows
import numpy as np


def softmax(x):
    shifted = x - np.max(x, axis=0)
    exp = np.exp(shifted)
    result = exp / np.sum(exp, axis=0)
    return result
