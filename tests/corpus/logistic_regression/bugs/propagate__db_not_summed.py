# GRADED FUNCTION: propagate
# BUG: db = (A - Y) / m is a (1, m) array, not a scalar
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = np.dot(X, (A - Y).T) / m
    db = (A - Y) / m
    grads = {"dw": dw, "db": db}
    return grads, cost
