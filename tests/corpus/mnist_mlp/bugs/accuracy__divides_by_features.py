# GRADED FUNCTION: accuracy
# BUG: divides by x.shape[1] (features) instead of x.shape[0]
import numpy as np


def accuracy(W1, b1, W2, b2, x, y):
    y_hat = np.argmax(predict(W1, b1, W2, b2, x), axis=1)
    result = np.sum(y_hat == y) / float(x.shape[1])
    return result
