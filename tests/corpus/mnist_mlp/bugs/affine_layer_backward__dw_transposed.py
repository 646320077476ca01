# GRADED FUNCTION: affine_layer_backward
# BUG: dW = dy^T X (transposed)
import numpy as np


def affine_layer_backward(dy, cache):
    X, W, b = cache
    dX = np.dot(dy, W.T)
    dW = np.dot(dy.T, X)
    db = np.sum(dy, axis=0)
    return dX, dW, db
