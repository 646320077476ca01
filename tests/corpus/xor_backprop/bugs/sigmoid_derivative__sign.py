# GRADED FUNCTION: sigmoid_derivative
# BUG: a * (a - 1): wrong sign

def sigmoid_derivative(a):
    return a * (a - 1)
