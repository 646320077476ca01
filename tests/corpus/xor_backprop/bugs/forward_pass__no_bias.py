# GRADED FUNCTION: forward_pass
# BUG: forgets the bias

def forward_pass(X, params):
    activations = [X]
    for W, b in params:
        activations.append(sigmoid(activations[-1] @ W))
    return activations
