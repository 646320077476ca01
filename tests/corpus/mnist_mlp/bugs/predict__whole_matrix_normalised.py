# GRADED FUNCTION: predict
# BUG: normalises exp(a2) over the whole batch
import numpy as np


def predict(W1, b1, W2, b2, X):
    a1, _ = affine_layer_forward(X, W1, b1)
    a2, _ = affine_layer_forward(relu(a1), W2, b2)
    e = np.exp(a2 - np.max(a2))
    y = e / np.sum(e)
    return y
