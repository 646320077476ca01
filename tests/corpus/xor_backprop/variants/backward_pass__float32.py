# GRADED FUNCTION: backward_pass
# VARIANT: computed in float32: the gradient check still passes

def backward_pass(activations, y, params):
    acts = [a.astype(np.float32) for a in activations]
    out = acts[-1]
    delta = (2.0 * (out - y.astype(np.float32)) / y.size) * out * (1 - out)
    grads = []
    for layer in range(len(params) - 1, -1, -1):
        grads.append((acts[layer].T @ delta, delta.sum(axis=0, keepdims=True)))
        if layer > 0:
            delta = (delta @ params[layer][0].astype(np.float32).T) * acts[layer] * (1 - acts[layer])
    return grads[::-1]
