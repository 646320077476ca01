# GRADED FUNCTION: forward_pass
# BUG: stores z instead of the activation (but propagates sigmoid(z))

def forward_pass(X, params):
    activations = [X]
    a = X
    for W, b in params:
        z = a @ W + b
        a = sigmoid(z)
        activations.append(z)
    return activations
