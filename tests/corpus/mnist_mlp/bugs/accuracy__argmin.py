# GRADED FUNCTION: accuracy
# BUG: np.argmin instead of np.argmax
import numpy as np


def accuracy(W1, b1, W2, b2, x, y):
    y_hat = np.argmin(predict(W1, b1, W2, b2, x), axis=1)
    result = np.mean(y_hat == y)
    return result
