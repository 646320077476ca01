# GRADED FUNCTION: forward_pass
# BUG: returns only the output activation

def forward_pass(X, params):
    a = X
    for W, b in params:
        a = sigmoid(a @ W + b)
    return a
