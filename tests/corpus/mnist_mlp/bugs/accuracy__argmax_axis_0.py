# GRADED FUNCTION: accuracy
# BUG: argmax over the batch axis
import numpy as np


def accuracy(W1, b1, W2, b2, x, y):
    y_hat = np.argmax(predict(W1, b1, W2, b2, x), axis=0)
    result = np.mean(y_hat == y)
    return result
