# GRADED FUNCTION: train_step
# BUG: source 004's bug: returns the undefined name Lossb
import numpy as np


def train_step(X, Y, W1, b1, W2, b2, learning_rate=0.1, verbose=False):
    a1, cache1 = affine_layer_forward(X, W1, b1)
    z1 = relu(a1)
    a2, cache2 = affine_layer_forward(z1, W2, b2)
    y_hat = softmax(a2)
    t = _change_one_hot_label(Y, W2.shape[1])
    Loss = cross_entropy_error(y_hat, t)
    dy = (y_hat - t) / X.shape[0]
    dz1, dW2, db2 = affine_layer_backward(dy, cache2)
    da1 = relu_grad(a1) * dz1
    dX, dW1, db1 = affine_layer_backward(da1, cache1)
    W1, b1, W2, b2 = update_params(W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate)
    return W1, b1, W2, b2, Lossb
