# GRADED FUNCTION: sigmoid
# BUG: 1 - exp(-x) in the denominator

def sigmoid(x):
    return 1 / (1 - np.exp(-x))
