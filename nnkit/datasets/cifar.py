"""CIFAR-10: the python-pickle batches, the checked tarball, class names and cat-vs-rest."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import numpy as np

from .fetch import (
    DatasetError,
    _cache_dir,
    _cached_download,
    _keras_datasets_dir,
    _nnkit_data_dir,
    _not_found,
)

CIFAR10_CLASSES = [
    "airplane", "automobile", "bird", "cat", "deer",
    "dog", "frog", "horse", "ship", "truck",
]
CAT_CLASS = 3

CIFAR_DIRNAME = "cifar-10-batches-py"
CIFAR_TRAIN_BATCHES = [f"data_batch_{i}" for i in range(1, 6)]
CIFAR_TEST_BATCH = "test_batch"
CIFAR_PIXELS = 3 * 32 * 32


def _read_cifar_batch(file: Path) -> tuple[np.ndarray, np.ndarray]:
    """One CIFAR-10 python batch: images (n, 32, 32, 3) uint8 and labels (n, 1) uint8."""
    try:
        with open(file, "rb") as handle:
            batch = pickle.load(handle, encoding="bytes")
    except FileNotFoundError as exc:
        raise DatasetError(f"{file}: missing") from exc
    except Exception as exc:  # unpickling can fail in many ways; all mean a bad file
        raise DatasetError(f"{file}: not a readable CIFAR-10 batch ({exc!r})") from exc
    if not isinstance(batch, dict) or b"data" not in batch or b"labels" not in batch:
        raise DatasetError(f"{file}: expected a dict with b'data' and b'labels'")
    data = np.asarray(batch[b"data"])
    labels = np.asarray(batch[b"labels"])
    if data.dtype != np.uint8 or data.ndim != 2 or data.shape[1] != CIFAR_PIXELS:
        raise DatasetError(f"{file}: data is {data.dtype} {data.shape}, expected uint8 (n, 3072)")
    if labels.shape != (len(data),):
        raise DatasetError(f"{file}: {labels.size} labels for {len(data)} images")
    if labels.size and (labels.min() < 0 or labels.max() > 9):
        raise DatasetError(f"{file}: labels outside 0..9")
    # Rows are stored channel-first (1024 red, 1024 green, 1024 blue); keras returns HWC.
    images = data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
    return np.ascontiguousarray(images), labels.astype(np.uint8).reshape(-1, 1)


def _load_cifar_dir(directory: Path) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    batches = [_read_cifar_batch(directory / name) for name in CIFAR_TRAIN_BATCHES]
    x_test, y_test = _read_cifar_batch(directory / CIFAR_TEST_BATCH)
    x_train = np.concatenate([x for x, _ in batches])
    y_train = np.concatenate([y for _, y in batches])
    return (x_train, y_train), (x_test, y_test)


def _cifar_dir_in(path: Path) -> Path:
    """``path`` itself when it holds the batches, else its ``cifar-10-batches-py`` child."""
    if (path / CIFAR_TEST_BATCH).exists() or not (path / CIFAR_DIRNAME).is_dir():
        return path
    return path / CIFAR_DIRNAME


def _extract_cifar(archive: Path, into: Path) -> Path:
    """Unpack the verified tarball's batch directory, refusing members that leave ``into``."""
    import tarfile

    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = [m for m in tar.getmembers() if m.name.startswith(CIFAR_DIRNAME + "/")]
            tar.extractall(into, members=members, filter="data")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise DatasetError(f"{archive}: cannot extract ({exc})") from exc
    return into / CIFAR_DIRNAME


def load_cifar10(
    path: str | os.PathLike | None = None, download: bool = True
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """CIFAR-10 like ``keras.datasets.cifar10.load_data()``, from the python-pickle batches.

    The batches are Python pickles: unpickling a file can run arbitrary code, so only read
    files from a source you trust (the official tarball is checked against its SHA-256).

    Lookup order: ``path`` (the ``cifar-10-batches-py`` directory or its parent);
    ``$NNKIT_DATA/cifar-10-batches-py``; the Keras cache ``~/.keras/datasets/cifar-10-batches-py``;
    ``~/.cache/nnkit/cifar-10-batches-py``, extracted from ``cifar-10-python.tar.gz`` downloaded
    and checked against its SHA-256 unless downloads are off (``download=False`` or
    ``NNKIT_OFFLINE=1``).

    Args:
        path: where the batches are; None to search.
        download: allow a download when nothing is found locally.

    Returns:
        (x_train (50000, 32, 32, 3) uint8, y_train (50000, 1) uint8),
        (x_test (10000, 32, 32, 3) uint8, y_test (10000, 1) uint8). Batch sizes are read from
        the files, so smaller batches give smaller arrays. Class names: ``CIFAR10_CLASSES``.

    Raises:
        DatasetError: nothing found (the message says how to get the files), or a batch is
            missing, corrupt or inconsistent (the message names it).
    """
    if path is not None:
        path = Path(path).expanduser()
        if not path.is_dir():
            raise DatasetError(f"{path}: no such directory")
        return _load_cifar_dir(_cifar_dir_in(path))
    looked: list[Path] = []
    candidates = [_keras_datasets_dir() / CIFAR_DIRNAME, _cache_dir() / CIFAR_DIRNAME]
    data = _nnkit_data_dir()
    if data is not None:
        candidates.insert(0, data / CIFAR_DIRNAME)
    for directory in candidates:
        looked.append(directory)
        if (directory / CIFAR_TEST_BATCH).is_file():
            return _load_cifar_dir(directory)
    archive = _cache_dir() / "cifar-10-python.tar.gz"
    looked.append(archive)
    found = _cached_download("cifar10", archive, download)
    if found is not None:
        return _load_cifar_dir(_extract_cifar(found, _cache_dir()))
    raise _not_found(
        "CIFAR-10", looked,
        "Download cifar-10-python.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html, "
        "unpack it and pass load_cifar10(path=...) or set NNKIT_DATA to the folder holding "
        "cifar-10-batches-py; or allow the download (unset NNKIT_OFFLINE).",
    )


def cat_vs_rest(
    x: np.ndarray, y: np.ndarray, balance: bool = False, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """CIFAR-10 as the binary task "cat (class 3) or not", flattened to column layout.

    Only 10% of CIFAR-10 images are cats, so a model that answers "not a cat" everywhere
    already scores 90% accuracy while learning nothing. ``balance=True`` keeps every cat and
    an equal number of non-cats drawn at random (seeded), so 50% is the chance level.

    Args:
        x: images, uint8 of shape (m, 32, 32, 3) or (m, 3072).
        y: labels 0..9 of shape (m,) or (m, 1).
        balance: subsample the non-cats to as many as there are cats.
        seed: seed of that subsample (``np.random.default_rng``); the global RNG is untouched.

    Returns:
        X: float64 array (3072, k) with pixels scaled to [0, 1], one image per column
           (k = m, or 2 * number of cats when balanced; original order kept).
        Y: int64 array (1, k), 1 for cat and 0 otherwise.
    """
    y = np.asarray(y).reshape(-1)
    x = np.asarray(x)
    if len(x) != len(y):
        raise ValueError(f"x has {len(x)} images but y has {len(y)} labels")
    is_cat = y == CAT_CLASS
    keep = np.arange(len(y))
    if balance:
        cats, others = np.flatnonzero(is_cat), np.flatnonzero(~is_cat)
        rng = np.random.default_rng(seed)
        chosen = rng.choice(others, size=min(len(cats), len(others)), replace=False)
        keep = np.sort(np.concatenate([cats, chosen]))
    X = x[keep].reshape(len(keep), -1).T / 255.0
    Y = is_cat[keep].astype(np.int64).reshape(1, -1)
    return X, Y
