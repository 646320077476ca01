# GRADED FUNCTION: update_params
# BUG: ignores the learning rate
import numpy as np


def update_params(W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate):
    W1 = W1 - dW1
    b1 = b1 - db1
    W2 = W2 - dW2
    b2 = b2 - db2
    return W1, b1, W2, b2
