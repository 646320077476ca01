# GRADED FUNCTION: propagate
# BUG: computes A as (m, 1) with X.T @ w: A - Y broadcasts to (m, m)
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(X.T, w) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = np.dot(X, A - Y.T) / m
    db = np.sum(A - Y.T) / m
    grads = {"dw": dw, "db": db}
    return grads, cost
