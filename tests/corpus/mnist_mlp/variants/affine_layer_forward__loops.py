# GRADED FUNCTION: affine_layer_forward
# VARIANT: explicit loops over rows and columns
import numpy as np


def affine_layer_forward(X, W, b):
    N, n_out = X.shape[0], W.shape[1]
    y = np.zeros((N, n_out))
    for n in range(N):
        for j in range(n_out):
            y[n, j] = np.sum(X[n, :] * W[:, j]) + b[j]
    cache = (X, W, b)
    return y, cache
