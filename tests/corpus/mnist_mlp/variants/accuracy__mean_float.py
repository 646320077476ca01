# GRADED FUNCTION: accuracy
# VARIANT: float(np.mean(...))
import numpy as np


def accuracy(W1, b1, W2, b2, x, y):
    result = float(np.mean(predict(W1, b1, W2, b2, x).argmax(axis=1) == y))
    return result
