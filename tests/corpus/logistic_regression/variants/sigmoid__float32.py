# GRADED FUNCTION: sigmoid
# VARIANT: computes in float32: relative error ~1e-7
import numpy as np


def sigmoid(z):
    z32 = np.asarray(z, dtype=np.float32)
    return 1 / (1 + np.exp(-z32))
