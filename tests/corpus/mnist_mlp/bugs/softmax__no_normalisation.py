# GRADED FUNCTION: softmax
# BUG: returns exp(x - max) without dividing by the sum
import numpy as np


def softmax(x):
    result = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return result
