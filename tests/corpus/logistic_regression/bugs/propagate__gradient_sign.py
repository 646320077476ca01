# GRADED FUNCTION: propagate
# BUG: gradients of the wrong sign: Y - A instead of A - Y
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = np.dot(X, (Y - A).T) / m
    db = np.sum(Y - A) / m
    grads = {"dw": dw, "db": db}
    return grads, cost
