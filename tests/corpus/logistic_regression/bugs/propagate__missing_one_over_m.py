# GRADED FUNCTION: propagate
# BUG: cost and gradients summed, not averaged (no 1/m)
import numpy as np


def propagate(w, b, X, Y):
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = np.dot(X, (A - Y).T)
    db = np.sum(A - Y)
    grads = {"dw": dw, "db": db}
    return grads, cost
