# GRADED FUNCTION: sigmoid_derivative
# BUG: a * (1 - a)**2

def sigmoid_derivative(a):
    return a * (1 - a) ** 2
