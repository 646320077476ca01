# GRADED FUNCTION: sigmoid
# VARIANT: e^z / (1 + e^z) is the same function (no overflow at tested sizes)
import numpy as np


def sigmoid(z):
    e = np.exp(z)
    return e / (1 + e)
