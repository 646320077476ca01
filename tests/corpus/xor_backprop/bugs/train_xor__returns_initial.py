# GRADED FUNCTION: train_xor
# BUG: returns the initial parameters (update not assigned)

def train_xor(X, y, layer_sizes, learning_rate=2.0, epochs=10000, seed=42):
    params = init_network(layer_sizes, seed)
    losses = []
    current = params
    for _ in range(epochs):
        activations = forward_pass(X, current)
        losses.append(mse_loss(y, activations[-1]))
        grads = backward_pass(activations, y, current)
        current = [(W - learning_rate * dW, b - learning_rate * db)
                   for (W, b), (dW, db) in zip(current, grads)]
    return params, losses
