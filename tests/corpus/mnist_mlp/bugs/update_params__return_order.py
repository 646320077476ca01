# GRADED FUNCTION: update_params
# BUG: returns W1, W2, b1, b2 instead of W1, b1, W2, b2
import numpy as np


def update_params(W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate):
    W1 = W1 - learning_rate * dW1
    b1 = b1 - learning_rate * db1
    W2 = W2 - learning_rate * dW2
    b2 = b2 - learning_rate * db2
    return W1, W2, b1, b2
    return W1, b1, W2, b2
