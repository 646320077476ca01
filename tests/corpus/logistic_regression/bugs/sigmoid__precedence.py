# GRADED FUNCTION: sigmoid
# BUG: 1 / 1 + np.exp(-z): precedence gives 1 + e^(-z), outside (0, 1)
import numpy as np


def sigmoid(z):
    return 1 / 1 + np.exp(-z)
