# GRADED FUNCTION: accuracy
# BUG: compares the predicted labels with a one-hot matrix
import numpy as np


def accuracy(W1, b1, W2, b2, x, y):
    y_hat = np.argmax(predict(W1, b1, W2, b2, x), axis=1)
    t = _change_one_hot_label(y, 10)
    result = np.mean(y_hat[:, None] == t)
    return result
