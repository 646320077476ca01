# GRADED FUNCTION: TwoLayerNet
# BUG: sigmoid_prime(o) in the output delta only (the notebook's mistake 1: double sigmoid)

class TwoLayerNet:
    def __init__(self, input_size=2, hidden_size=3, output_size=1, seed=None, learning_rate=1.0):
        if seed is not None:
            np.random.seed(seed)
        self.w1 = np.random.randn(input_size, hidden_size)
        self.b1 = np.zeros((1, hidden_size))
        self.w2 = np.random.randn(hidden_size, output_size)
        self.b2 = np.zeros((1, output_size))
        self.learning_rate = learning_rate

    def sigmoid(self, s):
        return 1 / (1 + np.exp(-s))

    def sigmoid_prime(self, z):
        s = self.sigmoid(z)
        return s * (1 - s)

    def feed_forward(self, X):
        self.hidden_sum = X @ self.w1 + self.b1
        self.activated_hidden = self.sigmoid(self.hidden_sum)
        self.output_sum = self.activated_hidden @ self.w2 + self.b2
        self.activated_output = self.sigmoid(self.output_sum)
        return self.activated_output

    def backward(self, X, y, o, learning_rate=None):
        step = self.learning_rate if learning_rate is None else learning_rate
        o_delta = 2 * (o - y) / y.size * self.sigmoid_prime(o)
        hidden_delta = (o_delta @ self.w2.T) * self.sigmoid_prime(self.hidden_sum)
        dw2 = self.activated_hidden.T @ o_delta
        db2 = np.sum(o_delta, axis=0, keepdims=True)
        dw1 = X.T @ hidden_delta
        db1 = np.sum(hidden_delta, axis=0, keepdims=True)
        self.w1 = self.w1 - step * dw1
        self.b1 = self.b1 - step * db1
        self.w2 = self.w2 - step * dw2
        self.b2 = self.b2 - step * db2

    def train(self, X, y, learning_rate=None):
        o = self.feed_forward(X)
        self.backward(X, y, o, learning_rate)
