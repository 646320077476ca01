# GRADED FUNCTION: sigmoid
# BUG: rounds the probabilities to 0/1

def sigmoid(x):
    return np.round(1 / (1 + np.exp(-x)))
