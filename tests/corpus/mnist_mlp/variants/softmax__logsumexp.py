# GRADED FUNCTION: softmax
# VARIANT: exp(x - logsumexp(x))
import numpy as np


def softmax(x):
    m = np.max(x, axis=-1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(x - m), axis=-1, keepdims=True))
    result = np.exp(x - lse)
    return result
