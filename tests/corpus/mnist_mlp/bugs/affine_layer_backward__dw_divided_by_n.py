# GRADED FUNCTION: affine_layer_backward
# BUG: divides dW by N a second time
import numpy as np


def affine_layer_backward(dy, cache):
    X, W, b = cache
    dX = np.dot(dy, W.T)
    dW = np.dot(X.T, dy) / X.shape[0]
    db = np.sum(dy, axis=0)
    return dX, dW, db
