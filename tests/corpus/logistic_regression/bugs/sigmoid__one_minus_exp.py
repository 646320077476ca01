# GRADED FUNCTION: sigmoid
# BUG: 1 / (1 - e^-z): minus instead of plus in the denominator
import numpy as np


def sigmoid(z):
    return 1 / (1 - np.exp(-z))
