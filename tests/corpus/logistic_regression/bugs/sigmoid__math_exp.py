# GRADED FUNCTION: sigmoid
# BUG: math.exp works on scalars only: fails on arrays
import math


def sigmoid(z):
    return 1 / (1 + math.exp(-z))
