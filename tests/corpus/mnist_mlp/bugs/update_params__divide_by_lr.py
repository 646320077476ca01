# GRADED FUNCTION: update_params
# BUG: divides by the learning rate
import numpy as np


def update_params(W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate):
    W1 = W1 - dW1 / learning_rate
    b1 = b1 - db1 / learning_rate
    W2 = W2 - dW2 / learning_rate
    b2 = b2 - db2 / learning_rate
    return W1, b1, W2, b2
