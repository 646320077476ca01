# GRADED FUNCTION: relu
# BUG: returns the mask x > 0 instead of the values
import numpy as np


def relu(x):
    result = (x > 0).astype(float)
    return result
