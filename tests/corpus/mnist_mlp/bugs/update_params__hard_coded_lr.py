# GRADED FUNCTION: update_params
# BUG: hard-codes learning_rate = 0.1
import numpy as np


def update_params(W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate):
    W1 = W1 - 0.1 * dW1
    b1 = b1 - 0.1 * db1
    W2 = W2 - 0.1 * dW2
    b2 = b2 - 0.1 * db2
    return W1, b1, W2, b2
