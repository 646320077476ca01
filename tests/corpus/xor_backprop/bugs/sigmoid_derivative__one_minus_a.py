# GRADED FUNCTION: sigmoid_derivative
# BUG: only (1 - a)

def sigmoid_derivative(a):
    return 1 - a
