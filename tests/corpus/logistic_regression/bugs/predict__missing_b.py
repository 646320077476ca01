# GRADED FUNCTION: predict
# BUG: b left out of the activation: A = sigmoid(w^T X)
import numpy as np


def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X))
    return (A > 0.5).astype(int)
