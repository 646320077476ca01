# GRADED FUNCTION: predict
# VARIANT: a bool array is 0/1
import numpy as np


def predict(w, b, X):
    return sigmoid(np.dot(w.T, X) + b) > 0.5
