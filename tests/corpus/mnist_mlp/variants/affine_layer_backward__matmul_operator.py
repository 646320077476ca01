# GRADED FUNCTION: affine_layer_backward
# VARIANT: @ operator
import numpy as np


def affine_layer_backward(dy, cache):
    X, W, b = cache
    dX = dy @ W.T
    dW = X.T @ dy
    db = dy.sum(axis=0)
    return dX, dW, db
