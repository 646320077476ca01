# GRADED FUNCTION: sigmoid
# BUG: tanh instead of the logistic function

def sigmoid(x):
    return np.tanh(x)
