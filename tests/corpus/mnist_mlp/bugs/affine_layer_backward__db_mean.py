# GRADED FUNCTION: affine_layer_backward
# BUG: averages db over the batch (the 1/N is already in dy)
import numpy as np


def affine_layer_backward(dy, cache):
    X, W, b = cache
    dX = np.dot(dy, W.T)
    dW = np.dot(X.T, dy)
    db = np.mean(dy, axis=0)
    return dX, dW, db
