# GRADED FUNCTION: predict
# BUG: `predictions[A2 > 0.5] == 1` compares instead of assigning: every prediction stays 0

def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = np.zeros((1, X.shape[1]), dtype=int)
    predictions[A2 > 0.5] == 1
    return predictions
