# GRADED FUNCTION: sigmoid
# BUG: exp(x) instead of exp(-x): returns sigmoid(-x)

def sigmoid(x):
    return 1 / (1 + np.exp(x))
