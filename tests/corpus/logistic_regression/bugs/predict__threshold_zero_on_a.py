# GRADED FUNCTION: predict
# BUG: A > 0 is always true: predicts 1 everywhere
import numpy as np


def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    return (A > 0).astype(int)
