# GRADED FUNCTION: sigmoid
# BUG: floor division // gives only 0 or 1
import numpy as np


def sigmoid(z):
    return 1 // (1 + np.exp(-z))
