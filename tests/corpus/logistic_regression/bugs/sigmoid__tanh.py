# GRADED FUNCTION: sigmoid
# BUG: tanh instead of the logistic function (range (-1, 1))
import numpy as np


def sigmoid(z):
    return np.tanh(z)
