# GRADED FUNCTION: predict
# BUG: 1 where A <= 0.5: classes swapped
import numpy as np


def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    return (A <= 0.5).astype(int)
