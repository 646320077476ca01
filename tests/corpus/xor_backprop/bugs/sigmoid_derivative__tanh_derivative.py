# GRADED FUNCTION: sigmoid_derivative
# BUG: 1 - a**2 is the tanh derivative

def sigmoid_derivative(a):
    return 1 - a ** 2
