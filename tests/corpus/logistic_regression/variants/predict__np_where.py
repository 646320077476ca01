# GRADED FUNCTION: predict
# VARIANT: np.where(A > 0.5, 1, 0) gives int 0/1
import numpy as np


def predict(w, b, X):
    A = sigmoid(w.T @ X + b)
    return np.where(A > 0.5, 1, 0)
