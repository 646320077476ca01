# GRADED FUNCTION: sigmoid_derivative
# VARIANT: a - a**2 is the same polynomial

def sigmoid_derivative(a):
    return a - a ** 2
