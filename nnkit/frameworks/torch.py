"""PyTorch twins: source 000's ``SimpleNN`` on the moons, and source 004's 784-50-10 MNIST MLP.

Importing this module imports torch (about 2 s); ``nnkit`` and ``nnkit.frameworks`` do not.
Inputs may be NumPy arrays or tensors; everything runs on the CPU in float32.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import torch
from torch import nn

from nnkit.frameworks.numpy_mlp import DEFAULT_LEARNING_RATES

__all__ = [
    "MLP",
    "SimpleNN",
    "accuracy",
    "evaluate_mlp",
    "predict_mlp",
    "single_thread",
    "train_mlp",
    "train_simple_nn",
]


def _tensor(values: np.ndarray | torch.Tensor, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    return torch.as_tensor(np.asarray(values) if not torch.is_tensor(values) else values,
                           dtype=dtype)


@contextmanager
def single_thread() -> Iterator[None]:
    """Run torch on one intra-op thread inside the block, then restore the previous count.

    For tiny networks extra threads only add synchronisation, and on a busy machine they spin:
    the moons training took 1.6 s on one thread and 20-25 s on two on a loaded 2-core machine.
    """
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


# --------------------------------------------------------------------------- moons (source 000)


class SimpleNN(nn.Module):
    """Linear -> tanh -> Linear -> sigmoid, the planar network of source 000 in PyTorch.

    Args:
        input_size: features per example (2 for the moons).
        hidden_size: hidden units.
        output_size: outputs (1 for a binary label).
    """

    def __init__(self, input_size: int, hidden_size: int, output_size: int) -> None:
        super().__init__()
        self.hidden = nn.Linear(input_size, hidden_size)
        self.output = nn.Linear(hidden_size, output_size)
        self.activation = nn.Tanh()
        self.sigmoid = nn.Sigmoid()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Args: x (m, input_size). Returns: probabilities (m, output_size)."""
        return self.sigmoid(self.output(self.activation(self.hidden(x))))


def train_simple_nn(
    X_train: np.ndarray | torch.Tensor,
    y_train: np.ndarray | torch.Tensor,
    hidden_size: int = 4,
    epochs: int = 2000,
    lr: float = 0.05,
    seed: int = 0,
) -> tuple[SimpleNN, list[float]]:
    """Full-batch training of ``SimpleNN`` with binary cross-entropy and Adam.

    Source 000 used SGD with lr 0.01 for 100,000 epochs (24 s, 0.970 test). Adam with lr 0.05
    for 2,000 epochs takes about 0.8-0.9 s on an idle 2-core machine and reached 0.975-0.99
    test accuracy on the default ``load_moons()`` split for each of the torch seeds 0-9
    (0.98 at seed 0). Training runs in :func:`single_thread` (see there why).

    Args:
        X_train: features, shape (m, n_features), row layout.
        y_train: labels 0/1, shape (m,) or (m, 1).
        hidden_size: hidden units.
        epochs: full-batch steps.
        lr: Adam learning rate.
        seed: ``torch.manual_seed`` for the initial weights.

    Returns:
        The trained model and the training loss of every epoch (``epochs`` floats).
    """
    torch.manual_seed(seed)
    X = _tensor(X_train)
    y = _tensor(y_train).reshape(-1, 1)
    model = SimpleNN(X.shape[1], hidden_size, 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.BCELoss()
    losses = []
    with single_thread():
        for _ in range(epochs):
            optimizer.zero_grad()
            loss = loss_fn(model(X), y)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return model, losses


def accuracy(model: nn.Module, X: np.ndarray | torch.Tensor, y: np.ndarray | torch.Tensor) -> float:
    """Share of examples where ``model(X) > 0.5`` equals the 0/1 label.

    Source 000 wrote ``(predicted == Y_test).mean()``, which fails on a bool tensor; the
    comparison is converted with ``.float()`` first.

    Args:
        model: maps (m, n_features) to probabilities (m, 1).
        X: features, shape (m, n_features).
        y: labels 0/1, shape (m,) or (m, 1).

    Returns:
        Accuracy in [0, 1] as a Python float.
    """
    with torch.no_grad():
        predicted = (model(_tensor(X)) > 0.5).float()
    return (predicted == _tensor(y).reshape(-1, 1)).float().mean().item()


# --------------------------------------------------------------------------- MNIST (source 004)

ACTIVATIONS = {"sigmoid": nn.Sigmoid, "relu": nn.ReLU}


class MLP(nn.Module):
    """784-50-10 network: Linear -> sigmoid or ReLU -> Linear (logits; softmax is in the loss).

    Args:
        input_size: pixels per image (784).
        hidden_size: hidden units (50 in source 004).
        output_size: classes (10).
        activation: "sigmoid" (source 004) or "relu".
    """

    def __init__(self, input_size: int = 784, hidden_size: int = 50, output_size: int = 10,
                 activation: str = "sigmoid") -> None:
        super().__init__()
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
        self.layers = nn.Sequential(
            nn.Linear(input_size, hidden_size),
            ACTIVATIONS[activation](),
            nn.Linear(hidden_size, output_size),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Args: x (m, input_size). Returns: logits (m, output_size)."""
        return self.layers(x)


def _as_features(x: np.ndarray | torch.Tensor) -> torch.Tensor:
    """(m, 784) float32 in [0, 1] from uint8 images (m, 28, 28) or already-scaled features."""
    if not torch.is_tensor(x):
        x = np.asarray(x)
        x = x.reshape(len(x), -1)
        x = x / np.float32(255) if x.dtype == np.uint8 else x
    return _tensor(x).reshape(len(x), -1)


def train_mlp(
    x_train: np.ndarray | torch.Tensor,
    y_train: np.ndarray | torch.Tensor,
    epochs: int = 10,
    batch_size: int = 32,
    optimizer: str = "adam",
    lr: float | None = None,
    seed: int = 0,
    hidden_size: int = 50,
    activation: str = "sigmoid",
    output_size: int = 10,
) -> MLP:
    """Mini-batch training of :class:`MLP` with softmax cross-entropy.

    Batches are slices of a fresh permutation each epoch (no DataLoader: its per-batch
    overhead would dominate at this size). Uses torch's current thread count; wrap the call in
    :func:`single_thread` on a busy machine (``bench/`` pins threads for every framework).

    Args:
        x_train: uint8 images (m, 28, 28) or float features (m, 784) in [0, 1].
        y_train: integer labels 0..9, shape (m,).
        epochs: passes over the data.
        batch_size: examples per step.
        optimizer: "adam" (default lr 0.001) or "sgd" (default lr 0.1).
        lr: learning rate; None for the default above.
        seed: ``torch.manual_seed`` for the weights and the shuffling.
        hidden_size: hidden units.
        activation: "sigmoid" or "relu".
        output_size: classes.

    Returns:
        The trained model (in eval mode).
    """
    torch.manual_seed(seed)
    x = _as_features(x_train)
    y = _tensor(y_train, torch.int64).reshape(-1)
    model = MLP(x.shape[1], hidden_size, output_size, activation)
    opt = _optimizer(model, optimizer, lr)
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(epochs):
        order = torch.randperm(len(x))
        for start in range(0, len(x), batch_size):
            batch = order[start:start + batch_size]
            opt.zero_grad()
            loss_fn(model(x[batch]), y[batch]).backward()
            opt.step()
    return model.eval()


# Each optimizer with its default learning rate (the NumPy twin's).
OPTIMIZERS: dict[str, tuple[type[torch.optim.Optimizer], float]] = {
    "adam": (torch.optim.Adam, DEFAULT_LEARNING_RATES["adam"]),
    "sgd": (torch.optim.SGD, DEFAULT_LEARNING_RATES["sgd"]),
}


def _optimizer(model: nn.Module, name: str, lr: float | None) -> torch.optim.Optimizer:
    if name not in OPTIMIZERS:
        raise ValueError(f'optimizer must be "adam" or "sgd", got {name!r}')
    kind, default_lr = OPTIMIZERS[name]
    return kind(model.parameters(), lr=default_lr if lr is None else lr)


def predict_mlp(model: nn.Module, x: np.ndarray | torch.Tensor) -> np.ndarray:
    """Predicted classes.

    Args:
        model: a trained :class:`MLP`.
        x: uint8 images (m, 28, 28) or features (m, 784).

    Returns:
        int64 array (m,).
    """
    with torch.no_grad():
        return model(_as_features(x)).argmax(dim=1).numpy()


def evaluate_mlp(model: nn.Module, x: np.ndarray | torch.Tensor, y: np.ndarray) -> float:
    """Test accuracy.

    Args:
        model: a trained :class:`MLP`.
        x: uint8 images (m, 28, 28) or features (m, 784).
        y: labels (m,).

    Returns:
        Accuracy in [0, 1].
    """
    return float((predict_mlp(model, x) == np.asarray(y).reshape(-1)).mean())
