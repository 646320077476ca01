# GRADED FUNCTION: propagate
# VARIANT: cost through np.dot gives (1, 1); np.squeeze and float() make it a scalar
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m
    cost = float(np.squeeze(cost))
    dZ = A - Y
    dw = np.dot(X, dZ.T) / m
    db = np.float64(np.squeeze(np.sum(dZ, axis=1, keepdims=True)) / m)
    return {"dw": dw, "db": db}, np.float64(cost)
