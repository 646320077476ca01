# GRADED FUNCTION: affine_layer_forward
# VARIANT: X @ W + b
import numpy as np


def affine_layer_forward(X, W, b):
    y = X @ W + b
    cache = (X, W, b)
    return y, cache
