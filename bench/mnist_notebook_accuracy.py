"""Measure the mnist_mlp notebook's training settings on real MNIST.

Runs the same loop as ``solutions/mnist_mlp.ipynb`` (ReLU hidden layer, softmax output,
mini-batch SGD, one shuffled pass over the training set per epoch), with the reference
answers standing in for the student's functions.

Usage::

    python bench/mnist_notebook_accuracy.py [MNIST_DIR] [--epochs N] [--hidden H] [--lr LR]

``MNIST_DIR`` defaults to ``$NNKIT_MNIST_PATH`` (the notebook's variable), then
``/work/shared/data/mnist``.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
from threadpoolctl import threadpool_limits

from nnkit.datasets import load_mnist
from nnkit.reference import mnist_mlp as ref

# The notebook's defaults on real MNIST (keep in sync with solutions/mnist_mlp.ipynb).
HIDDEN_SIZE = 100
LEARNING_RATE = 0.1
BATCH_SIZE = 100
EPOCHS = 15  # 0.9728 on real MNIST (seed 0, one BLAS thread)
WEIGHT_INIT_STD = 0.01
SEED = 0


def train(x_train, y_train, x_test, y_test, epochs, hidden, lr, batch, seed=SEED):
    """The notebook's loop; returns per-epoch (train_acc, test_acc) and the loss list."""
    np.random.seed(seed)
    W1, b1, W2, b2 = ref.init_params(784, hidden, 10, WEIGHT_INIT_STD)
    losses, history = [], []
    n = x_train.shape[0]
    for epoch in range(epochs):
        order = np.random.permutation(n)
        for start in range(0, n, batch):
            idx = order[start:start + batch]
            W1, b1, W2, b2, loss = ref.train_step(x_train[idx], y_train[idx], W1, b1, W2, b2,
                                                  learning_rate=lr)
            losses.append(loss)
        train_acc = ref.accuracy(W1, b1, W2, b2, x_train, y_train)
        test_acc = ref.accuracy(W1, b1, W2, b2, x_test, y_test)
        history.append((train_acc, test_acc))
        print(f"epoch {epoch + 1:2d}: loss {losses[-1]:.4f}  train {train_acc:.4f}  "
              f"test {test_acc:.4f}", flush=True)
    return history, losses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?",
                        default=os.environ.get("NNKIT_MNIST_PATH", "/work/shared/data/mnist"))
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--hidden", type=int, default=HIDDEN_SIZE)
    parser.add_argument("--lr", type=float, default=LEARNING_RATE)
    parser.add_argument("--batch", type=int, default=BATCH_SIZE)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    (x_train, y_train), (x_test, y_test) = load_mnist(args.path)
    x_train = x_train.reshape(-1, 784) / 255.0
    x_test = x_test.reshape(-1, 784) / 255.0
    y_train, y_test = y_train.astype(np.int64), y_test.astype(np.int64)
    started = time.perf_counter()
    with threadpool_limits(limits=1, user_api="blas"):  # as in the notebook: 10x faster here
        history, _ = train(x_train, y_train, x_test, y_test, args.epochs, args.hidden, args.lr,
                           args.batch, args.seed)
    elapsed = time.perf_counter() - started
    print(f"784-{args.hidden}-10 ReLU, SGD lr {args.lr}, batch {args.batch}, "
          f"{args.epochs} epochs, seed {args.seed}: test accuracy {history[-1][1]:.4f} "
          f"in {elapsed:.1f} s")


if __name__ == "__main__":
    main()
