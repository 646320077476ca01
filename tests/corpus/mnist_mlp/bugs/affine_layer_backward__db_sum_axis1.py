# GRADED FUNCTION: affine_layer_backward
# BUG: sums db over the class axis
import numpy as np


def affine_layer_backward(dy, cache):
    X, W, b = cache
    dX = np.dot(dy, W.T)
    dW = np.dot(X.T, dy)
    db = np.sum(dy, axis=1)
    return dX, dW, db
