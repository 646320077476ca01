# GRADED FUNCTION: predict
# BUG: returns the logits a2
import numpy as np


def predict(W1, b1, W2, b2, X):
    a1, _ = affine_layer_forward(X, W1, b1)
    y, _ = affine_layer_forward(relu(a1), W2, b2)
    return y
