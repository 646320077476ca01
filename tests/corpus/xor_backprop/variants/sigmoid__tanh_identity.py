# GRADED FUNCTION: sigmoid
# VARIANT: 0.5 (1 + tanh(x/2)) is the same function

def sigmoid(x):
    return 0.5 * (1 + np.tanh(x / 2))
