# GRADED FUNCTION: forward_pass
# BUG: reuses the first layer's bias (crashes or wrong when widths differ)

def forward_pass(X, params):
    activations = [X]
    b1 = params[0][1]
    for W, b in params:
        activations.append(sigmoid(activations[-1] @ W + b1))
    return activations
