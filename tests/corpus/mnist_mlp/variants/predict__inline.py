# GRADED FUNCTION: predict
# VARIANT: written out with @ and np.maximum
import numpy as np


def predict(W1, b1, W2, b2, X):
    h = np.maximum(0, X @ W1 + b1)
    logits = h @ W2 + b2
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    y = e / e.sum(axis=1, keepdims=True)
    return y
