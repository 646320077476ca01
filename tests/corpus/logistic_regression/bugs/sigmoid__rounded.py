# GRADED FUNCTION: sigmoid
# BUG: rounds the probability to 0/1
import numpy as np


def sigmoid(z):
    return np.round(1 / (1 + np.exp(-z)))
