# GRADED FUNCTION: predict
# BUG: returns shape (m, 1) instead of (1, m)
import numpy as np


def predict(w, b, X):
    A = sigmoid(np.dot(X.T, w) + b)
    return (A > 0.5).astype(int)
