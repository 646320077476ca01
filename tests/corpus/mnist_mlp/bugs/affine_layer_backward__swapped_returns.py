# GRADED FUNCTION: affine_layer_backward
# BUG: computes dW where dX belongs and vice versa
import numpy as np


def affine_layer_backward(dy, cache):
    X, W, b = cache
    dW = np.dot(dy, W.T)
    dX = np.dot(X.T, dy)
    db = np.sum(dy, axis=0)
    return dX, dW, db
