# GRADED FUNCTION: sigmoid
# BUG: exp(z) instead of exp(-z): computes sigmoid(-z)
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(z))
