# GRADED FUNCTION: forward_pass
# BUG: returns [a1, ..., aL] without X

def forward_pass(X, params):
    activations = []
    a = X
    for W, b in params:
        a = sigmoid(a @ W + b)
        activations.append(a)
    return activations
