# GRADED FUNCTION: predict
# VARIANT: np.round(A) agrees with A > 0.5 away from exactly 0.5
import numpy as np


def predict(w, b, X):
    return np.round(sigmoid(np.dot(w.T, X) + b))
