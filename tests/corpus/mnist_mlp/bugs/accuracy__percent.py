# GRADED FUNCTION: accuracy
# BUG: returns a percentage
import numpy as np


def accuracy(W1, b1, W2, b2, x, y):
    y_hat = np.argmax(predict(W1, b1, W2, b2, x), axis=1)
    result = 100.0 * np.mean(y_hat == y)
    return result
