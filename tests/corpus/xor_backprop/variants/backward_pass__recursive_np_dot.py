# GRADED FUNCTION: backward_pass
# VARIANT: np.dot, dA carried between layers, insert(0, ...) instead of reversing

def backward_pass(activations, y, params):
    L = len(params)
    aL = activations[L]
    dA = 2 * (aL - y) / y.size
    grads = []
    for l in range(L, 0, -1):
        a = activations[l]
        dZ = dA * a * (1 - a)
        dW = np.dot(activations[l - 1].T, dZ)
        db = dZ.sum(axis=0).reshape(1, -1)
        grads.insert(0, (dW, db))
        dA = np.dot(dZ, params[l - 1][0].T)
    return grads
