# GRADED FUNCTION: predict
# BUG: returns shape (m,) instead of (1, m)
import numpy as np


def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    return (A > 0.5).astype(int).ravel()
