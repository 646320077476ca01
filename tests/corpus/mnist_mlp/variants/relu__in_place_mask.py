# GRADED FUNCTION: relu
# VARIANT: sets negatives to 0 in place, Saitoh style
import numpy as np


def relu(x):
    mask = (x <= 0)
    out = x.copy()
    out[mask] = 0
    result = out
    return result
