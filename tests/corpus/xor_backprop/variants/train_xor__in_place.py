# GRADED FUNCTION: train_xor
# VARIANT: in-place updates on copies, while loop

def train_xor(X, y, layer_sizes, learning_rate=2.0, epochs=10000, seed=42):
    params = [[W.copy(), b.copy()] for W, b in init_network(layer_sizes, seed)]
    losses = []
    epoch = 0
    while epoch < epochs:
        activations = forward_pass(X, params)
        losses.append(float(np.mean((y - activations[-1]) ** 2)))
        grads = backward_pass(activations, y, params)
        for layer, (dW, db) in zip(params, grads):
            layer[0] -= learning_rate * dW
            layer[1] -= learning_rate * db
        epoch += 1
    return params, losses
