# GRADED FUNCTION: propagate
# VARIANT: explicit Python loops over examples and features
import numpy as np


def propagate(w, b, X, Y):
    n, m = X.shape
    dw = np.zeros((n, 1))
    db = 0.0
    cost = 0.0
    for i in range(m):
        z = b
        for j in range(n):
            z += w[j, 0] * X[j, i]
        a = 1 / (1 + np.exp(-z))
        y = Y[0, i]
        cost += -(y * np.log(a) + (1 - y) * np.log(1 - a))
        for j in range(n):
            dw[j, 0] += X[j, i] * (a - y)
        db += a - y
    return {"dw": dw / m, "db": db / m}, cost / m
