# GRADED FUNCTION: predict
# BUG: `Y_prediction[0, i] == 1` in the loop compares instead of assigning: always 0
import numpy as np


def predict(w, b, X):
    m = X.shape[1]
    Y_prediction = np.zeros((1, m))
    A = sigmoid(np.dot(w.T, X) + b)
    for i in range(m):
        if A[0, i] > 0.5:
            Y_prediction[0, i] == 1
    return Y_prediction
