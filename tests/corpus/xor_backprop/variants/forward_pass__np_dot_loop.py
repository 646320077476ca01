# GRADED FUNCTION: forward_pass
# VARIANT: np.dot and an index loop

def forward_pass(X, params):
    activations = [X]
    for l in range(len(params)):
        W, b = params[l]
        activations.append(sigmoid(np.dot(activations[l], W) + b))
    return activations
