# GRADED FUNCTION: predict
# BUG: forgets the output bias
import numpy as np


def predict(W1, b1, W2, b2, X):
    a1, _ = affine_layer_forward(X, W1, b1)
    y = softmax(np.dot(relu(a1), W2))
    return y
