# GRADED FUNCTION: backward_pass
# BUG: the output delta is right, the hidden deltas apply sigmoid to the activations again

def backward_pass(activations, y, params):
    def double(a):
        s = sigmoid(a)
        return s * (1 - s)
    output = activations[-1]
    delta = 2 * (output - y) / y.size * sigmoid_derivative(output)
    grads = []
    for layer in range(len(params) - 1, -1, -1):
        a_prev = activations[layer]
        grads.append((a_prev.T @ delta, np.sum(delta, axis=0, keepdims=True)))
        if layer > 0:
            delta = (delta @ params[layer][0].T) * double(a_prev)
    return grads[::-1]
