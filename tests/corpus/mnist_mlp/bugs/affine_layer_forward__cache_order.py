# GRADED FUNCTION: affine_layer_forward
# BUG: cache in the order (W, X, b)
import numpy as np


def affine_layer_forward(X, W, b):
    y = np.dot(X, W) + b
    cache = (W, X, b)
    return y, cache
