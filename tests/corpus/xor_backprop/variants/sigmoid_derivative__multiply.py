# GRADED FUNCTION: sigmoid_derivative
# VARIANT: np.multiply with an explicit 1.0

def sigmoid_derivative(a):
    return np.multiply(a, 1.0 - a)
