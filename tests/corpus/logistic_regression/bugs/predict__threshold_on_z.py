# GRADED FUNCTION: predict
# BUG: thresholds z = w^T X + b at 0.5 instead of A
import numpy as np


def predict(w, b, X):
    Z = np.dot(w.T, X) + b
    return (Z > 0.5).astype(int)
