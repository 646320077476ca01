# GRADED FUNCTION: affine_layer_backward
# BUG: db = dy, not summed over the batch
import numpy as np


def affine_layer_backward(dy, cache):
    X, W, b = cache
    dX = np.dot(dy, W.T)
    dW = np.dot(X.T, dy)
    db = dy
    return dX, dW, db
