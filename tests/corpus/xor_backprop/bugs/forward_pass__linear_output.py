# GRADED FUNCTION: forward_pass
# BUG: no sigmoid on the output layer

def forward_pass(X, params):
    activations = [X]
    for i, (W, b) in enumerate(params):
        z = activations[-1] @ W + b
        activations.append(z if i == len(params) - 1 else sigmoid(z))
    return activations
