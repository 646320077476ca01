# GRADED FUNCTION: sigmoid
# BUG: e^(-z) / (1 + e^(-z)) is 1 - sigmoid(z) = sigmoid(-z), not sigmoid(z)
import numpy as np


def sigmoid(z):
    e = np.exp(-z)
    return e / (1 + e)
