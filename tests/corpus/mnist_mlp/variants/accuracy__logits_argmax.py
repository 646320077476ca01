# GRADED FUNCTION: accuracy
# VARIANT: argmax of the logits (softmax keeps the order)
import numpy as np


def accuracy(W1, b1, W2, b2, x, y):
    h = np.maximum(0, x @ W1 + b1)
    result = np.count_nonzero(np.argmax(h @ W2 + b2, axis=1) == np.asarray(y).ravel()) / len(y)
    return result
