# GRADED FUNCTION: train_xor
# BUG: hard-coded learning rate 0.1 (source 001's)

def train_xor(X, y, layer_sizes, learning_rate=2.0, epochs=10000, seed=42):
    params = init_network(layer_sizes, seed)
    losses = []
    for _ in range(epochs):
        activations = forward_pass(X, params)
        losses.append(mse_loss(y, activations[-1]))
        grads = backward_pass(activations, y, params)
        params = [(W - 0.1 * dW, b - 0.1 * db)
                  for (W, b), (dW, db) in zip(params, grads)]
    return params, losses
