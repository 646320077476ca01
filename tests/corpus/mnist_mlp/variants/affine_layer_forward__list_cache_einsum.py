# GRADED FUNCTION: affine_layer_forward
# VARIANT: np.einsum and a list as cache
import numpy as np


def affine_layer_forward(X, W, b):
    y = np.einsum("ni,io->no", X, W) + b.reshape(1, -1)
    cache = [X, W, b]
    return y, cache
