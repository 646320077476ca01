# GRADED FUNCTION: affine_layer_backward
# VARIANT: computes in float32
import numpy as np


def affine_layer_backward(dy, cache):
    X, W, b = cache
    dy32, X32, W32 = dy.astype(np.float32), X.astype(np.float32), W.astype(np.float32)
    dX = dy32 @ W32.T
    dW = X32.T @ dy32
    db = dy32.sum(axis=0)
    return dX, dW, db
