"""The reference MLP learns real images: Debian's Fashion-MNIST through ``load_fashion_mnist``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from nnkit import datasets
from nnkit.reference import mnist_mlp as ref

FASHION = Path("/usr/share/datasets/fashion-mnist")


@pytest.mark.slow
@pytest.mark.skipif(not FASHION.is_dir(), reason="Debian's dataset-fashion-mnist is not installed "
                                                 "(apt-get install dataset-fashion-mnist)")
def test_train_step_reaches_85_percent_on_fashion_mnist():
    # 784-100-10 ReLU, SGD 0.1, batch 100, 10 epochs: measured 0.8648 (about 10 s).
    (x_train, y_train), (x_test, y_test) = datasets.load_fashion_mnist()
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    x_train = x_train.reshape(-1, 784).astype(np.float64) / 255.0
    x_test = x_test.reshape(-1, 784).astype(np.float64) / 255.0
    np.random.seed(0)
    W1, b1, W2, b2 = ref.init_params(784, 100, 10)
    losses = []
    with threadpool_limits(limits=1):  # one BLAS thread is faster at batch 100 on 2 cores
        for _epoch in range(10):
            order = np.random.permutation(len(x_train))
            for start in range(0, len(order), 100):
                batch = order[start:start + 100]
                W1, b1, W2, b2, loss = ref.train_step(x_train[batch], y_train[batch],
                                                      W1, b1, W2, b2, learning_rate=0.1)
                losses.append(loss)
        accuracy = ref.accuracy(W1, b1, W2, b2, x_test, y_test)
    assert np.mean(losses[:100]) > np.mean(losses[-100:])
    assert accuracy >= 0.85, f"test accuracy {accuracy:.4f}"
