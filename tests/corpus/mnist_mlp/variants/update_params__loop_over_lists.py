# GRADED FUNCTION: update_params
# VARIANT: a loop over parameter/gradient pairs
import numpy as np


def update_params(W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate):
    params = [W1, b1, W2, b2]
    grads = [dW1, db1, dW2, db2]
    W1, b1, W2, b2 = [p - learning_rate * g for p, g in zip(params, grads)]
    return W1, b1, W2, b2
