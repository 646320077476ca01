# GRADED FUNCTION: sigmoid
# BUG: 1 / 1 + exp(-x): operator precedence

def sigmoid(x):
    return 1 / 1 + np.exp(-x)
