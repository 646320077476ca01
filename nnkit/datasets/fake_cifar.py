"""Synthetic CIFAR-10-format batches, for running the real loader where CIFAR-10 is not installed.

:func:`write_fake_cifar10` writes what :func:`nnkit.datasets.load_cifar10` reads, so that the
logistic-regression notebook (and CI, and the build) can run with ``NNKIT_DATA`` pointing at
them. The images are synthetic: the numbers a notebook prints on them say nothing about real
CIFAR-10.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import numpy as np

_CIFAR_TRAIN_BATCHES = [f"data_batch_{i}" for i in range(1, 6)]


def _fake_images(rng: np.random.Generator, labels: np.ndarray) -> np.ndarray:
    """uint8 rows (n, 3072), channel-first like CIFAR: each class has its own colour and
    gradient; cats (class 3) also carry a bright central blob and share
    the dogs' colour. Noise keeps the task imperfect."""
    n = len(labels)
    yy, xx = np.mgrid[0:32, 0:32] / 31.0
    class_rng = np.random.default_rng(2024)  # the same class look in every folder
    colours = class_rng.uniform(0.25, 0.75, size=(10, 3))
    slopes = class_rng.uniform(-0.25, 0.25, size=(10, 3, 2))
    colours[3], slopes[3] = colours[5], slopes[5]  # cats look like dogs, apart from the blob
    blob = np.exp(-(((xx - 0.5) ** 2 + (yy - 0.45) ** 2) / 0.03))
    images = np.empty((n, 3, 32, 32))
    for i, label in enumerate(labels):
        slope_x, slope_y = slopes[label, :, 0, None, None], slopes[label, :, 1, None, None]
        base = colours[label][:, None, None] + slope_x * (xx - 0.5) + slope_y * (yy - 0.5)
        if label == 3:
            base = base + 0.05 * blob
        shift = rng.normal(0.0, 0.1, size=(3, 1, 1))  # per-image colour cast
        images[i] = base + shift + rng.normal(0.0, 0.12, size=(3, 32, 32))
    return np.clip(np.round(images * 255), 0, 255).astype(np.uint8).reshape(n, 3072)


def write_fake_cifar10(
    folder: str | os.PathLike, n_per_batch: int = 200, seed: int = 0
) -> Path:
    """Write small CIFAR-10-format batches under ``folder/cifar-10-batches-py``.

    The files are what ``nnkit.datasets.load_cifar10`` reads (python pickles of dicts with
    ``b"data"`` uint8 ``(n, 3072)`` and ``b"labels"`` a list of ints 0..9): ``data_batch_1`` ..
    ``data_batch_5`` and ``test_batch``, ``n_per_batch`` images each, classes balanced as in
    CIFAR-10 (10% cats). Point ``NNKIT_DATA`` at ``folder`` to use them::

        from nnkit.datasets.fake_cifar import write_fake_cifar10
        write_fake_cifar10("/tmp/fake")   # then, in a shell:
        NNKIT_DATA=/tmp/fake python -m grader build logistic_regression

    The images are synthetic, not CIFAR-10: the numbers a notebook prints on them say nothing
    about real CIFAR-10.

    Returns:
        The ``cifar-10-batches-py`` directory.
    """
    directory = Path(folder) / "cifar-10-batches-py"
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    for name in [*_CIFAR_TRAIN_BATCHES, "test_batch"]:
        labels = np.resize(np.arange(10), n_per_batch)
        labels = labels[rng.permutation(n_per_batch)]
        batch = {
            b"batch_label": name.encode(),
            b"labels": [int(v) for v in labels],
            b"data": _fake_images(rng, labels),
            b"filenames": [f"fake_{name}_{i}.png".encode() for i in range(n_per_batch)],
        }
        with open(directory / name, "wb") as handle:
            pickle.dump(batch, handle, protocol=2)
    return directory
