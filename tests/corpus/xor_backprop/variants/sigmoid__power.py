# GRADED FUNCTION: sigmoid
# VARIANT: (1 + e^-x)^-1

def sigmoid(x):
    return np.power(1.0 + np.exp(-x), -1)
