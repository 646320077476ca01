"""Data sets for the course: generated toys, bundled scikit-learn sets, MNIST and CIFAR-10 readers.

Layouts differ by assignment, as in the seeds; every function states its shapes:

- ``load_planar_dataset`` and ``cat_vs_rest`` return column layout ``(features, m)``.
- ``load_moons``, ``load_xor``, ``load_digits_dataset`` return row layout ``(m, features)``.
- ``load_mnist``, ``load_fashion_mnist`` and ``load_cifar10`` return images keras-style:
  ``(x_train, y_train), (x_test, y_test)`` with uint8 pixels.

File loaders look for data in this order: an explicit ``path``; ``$NNKIT_DATA``; the Keras cache
(``~/.keras/datasets``); nnkit's cache (``~/.cache/nnkit``), filled by a download that is checked
against a SHA-256 from a fixed table; then they raise :class:`DatasetError` saying how to get the
files. Set ``NNKIT_OFFLINE=1`` (or pass ``download=False``) to forbid downloads.

Importing this module is cheap: scikit-learn is imported inside the functions that need it.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import pickle
import zlib
from pathlib import Path

import numpy as np

__all__ = [
    "CIFAR10_CLASSES",
    "DatasetError",
    "cat_vs_rest",
    "load_cifar10",
    "load_digits_dataset",
    "load_fashion_mnist",
    "load_mnist",
    "load_moons",
    "load_planar_dataset",
    "load_xor",
    "read_idx",
]

CIFAR10_CLASSES = [
    "airplane", "automobile", "bird", "cat", "deer",
    "dog", "frog", "horse", "ship", "truck",
]
CAT_CLASS = 3

FASHION_MNIST_DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")

# Stems of the four IDX files; each may also exist with a ".gz" suffix.
MNIST_FILES = {
    "x_train": "train-images-idx3-ubyte",
    "y_train": "train-labels-idx1-ubyte",
    "x_test": "t10k-images-idx3-ubyte",
    "y_test": "t10k-labels-idx1-ubyte",
}

# Downloads nnkit may make, with the SHA-256 they must have. Only values taken from the
# publishers' own loaders belong here (keras' mnist.npz and cifar10 file_hash); a data set with
# no entry cannot be downloaded, by design.
DOWNLOADS = {
    "mnist": (
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz",
        "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1",
    ),
    "cifar10": (
        "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
        "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce",
    ),
}

IDX_MAGIC = {3: 0x00000803, 1: 0x00000801}  # ndim -> magic number for unsigned-byte data
GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"


class DatasetError(ValueError):
    """A data file is missing, truncated, corrupt or inconsistent; the message names the file."""


# --------------------------------------------------------------------------- generated toys


def load_planar_dataset() -> tuple[np.ndarray, np.ndarray]:
    """Regenerate the two-class "flower" data set of the planar assignment.

    Reseeds NumPy's *global* legacy RNG with ``np.random.seed(1)`` and leaves it in the state
    the draws put it in, exactly as the original course helper does; seed again afterwards if
    your own randomness must not depend on this call.

    Returns:
        X: float64 array of shape (2, 400), column layout (one point per column).
        Y: int64 array of shape (1, 400), labels 0 or 1, 200 of each. Signed on purpose:
            uint8 labels would make ``Y - 2`` wrap to 255 under NumPy 2.
    """
    np.random.seed(1)
    m, per_class, dims, petal = 400, 200, 2, 4
    X = np.zeros((m, dims))
    Y = np.zeros((m, 1), dtype=np.int64)
    for j in range(2):
        ix = range(per_class * j, per_class * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, per_class) + np.random.randn(per_class) * 0.2
        r = petal * np.sin(4 * t) + np.random.randn(per_class) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T


def load_xor() -> tuple[np.ndarray, np.ndarray]:
    """The four XOR points.

    Returns:
        X: float64 array of shape (4, 2), row layout: [[0,0],[0,1],[1,0],[1,1]].
        y: float64 array of shape (4, 1): [[0],[1],[1],[0]].
    """
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    y = np.array([[0], [1], [1], [0]], dtype=np.float64)
    return X, y


def load_moons(
    n_samples: int = 1000,
    noise: float = 0.2,
    random_state: int = 42,
    test_size: float = 0.2,
    layout: str = "rows",
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Two interleaving half-moons, split into train and test as in seed 000.

    Same calls as the seed: ``make_moons(n_samples, noise, random_state)`` then
    ``train_test_split(test_size=test_size, random_state=random_state)``, so the split is
    deterministic (800/200 by default).

    Args:
        n_samples: total number of points m.
        noise: standard deviation of the Gaussian noise.
        random_state: seed of both the generator and the split.
        test_size: fraction of points kept for testing.
        layout: "rows" gives X (m, 2) and y (m,) int64; "columns" gives X (2, m) and y (1, m).

    Returns:
        X_train, X_test, y_train, y_test (scikit-learn's order), float64 features.
    """
    from sklearn.datasets import make_moons
    from sklearn.model_selection import train_test_split

    X, y = make_moons(n_samples=n_samples, noise=noise, random_state=random_state)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y.astype(np.int64), test_size=test_size, random_state=random_state
    )
    if _check_layout(layout) == "columns":
        return X_train.T, X_test.T, y_train[None, :], y_test[None, :]
    return X_train, X_test, y_train, y_test


def load_digits_dataset(
    test_size: float | None = None, random_state: int = 0
) -> tuple[np.ndarray, np.ndarray] | tuple[tuple[np.ndarray, np.ndarray], ...]:
    """scikit-learn's bundled 8x8 handwritten digits (1797 images, no download).

    Args:
        test_size: None returns the whole set; a fraction returns a stratified split.
        random_state: seed of the split.

    Returns:
        With test_size None: X float64 (1797, 64) in [0, 1] and y int64 (1797,).
        Otherwise: ``(X_train, y_train), (X_test, y_test)`` with the same layouts.
    """
    from sklearn.datasets import load_digits

    digits = load_digits()
    X = digits.data.astype(np.float64) / 16.0  # pixel values are 0..16
    y = digits.target.astype(np.int64)
    if test_size is None:
        return X, y
    from sklearn.model_selection import train_test_split

    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, random_state=random_state, stratify=y
    )
    return (X_train, y_train), (X_test, y_test)


def _check_layout(layout: str) -> str:
    if layout not in ("rows", "columns"):
        raise ValueError(f'layout must be "rows" or "columns", got {layout!r}')
    return layout


# --------------------------------------------------------------------------- IDX files


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


# --------------------------------------------------------------------------- lookup and download


def _nnkit_data_dir() -> Path | None:
    value = os.environ.get("NNKIT_DATA")
    return Path(value).expanduser() if value else None


def _keras_datasets_dir() -> Path:
    return Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras") / "datasets"


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nnkit"


def _downloads_allowed(download: bool) -> bool:
    return download and os.environ.get("NNKIT_OFFLINE", "") in ("", "0")


def _sha256(file: Path) -> str:
    digest = hashlib.sha256()
    with open(file, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _download(name: str, dest: Path) -> Path:
    """Fetch ``DOWNLOADS[name]`` into ``dest``; keep it only if its SHA-256 matches the table."""
    import urllib.request  # only now: importing it costs time, and tests patch urlopen

    if name not in DOWNLOADS:
        raise DatasetError(f"no known checksum for {name!r}: nnkit will not download it")
    url, sha256 = DOWNLOADS[name]
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=60) as response, open(partial, "wb") as out:
            for block in iter(lambda: response.read(1 << 20), b""):
                out.write(block)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise DatasetError(f"{url}: download failed ({exc})") from exc
    found = _sha256(partial)
    if found != sha256:
        partial.unlink(missing_ok=True)
        raise DatasetError(f"{url}: SHA-256 {found} does not match the known {sha256}")
    os.replace(partial, dest)
    return dest


def _cached_download(name: str, dest: Path, download: bool) -> Path | None:
    """``dest`` when it already holds the verified file, else a fresh download, else None."""
    if dest.is_file():
        if _sha256(dest) == DOWNLOADS[name][1]:
            return dest
        raise DatasetError(f"{dest}: SHA-256 does not match {name}'s; delete it to download again")
    if _downloads_allowed(download):
        return _download(name, dest)
    return None


def _not_found(what: str, looked: list[Path], how: str) -> DatasetError:
    places = "\n  ".join(str(p) for p in looked)
    return DatasetError(f"{what} not found. Looked in:\n  {places}\n{how}")


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
    looked: list[Path] = []
    for directory in _mnist_search_dirs(kind):
        looked.append(directory)
        if _has_idx_set(directory):
            return _load_idx_dir(directory)
    keras_npz = _keras_datasets_dir() / "mnist.npz"
    if kind == "mnist":
        looked.append(keras_npz)
        if keras_npz.is_file():
            return _load_mnist_npz(keras_npz)
        cached = _cache_dir() / "mnist" / "mnist.npz"
        looked.append(cached)
        found = _cached_download("mnist", cached, download)
        if found is not None:
            return _load_mnist_npz(found)
    raise _not_found(_MNIST_NAMES[kind], looked, _MNIST_HOWTO[kind])


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


# --------------------------------------------------------------------------- CIFAR-10

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
