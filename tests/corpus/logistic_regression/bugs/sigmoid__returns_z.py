# GRADED FUNCTION: sigmoid
# BUG: returns its input unchanged
import numpy as np


def sigmoid(z):
    s = z
    return s
