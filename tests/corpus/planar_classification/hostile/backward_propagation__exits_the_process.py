# GRADED FUNCTION: backward_propagation
# HOSTILE: ends its own process with os._exit before answering

import os


def backward_propagation(parameters, cache, X, Y):
    """역전파 (backpropagation)."""
    os._exit(0)
