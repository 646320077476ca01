# GRADED FUNCTION: accuracy
# BUG: compares probabilities with labels
import numpy as np


def accuracy(W1, b1, W2, b2, x, y):
    y_hat = predict(W1, b1, W2, b2, x)
    result = np.sum(y_hat == y[:, None]) / float(x.shape[0])
    return result
