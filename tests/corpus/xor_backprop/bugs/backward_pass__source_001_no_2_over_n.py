# GRADED FUNCTION: backward_pass
# BUG: dL/da = a - y (source 001): the 2/N of the mean square is missing

def backward_pass(activations, y, params):
    output = activations[-1]
    delta = (output - y) * sigmoid_derivative(output)
    grads = []
    for layer in range(len(params) - 1, -1, -1):
        a_prev = activations[layer]
        grads.append((a_prev.T @ delta, np.sum(delta, axis=0, keepdims=True)))
        if layer > 0:
            delta = (delta @ params[layer][0].T) * sigmoid_derivative(a_prev)
    return grads[::-1]
