# GRADED FUNCTION: train_step
# VARIANT: gradients collected in a dict, verbose prints kept
import numpy as np


def train_step(X, Y, W1, b1, W2, b2, learning_rate=0.1, verbose=False):
    a1, cache1 = affine_layer_forward(X, W1, b1)
    z1 = relu(a1)
    a2, cache2 = affine_layer_forward(z1, W2, b2)
    y_hat = softmax(a2)
    t = _change_one_hot_label(Y, W2.shape[1])
    Loss = cross_entropy_error(y_hat, t)

    if verbose:
        print('---------')
        print(y_hat)
        print(t)
        print('Loss: ', Loss)
    grads = {}
    dy = (y_hat - t) / X.shape[0]
    dz1, grads["W2"], grads["b2"] = affine_layer_backward(dy, cache2)
    da1 = np.where(a1 > 0, dz1, 0.0)
    _, grads["W1"], grads["b1"] = affine_layer_backward(da1, cache1)
    W1, b1, W2, b2 = update_params(W1, b1, W2, b2, grads["W1"], grads["b1"], grads["W2"], grads["b2"], learning_rate)
    return W1, b1, W2, b2, Loss
