# GRADED FUNCTION: propagate
# BUG: db computed with np.dot is a (1, 1) array where the notebook asks for a float: the
# values are right, so only the test that asks for a float fails (optimize and model keep theirs)
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = 1 / m * np.dot(X, (A - Y).T)
    db = 1 / m * np.dot(A - Y, np.ones((m, 1)))
    cost = np.squeeze(np.array(cost))
    grads = {"dw": dw, "db": db}
    return grads, cost
