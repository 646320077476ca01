# GRADED FUNCTION: predict
# BUG: returns the probabilities A instead of 0/1
import numpy as np


def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    return A
