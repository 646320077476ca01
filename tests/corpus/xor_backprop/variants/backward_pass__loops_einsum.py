# GRADED FUNCTION: backward_pass
# VARIANT: per-sample loop with outer products

def backward_pass(activations, y, params):
    m = y.shape[0]
    grads = [[np.zeros_like(W), np.zeros_like(b)] for W, b in params]
    for i in range(m):
        a_out = activations[-1][i]
        delta = 2 * (a_out - y[i]) / y.size * a_out * (1 - a_out)
        for layer in range(len(params) - 1, -1, -1):
            a_prev = activations[layer][i]
            grads[layer][0] += np.outer(a_prev, delta)
            grads[layer][1] += delta.reshape(1, -1)
            if layer > 0:
                delta = (params[layer][0] @ delta) * a_prev * (1 - a_prev)
    return [tuple(g) for g in grads]
