# GRADED FUNCTION: propagate
# VARIANT: @ and np.mean instead of np.dot and sum / m
import numpy as np


def propagate(w, b, X, Y):
    A = sigmoid(w.T @ X + b)
    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = X @ (A - Y).T / X.shape[1]
    db = np.mean(A - Y)
    return {"dw": dw, "db": db}, cost
