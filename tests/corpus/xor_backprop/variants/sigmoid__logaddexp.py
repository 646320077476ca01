# GRADED FUNCTION: sigmoid
# VARIANT: exp(-log(1 + exp(-x))) via logaddexp: stable and equal

def sigmoid(x):
    return np.exp(-np.logaddexp(0, -x))
