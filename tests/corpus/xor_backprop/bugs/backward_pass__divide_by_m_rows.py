# GRADED FUNCTION: backward_pass
# BUG: 2 (a - y) / m with m = rows: wrong when there are several outputs

def backward_pass(activations, y, params):
    output = activations[-1]
    m = y.shape[0]
    delta = 2 * (output - y) / m * sigmoid_derivative(output)
    grads = []
    for layer in range(len(params) - 1, -1, -1):
        a_prev = activations[layer]
        grads.append((a_prev.T @ delta, np.sum(delta, axis=0, keepdims=True)))
        if layer > 0:
            delta = (delta @ params[layer][0].T) * sigmoid_derivative(a_prev)
    return grads[::-1]
