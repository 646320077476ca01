# GRADED FUNCTION: train_step
# VARIANT: everything written out with @ and in-place updates on copies
import numpy as np


def train_step(X, Y, W1, b1, W2, b2, learning_rate=0.1, verbose=False):
    a1 = X @ W1 + b1
    z1 = np.maximum(a1, 0)
    a2 = z1 @ W2 + b2
    e = np.exp(a2 - a2.max(axis=1, keepdims=True))
    y_hat = e / e.sum(axis=1, keepdims=True)
    t = np.eye(W2.shape[1])[Y]
    Loss = -np.sum(np.log(y_hat[np.arange(len(Y)), Y] + 1e-7)) / len(Y)
    dy = (y_hat - t) / len(Y)
    dW2 = z1.T @ dy
    db2 = dy.sum(axis=0)
    da1 = (dy @ W2.T) * (a1 > 0)
    dW1 = X.T @ da1
    db1 = da1.sum(axis=0)
    W1, b1, W2, b2 = W1.copy(), b1.copy(), W2.copy(), b2.copy()
    W1 -= learning_rate * dW1
    b1 -= learning_rate * db1
    W2 -= learning_rate * dW2
    b2 -= learning_rate * db2
    return W1, b1, W2, b2, Loss
