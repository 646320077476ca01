# GRADED FUNCTION: affine_layer_backward
# VARIANT: dW as a sum of outer products over the batch
import numpy as np


def affine_layer_backward(dy, cache):
    X, W, b = cache
    dX = np.zeros_like(X, dtype=float)
    dW = np.zeros_like(W, dtype=float)
    db = np.zeros(W.shape[1])
    for n in range(dy.shape[0]):
        dX[n] = W @ dy[n]
        dW += np.outer(X[n], dy[n])
        db += dy[n]
    return dX, dW, db
