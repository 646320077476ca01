# GRADED FUNCTION: sigmoid_derivative
# BUG: applies sigmoid to the activation again (double sigmoid)

def sigmoid_derivative(a):
    s = 1 / (1 + np.exp(-a))
    return s * (1 - s)
