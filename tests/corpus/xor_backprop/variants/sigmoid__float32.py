# GRADED FUNCTION: sigmoid
# VARIANT: computed in float32: within tolerance

def sigmoid(x):
    x32 = np.asarray(x, dtype=np.float32)
    return 1 / (1 + np.exp(-x32))
