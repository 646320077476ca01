# GRADED FUNCTION: softmax
# VARIANT: computes in float32
import numpy as np


def softmax(x):
    x32 = np.asarray(x, dtype=np.float32)
    e = np.exp(x32 - x32.max(axis=-1, keepdims=True))
    result = e / e.sum(axis=-1, keepdims=True)
    return result
