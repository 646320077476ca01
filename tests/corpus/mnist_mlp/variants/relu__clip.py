# GRADED FUNCTION: relu
# VARIANT: np.clip with no upper bound
import numpy as np


def relu(x):
    result = np.clip(x, 0, None)
    return result
