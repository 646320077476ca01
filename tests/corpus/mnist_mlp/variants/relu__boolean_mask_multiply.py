# GRADED FUNCTION: relu
# VARIANT: x * (x > 0)
import numpy as np


def relu(x):
    result = x * (x > 0)
    return result
