# GRADED FUNCTION: backward_pass
# BUG: returns the gradients output layer first

def backward_pass(activations, y, params):
    output = activations[-1]
    delta = 2 * (output - y) / y.size * sigmoid_derivative(output)
    grads = []
    for layer in range(len(params) - 1, -1, -1):
        a_prev = activations[layer]
        grads.append((a_prev.T @ delta, np.sum(delta, axis=0, keepdims=True)))
        if layer > 0:
            delta = (delta @ params[layer][0].T) * sigmoid_derivative(a_prev)
    return grads
