"""IDX files (the MNIST format) and the MNIST / Fashion-MNIST loaders built on them."""

from __future__ import annotations

import gzip
import os
import zlib
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

FASHION_MNIST_DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")

# Stems of the four IDX files; each may also exist with a ".gz" suffix.
MNIST_FILES = {
    "x_train": "train-images-idx3-ubyte",
    "y_train": "train-labels-idx1-ubyte",
    "x_test": "t10k-images-idx3-ubyte",
    "y_test": "t10k-labels-idx1-ubyte",
}

IDX_MAGIC = {3: 0x00000803, 1: 0x00000801}  # ndim -> magic number for unsigned-byte data
GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"


def _read_bytes(file: Path) -> bytes:
    """File contents, gunzipped when the file starts with the gzip magic (not by its name)."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise DatasetError(f"{file}: cannot read ({exc})") from exc
    if not raw.startswith(GZIP_MAGIC):
        return raw
    try:
        return gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as exc:
        raise DatasetError(f"{file}: corrupt or truncated gzip data ({exc})") from exc


def read_idx(file: str | os.PathLike, ndim: int | None = None) -> np.ndarray:
    """Read one IDX file of unsigned bytes (MNIST format), gzip-compressed or raw.

    Args:
        file: path to the file.
        ndim: expected number of dimensions (3 for images, 1 for labels), or None for any.

    Returns:
        uint8 array with the shape written in the header, e.g. (60000, 28, 28) or (60000,).

    Raises:
        DatasetError: wrong magic number, unexpected dimensions, or a byte count that does not
            match the header (truncated or padded file); the message names the file.
    """
    file = Path(file)
    data = _read_bytes(file)
    if len(data) < 4:
        raise DatasetError(f"{file}: too short to be an IDX file ({len(data)} bytes)")
    magic = int.from_bytes(data[:4], "big")
    found_ndim = data[3]
    if data[:3] != b"\x00\x00\x08" or found_ndim == 0:
        raise DatasetError(f"{file}: wrong magic number 0x{magic:08x} (not an IDX uint8 file)")
    if ndim is not None and magic != IDX_MAGIC[ndim]:
        raise DatasetError(
            f"{file}: magic number 0x{magic:08x}, expected 0x{IDX_MAGIC[ndim]:08x} "
            f"({'images' if ndim == 3 else 'labels'})"
        )
    header_end = 4 + 4 * found_ndim
    if len(data) < header_end:
        raise DatasetError(f"{file}: truncated header")
    shape = tuple(int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(found_ndim))
    expected = int(np.prod(shape))
    found = len(data) - header_end
    if found != expected:
        raise DatasetError(
            f"{file}: header says shape {shape} = {expected} bytes of data, file holds {found}"
            + (" (truncated)" if found < expected else " (extra bytes)")
        )
    return np.frombuffer(data, dtype=np.uint8, offset=header_end).reshape(shape).copy()


def _find_file(directory: Path, stem: str) -> Path | None:
    for name in (stem, stem + ".gz"):
        if (directory / name).is_file():
            return directory / name
    return None


def _has_idx_set(directory: Path) -> bool:
    return directory.is_dir() and _find_file(directory, MNIST_FILES["x_train"]) is not None


def _load_idx_dir(directory: Path) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """The four MNIST-format IDX files of a directory, validated against each other."""
    arrays = {}
    for key, stem in MNIST_FILES.items():
        file = _find_file(directory, stem)
        if file is None:
            raise DatasetError(f"{directory / stem}: missing (also looked for {stem}.gz)")
        arrays[key] = read_idx(file, ndim=3 if key.startswith("x") else 1)
        arrays[key + "_file"] = file
    for split in ("train", "test"):
        images, labels = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if len(images) != len(labels):
            raise DatasetError(
                f"{arrays[f'y_{split}_file']}: {len(labels)} labels but "
                f"{arrays[f'x_{split}_file'].name} holds {len(images)} images"
            )
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def _load_mnist_npz(file: Path) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """A keras-style mnist.npz (keys x_train, y_train, x_test, y_test), never unpickling."""
    try:
        with np.load(file, allow_pickle=False) as npz:
            parts = {key: npz[key] for key in ("x_train", "y_train", "x_test", "y_test")}
    except KeyError as exc:
        raise DatasetError(f"{file}: missing array {exc} (expected keras' mnist.npz)") from exc
    except (OSError, ValueError, EOFError) as exc:
        raise DatasetError(f"{file}: not a readable .npz file ({exc})") from exc
    for split in ("train", "test"):
        images, labels = parts[f"x_{split}"], parts[f"y_{split}"]
        if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
            raise DatasetError(
                f"{file}: x_{split} {images.shape} and y_{split} {labels.shape} do not match"
            )
    as_u8 = {key: value.astype(np.uint8, copy=False) for key, value in parts.items()}
    return (as_u8["x_train"], as_u8["y_train"]), (as_u8["x_test"], as_u8["y_test"])


def _load_mnist_from(path: Path) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """A directory of IDX files, or a single .npz file (recognised by its zip magic)."""
    if path.is_dir():
        return _load_idx_dir(path)
    if path.is_file():
        with open(path, "rb") as handle:
            if handle.read(4) == ZIP_MAGIC:
                return _load_mnist_npz(path)
        raise DatasetError(f"{path}: not a directory of IDX files nor a keras .npz file")
    raise DatasetError(f"{path}: no such file or directory")


# --------------------------------------------------------------------------- MNIST


def load_mnist(
    path: str | os.PathLike | None = None, kind: str = "mnist", download: bool = True
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """MNIST (or Fashion-MNIST) like ``keras.datasets.mnist.load_data()``.

    Lookup order: ``path`` (a directory with the four IDX files, each raw or gzip, detected by
    its magic bytes; or a keras-style ``.npz``); ``$NNKIT_DATA/mnist`` then ``$NNKIT_DATA``
    (``$NNKIT_DATA/fashion-mnist`` for Fashion); the Keras cache ``~/.keras/datasets/mnist.npz``
    (``fashion-mnist/`` for Fashion); for MNIST, ``~/.cache/nnkit/mnist/mnist.npz``, downloaded
    from keras' mirror and checked against its SHA-256 unless downloads are off
    (``download=False`` or ``NNKIT_OFFLINE=1``); for Fashion, Debian's
    ``/usr/share/datasets/fashion-mnist``.

    Args:
        path: where the files are; None to search.
        kind: "mnist" or "fashion".
        download: allow a download when nothing is found locally.

    Returns:
        (x_train (60000, 28, 28) uint8, y_train (60000,) uint8), (x_test (10000, 28, 28) uint8,
        y_test (10000,) uint8). Smaller files give correspondingly smaller arrays.

    Raises:
        DatasetError: nothing found (the message says how to get the files), or a file is
            truncated, corrupt or inconsistent (the message names it).
    """
    if kind not in ("mnist", "fashion"):
        raise ValueError(f'kind must be "mnist" or "fashion", got {kind!r}')
    if path is not None:
        return _load_mnist_from(Path(path).expanduser())
    found, looked = locate_mnist(kind, download)
    if found is None:
        raise _not_found(_MNIST_NAMES[kind], looked, _MNIST_HOWTO[kind])
    return _load_mnist_from(found)


def locate_mnist(kind: str = "mnist", download: bool = False) -> tuple[Path | None, list[Path]]:
    """Where :func:`load_mnist` reads ``kind`` from when given no path, and the places looked in.

    Returns:
        (a directory of IDX files or a keras ``.npz``, or None when nothing was found and
        nothing downloaded; every place looked in, in order).

    Raises:
        DatasetError: a cached download fails its checksum, or a download fails.
    """
    looked: list[Path] = []
    for directory in _mnist_search_dirs(kind):
        looked.append(directory)
        if _has_idx_set(directory):
            return directory, looked
    if kind != "mnist":
        return None, looked
    keras_npz = _keras_datasets_dir() / "mnist.npz"
    looked.append(keras_npz)
    if keras_npz.is_file():
        return keras_npz, looked
    cached = _cache_dir() / "mnist" / "mnist.npz"
    looked.append(cached)
    return _cached_download("mnist", cached, download), looked


_MNIST_NAMES = {"mnist": "MNIST", "fashion": "Fashion-MNIST"}
_MNIST_HOWTO = {
    "mnist": (
        "Put train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
        "t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz] in a folder and pass "
        "load_mnist(path=...) or set NNKIT_DATA; or allow the download (unset NNKIT_OFFLINE). "
        "Offline, Fashion-MNIST is a drop-in twin: apt-get install dataset-fashion-mnist."
    ),
    "fashion": (
        "Install Debian's package (apt-get install dataset-fashion-mnist), or put the four IDX "
        "files in a folder and pass load_fashion_mnist(path=...) or set NNKIT_DATA."
    ),
}


def _mnist_search_dirs(kind: str) -> list[Path]:
    dirs = []
    data = _nnkit_data_dir()
    if data is not None and kind == "mnist":
        dirs += [data / "mnist", data]
    if data is not None and kind == "fashion":  # not $NNKIT_DATA itself: that is MNIST's place
        dirs += [data / "fashion-mnist", data / "fashion_mnist"]
    if kind == "fashion":
        dirs += [_keras_datasets_dir() / "fashion-mnist", FASHION_MNIST_DEBIAN_DIR]
    return dirs


def load_fashion_mnist(
    path: str | os.PathLike | None = None,
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Fashion-MNIST, read from Debian's ``/usr/share/datasets/fashion-mnist`` by default.

    Same files, format and shapes as MNIST (see :func:`load_mnist`, whose lookup it uses with
    ``kind="fashion"``); Zalando's labels 0..9 are T-shirt/top, Trouser, Pullover, Dress, Coat,
    Sandal, Shirt, Sneaker, Bag, Ankle boot.

    Args:
        path: a directory holding the four IDX files; None to search.

    Returns:
        (x_train (60000, 28, 28) uint8, y_train (60000,) uint8), (x_test (10000, 28, 28) uint8,
        y_test (10000,) uint8).
    """
    return load_mnist(path, kind="fashion", download=False)


FASHION_MNIST_CLASSES = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
]
