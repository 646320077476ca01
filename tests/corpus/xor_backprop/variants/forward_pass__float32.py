# GRADED FUNCTION: forward_pass
# VARIANT: computed in float32: within tolerance

def forward_pass(X, params):
    activations = [X]
    a = X.astype(np.float32)
    for W, b in params:
        a = 1 / (1 + np.exp(-(a @ W.astype(np.float32) + b.astype(np.float32))))
        activations.append(a)
    return activations
