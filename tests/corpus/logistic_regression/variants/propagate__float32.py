# GRADED FUNCTION: propagate
# VARIANT: computes in float32: relative error ~1e-7
import numpy as np


def propagate(w, b, X, Y):
    X32 = X.astype(np.float32)
    Y32 = Y.astype(np.float32)
    m = X.shape[1]
    A = sigmoid(np.dot(w.astype(np.float32).T, X32) + np.float32(b))
    cost = -np.sum(Y32 * np.log(A) + (1 - Y32) * np.log(1 - A)) / m
    dw = np.dot(X32, (A - Y32).T) / m
    db = np.sum(A - Y32) / m
    return {"dw": dw, "db": db}, cost
