# GRADED FUNCTION: TwoLayerNet
# VARIANT: source 003's names and error sign (o_error = y - o, +=), with the fixes: correct derivatives, 2/N, biases

class TwoLayerNet:
    def __init__(self, input_size=2, hidden_size=3, output_size=1, seed=None, learning_rate=1.0):
        if seed is not None:
            np.random.seed(seed)
        self.inputs = input_size
        self.hiddenNodes = hidden_size
        self.outputNodes = output_size
        self.w1 = np.random.randn(self.inputs, self.hiddenNodes)
        self.w2 = np.random.randn(self.hiddenNodes, self.outputNodes)
        self.b1 = np.zeros((1, self.hiddenNodes))
        self.b2 = np.zeros((1, self.outputNodes))
        self.learning_rate = learning_rate

    def sigmoid(self, s):
        return np.exp(-np.logaddexp(0, -s))

    def sigmoid_prime(self, s):
        sx = self.sigmoid(s)
        return sx * (1 - sx)

    def feed_forward(self, X):
        self.hidden_sum = np.dot(X, self.w1) + self.b1
        self.activated_hidden = self.sigmoid(self.hidden_sum)
        self.output_sum = np.dot(self.activated_hidden, self.w2) + self.b2
        self.activated_output = self.sigmoid(self.output_sum)
        return self.activated_output

    def backward(self, X, y, o, learning_rate=None):
        lr = self.learning_rate if learning_rate is None else learning_rate
        self.o_error = (y - o) * 2 / y.size
        self.o_delta = self.o_error * self.sigmoid_prime(self.output_sum)
        self.z2_error = self.o_delta.dot(self.w2.T)
        self.z2_delta = self.z2_error * self.sigmoid_prime(self.hidden_sum)
        self.w1 += lr * X.T.dot(self.z2_delta)
        self.b1 += lr * self.z2_delta.sum(axis=0, keepdims=True)
        self.w2 += lr * self.activated_hidden.T.dot(self.o_delta)
        self.b2 += lr * self.o_delta.sum(axis=0, keepdims=True)

    def train(self, X, y, learning_rate=None):
        o = self.feed_forward(X)
        self.backward(X, y, o, learning_rate)
