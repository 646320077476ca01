"""The synthetic CIFAR-10 batches read with the real loader."""

from __future__ import annotations

import numpy as np
import pytest

from nnkit.datasets import cat_vs_rest, load_cifar10
from nnkit.datasets.fake_cifar import write_fake_cifar10


def test_fake_cifar10_reads_with_the_real_loader(tmp_path, monkeypatch) -> None:
    write_fake_cifar10(tmp_path, n_per_batch=20, seed=3)
    monkeypatch.setenv("NNKIT_DATA", str(tmp_path))
    monkeypatch.setenv("NNKIT_OFFLINE", "1")
    (x_train, y_train), (x_test, y_test) = load_cifar10()
    assert x_train.shape == (100, 32, 32, 3) and x_train.dtype == np.uint8
    assert y_train.shape == (100, 1) and x_test.shape == (20, 32, 32, 3)
    X, Y = cat_vs_rest(x_train, y_train)
    assert X.shape == (3072, 100) and Y.shape == (1, 100)
    assert Y.mean() == pytest.approx(0.1)


def test_fake_cifar10_is_the_same_for_the_same_seed(tmp_path) -> None:
    first = (write_fake_cifar10(tmp_path / "a", n_per_batch=10, seed=1) / "test_batch").read_bytes()
    again = (write_fake_cifar10(tmp_path / "b", n_per_batch=10, seed=1) / "test_batch").read_bytes()
    other = (write_fake_cifar10(tmp_path / "c", n_per_batch=10, seed=2) / "test_batch").read_bytes()
    assert first == again != other
