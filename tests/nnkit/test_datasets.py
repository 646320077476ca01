"""nnkit.datasets: every loader on small files in the real formats, written here into tmp_path."""

from __future__ import annotations

import gzip
import pickle
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from nnkit import datasets
from nnkit.datasets import DatasetError, fetch

FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")


@pytest.fixture(autouse=True)
def no_network(monkeypatch, tmp_path):
    """No test may download: urlopen fails the test, and the home and caches are empty."""

    def refuse(*args, **kwargs):
        pytest.fail(f"a test tried to use the network: {args!r}")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("NNKIT_DATA", "KERAS_HOME", "XDG_CACHE_HOME", "NNKIT_OFFLINE"):
        monkeypatch.delenv(var, raising=False)


# --------------------------------------------------------------------------- writers


def idx_bytes(array: np.ndarray) -> bytes:
    """The IDX encoding of a uint8 array: magic 0x000008<ndim>, big-endian dims, data."""
    header = bytes([0, 0, 8, array.ndim]) + b"".join(
        int(n).to_bytes(4, "big") for n in array.shape
    )
    return header + array.astype(np.uint8).tobytes()


def fake_mnist(n_train: int = 12, n_test: int = 5, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "x_train": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "y_train": rng.integers(0, 10, n_train, dtype=np.uint8),
        "x_test": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "y_test": rng.integers(0, 10, n_test, dtype=np.uint8),
    }


def write_idx_dir(directory: Path, arrays: dict, compress: bool = True) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for key, stem in datasets.MNIST_FILES.items():
        data = idx_bytes(arrays[key])
        if compress:
            (directory / (stem + ".gz")).write_bytes(gzip.compress(data))
        else:
            (directory / stem).write_bytes(data)
    return directory


def assert_same_mnist(loaded, arrays) -> None:
    (x_train, y_train), (x_test, y_test) = loaded
    for got, key in ((x_train, "x_train"), (y_train, "y_train"), (x_test, "x_test"),
                     (y_test, "y_test")):
        assert got.dtype == np.uint8
        np.testing.assert_array_equal(got, arrays[key])


def write_cifar_dir(directory: Path, per_batch: int = 20, seed: int = 0) -> dict:
    """Six python-pickle batches in the official layout (channel-first rows of 3072 bytes)."""
    rng = np.random.default_rng(seed)
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in [*datasets.CIFAR_TRAIN_BATCHES, datasets.CIFAR_TEST_BATCH]:
        data = rng.integers(0, 256, (per_batch, 3072), dtype=np.uint8)
        labels = [int(v) for v in rng.integers(0, 10, per_batch)]
        with open(directory / name, "wb") as handle:
            pickle.dump({b"batch_label": name.encode(), b"data": data, b"labels": labels}, handle)
        written[name] = (data, labels)
    return written


# --------------------------------------------------------------------------- generated data


def test_planar_shapes_dtype_balance():
    X, Y = datasets.load_planar_dataset()
    assert X.shape == (2, 400) and X.dtype == np.float64
    assert Y.shape == (1, 400)
    assert np.issubdtype(Y.dtype, np.signedinteger)
    assert (Y == 0).sum() == 200 and (Y == 1).sum() == 200
    assert (Y - 2).min() == -2  # uint8 labels would wrap to 254/255 under NumPy 2


def test_planar_is_reproducible_and_reseeds_global_rng():
    X1, _ = datasets.load_planar_dataset()
    after_first = np.random.rand()
    X2, _ = datasets.load_planar_dataset()
    np.testing.assert_array_equal(X1, X2)
    assert np.random.rand() == after_first


def test_xor():
    X, y = datasets.load_xor()
    assert X.shape == (4, 2) and y.shape == (4, 1)
    np.testing.assert_array_equal(y[:, 0], np.logical_xor(X[:, 0], X[:, 1]))


def test_moons_rows_and_columns():
    X_train, X_test, y_train, y_test = datasets.load_moons()
    assert X_train.shape == (800, 2) and X_test.shape == (200, 2)
    assert y_train.shape == (800,) and y_test.shape == (200,)
    again = datasets.load_moons()
    np.testing.assert_array_equal(again[0], X_train)
    Xc_train, Xc_test, yc_train, yc_test = datasets.load_moons(layout="columns")
    assert Xc_train.shape == (2, 800) and yc_test.shape == (1, 200)
    np.testing.assert_array_equal(Xc_train, X_train.T)
    with pytest.raises(ValueError, match="layout"):
        datasets.load_moons(layout="diagonal")


def test_digits_whole_and_split():
    X, y = datasets.load_digits_dataset()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert 0.0 <= X.min() and X.max() == 1.0
    (X_train, y_train), (X_test, y_test) = datasets.load_digits_dataset(test_size=0.25)
    assert len(X_train) + len(X_test) == 1797 and len(y_train) == len(X_train)
    assert set(np.unique(y_test)) == set(range(10))


# --------------------------------------------------------------------------- IDX / MNIST


@pytest.mark.parametrize("compress", [True, False], ids=["gzip", "raw"])
def test_mnist_from_path(tmp_path, compress):
    arrays = fake_mnist()
    write_idx_dir(tmp_path / "m", arrays, compress=compress)
    assert_same_mnist(datasets.load_mnist(tmp_path / "m"), arrays)


def test_gzip_detected_by_magic_not_name(tmp_path):
    arrays = fake_mnist()
    directory = write_idx_dir(tmp_path / "m", arrays, compress=False)
    # A gzip file without ".gz" and a raw file with ".gz": both must read.
    raw = directory / "train-images-idx3-ubyte"
    raw.write_bytes(gzip.compress(raw.read_bytes()))
    labels = directory / "t10k-labels-idx1-ubyte"
    labels.rename(directory / "t10k-labels-idx1-ubyte.gz")
    assert_same_mnist(datasets.load_mnist(directory), arrays)


def test_mnist_from_nnkit_data(tmp_path, monkeypatch):
    arrays = fake_mnist(seed=1)
    write_idx_dir(tmp_path / "data" / "mnist", arrays)
    monkeypatch.setenv("NNKIT_DATA", str(tmp_path / "data"))
    assert_same_mnist(datasets.load_mnist(), arrays)


def test_mnist_from_nnkit_data_root(tmp_path, monkeypatch):
    arrays = fake_mnist(seed=2)
    write_idx_dir(tmp_path / "data", arrays, compress=False)
    monkeypatch.setenv("NNKIT_DATA", str(tmp_path / "data"))
    assert_same_mnist(datasets.load_mnist(), arrays)


def test_mnist_from_keras_cache(tmp_path):
    arrays = fake_mnist(seed=3)
    keras_dir = Path.home() / ".keras" / "datasets"  # HOME is tmp_path/home here
    keras_dir.mkdir(parents=True)
    np.savez(keras_dir / "mnist.npz", **arrays)
    assert_same_mnist(datasets.load_mnist(), arrays)


def test_mnist_npz_as_path(tmp_path):
    arrays = fake_mnist(seed=4)
    np.savez_compressed(tmp_path / "saved.npz", **arrays)
    (tmp_path / "saved.npz").rename(tmp_path / "mnist_copy")  # recognised by content, not name
    assert_same_mnist(datasets.load_mnist(tmp_path / "mnist_copy"), arrays)


def test_mnist_nothing_found_explains_and_never_downloads(monkeypatch):
    monkeypatch.setenv("NNKIT_OFFLINE", "1")
    with pytest.raises(DatasetError, match="NNKIT_DATA") as info:
        datasets.load_mnist()
    assert "dataset-fashion-mnist" in str(info.value)
    assert "mnist.npz" in str(info.value)


def test_mnist_download_false_never_downloads():
    with pytest.raises(DatasetError, match="not found"):
        datasets.load_mnist(download=False)


def test_download_goes_through_checked_urlopen(monkeypatch):
    """With downloads allowed the loader does call urlopen (here patched to fail cleanly)."""

    def offline(*args, **kwargs):
        raise OSError("network disabled in tests")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(DatasetError, match="download failed"):
        datasets.load_mnist()
    assert not list((Path.home() / ".cache" / "nnkit" / "mnist").glob("*"))


def test_download_without_known_checksum_is_refused(tmp_path):
    with pytest.raises(DatasetError, match="no known checksum"):
        fetch._download("fashion", tmp_path / "f.npz")


def test_bad_cached_download_is_reported(monkeypatch):
    monkeypatch.setenv("NNKIT_OFFLINE", "1")
    cached = Path.home() / ".cache" / "nnkit" / "mnist" / "mnist.npz"
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"not the real file")
    with pytest.raises(DatasetError, match="SHA-256") as info:
        datasets.load_mnist()
    assert str(cached) in str(info.value)


def test_missing_path(tmp_path):
    with pytest.raises(DatasetError) as info:
        datasets.load_mnist(tmp_path / "nowhere")
    assert "nowhere" in str(info.value)


def test_missing_one_file(tmp_path):
    directory = write_idx_dir(tmp_path / "m", fake_mnist())
    (directory / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(DatasetError, match="t10k-labels-idx1-ubyte.*missing"):
        datasets.load_mnist(directory)


def test_truncated_idx(tmp_path):
    directory = write_idx_dir(tmp_path / "m", fake_mnist(), compress=False)
    file = directory / "train-images-idx3-ubyte"
    file.write_bytes(file.read_bytes()[:-7])
    with pytest.raises(DatasetError, match="truncated") as info:
        datasets.load_mnist(directory)
    assert str(file) in str(info.value)


def test_corrupt_gzip(tmp_path):
    directory = write_idx_dir(tmp_path / "m", fake_mnist())
    file = directory / "train-labels-idx1-ubyte.gz"
    file.write_bytes(file.read_bytes()[:20])  # gzip header kept, stream cut short
    with pytest.raises(DatasetError, match="gzip") as info:
        datasets.load_mnist(directory)
    assert str(file) in str(info.value)


def test_wrong_magic(tmp_path):
    directory = write_idx_dir(tmp_path / "m", fake_mnist(), compress=False)
    images, labels = directory / "t10k-images-idx3-ubyte", directory / "t10k-labels-idx1-ubyte"
    images.write_bytes(labels.read_bytes())  # a labels file where images belong
    with pytest.raises(DatasetError, match="magic number 0x00000801") as info:
        datasets.load_mnist(directory)
    assert str(images) in str(info.value)
    images.write_bytes(b"\x89PNG" + b"\x00" * 40)
    with pytest.raises(DatasetError, match="wrong magic") as info:
        datasets.load_mnist(directory)
    assert str(images) in str(info.value)


def test_label_image_count_mismatch(tmp_path):
    arrays = fake_mnist()
    arrays["y_train"] = arrays["y_train"][:-1]
    directory = write_idx_dir(tmp_path / "m", arrays)
    with pytest.raises(DatasetError, match="11 labels") as info:
        datasets.load_mnist(directory)
    assert "train-labels-idx1-ubyte.gz" in str(info.value)


def test_corrupt_npz_names_file(tmp_path):
    keras_dir = Path.home() / ".keras" / "datasets"
    keras_dir.mkdir(parents=True)
    np.savez(keras_dir / "mnist.npz", x_train=np.zeros((2, 28, 28), np.uint8))
    with pytest.raises(DatasetError, match="y_train") as info:
        datasets.load_mnist()
    assert "mnist.npz" in str(info.value)


def test_read_idx_any_shape(tmp_path):
    array = np.arange(24, dtype=np.uint8).reshape(2, 3, 4)
    (tmp_path / "a").write_bytes(idx_bytes(array))
    np.testing.assert_array_equal(datasets.read_idx(tmp_path / "a"), array)


@pytest.mark.skipif(not FASHION_DIR.is_dir(),
                    reason="Debian's dataset-fashion-mnist is not installed")
def test_debian_fashion_mnist():
    (x_train, y_train), (x_test, y_test) = datasets.load_fashion_mnist()
    assert x_train.shape == (60000, 28, 28) and x_train.dtype == np.uint8
    assert y_train.shape == (60000,) and y_train.dtype == np.uint8
    assert x_test.shape == (10000, 28, 28) and y_test.shape == (10000,)
    assert set(np.unique(y_test)) == set(range(10))
    (same, _), _ = datasets.load_mnist(FASHION_DIR)  # the path form reads the files unchanged
    np.testing.assert_array_equal(same[:100], x_train[:100])


def test_fashion_prefers_nnkit_data(tmp_path, monkeypatch):
    arrays = fake_mnist(seed=5)
    write_idx_dir(tmp_path / "data" / "fashion-mnist", arrays)
    monkeypatch.setenv("NNKIT_DATA", str(tmp_path / "data"))
    assert_same_mnist(datasets.load_fashion_mnist(), arrays)


# --------------------------------------------------------------------------- CIFAR-10


def test_cifar_from_path(tmp_path):
    written = write_cifar_dir(tmp_path / "cifar-10-batches-py")
    (x_train, y_train), (x_test, y_test) = datasets.load_cifar10(tmp_path)
    assert x_train.shape == (100, 32, 32, 3) and x_train.dtype == np.uint8
    assert y_train.shape == (100, 1) and y_train.dtype == np.uint8
    assert x_test.shape == (20, 32, 32, 3) and y_test.shape == (20, 1)
    data, labels = written["data_batch_2"]
    # Channel-first rows: pixel (row 0, col 1) of image 0 is bytes 1, 1025, 2049.
    np.testing.assert_array_equal(x_train[20, 0, 1], data[0, [1, 1025, 2049]])
    np.testing.assert_array_equal(y_train[20:40, 0], labels)


def test_cifar_from_nnkit_data_and_keras_cache(tmp_path, monkeypatch):
    write_cifar_dir(Path.home() / ".keras" / "datasets" / "cifar-10-batches-py", per_batch=3)
    (x_train, _), _ = datasets.load_cifar10(download=False)
    assert len(x_train) == 15
    write_cifar_dir(tmp_path / "data" / "cifar-10-batches-py", per_batch=4)
    monkeypatch.setenv("NNKIT_DATA", str(tmp_path / "data"))
    (x_train, _), _ = datasets.load_cifar10(download=False)
    assert len(x_train) == 20


def test_cifar_nothing_found(monkeypatch):
    monkeypatch.setenv("NNKIT_OFFLINE", "1")
    with pytest.raises(DatasetError, match="cifar-10-batches-py"):
        datasets.load_cifar10()


def test_cifar_missing_batch(tmp_path):
    directory = tmp_path / "cifar-10-batches-py"
    write_cifar_dir(directory)
    (directory / "data_batch_4").unlink()
    with pytest.raises(DatasetError, match="data_batch_4.*missing"):
        datasets.load_cifar10(directory)


def test_cifar_truncated_batch(tmp_path):
    directory = tmp_path / "cifar-10-batches-py"
    write_cifar_dir(directory)
    file = directory / "test_batch"
    file.write_bytes(file.read_bytes()[:500])
    with pytest.raises(DatasetError) as info:
        datasets.load_cifar10(directory)
    assert str(file) in str(info.value)


def test_cifar_label_count_mismatch(tmp_path):
    directory = tmp_path / "cifar-10-batches-py"
    write_cifar_dir(directory)
    with open(directory / "data_batch_1", "wb") as handle:
        pickle.dump({b"data": np.zeros((5, 3072), np.uint8), b"labels": [1, 2]}, handle)
    with pytest.raises(DatasetError, match="2 labels for 5 images") as info:
        datasets.load_cifar10(directory)
    assert "data_batch_1" in str(info.value)


def test_cat_vs_rest_plain_and_balanced():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, (200, 32, 32, 3), dtype=np.uint8)
    y = np.repeat(np.arange(10, dtype=np.uint8), 20).reshape(-1, 1)
    X, Y = datasets.cat_vs_rest(x, y)
    assert X.shape == (3072, 200) and X.dtype == np.float64
    assert 0.0 <= X.min() and X.max() <= 1.0
    assert Y.shape == (1, 200) and Y.sum() == 20
    np.testing.assert_allclose(X[:, 0], x[0].reshape(-1) / 255.0)
    Xb, Yb = datasets.cat_vs_rest(x, y, balance=True, seed=1)
    assert Xb.shape == (3072, 40) and Yb.sum() == 20
    Xb2, _ = datasets.cat_vs_rest(x, y, balance=True, seed=1)
    np.testing.assert_array_equal(Xb, Xb2)
    assert datasets.CIFAR10_CLASSES[datasets.CAT_CLASS] == "cat"


def test_verified_cache_is_used_offline(monkeypatch):
    """A cached download whose SHA-256 matches the table is read without any network."""
    arrays = fake_mnist(seed=6)
    cached = Path.home() / ".cache" / "nnkit" / "mnist" / "mnist.npz"
    cached.parent.mkdir(parents=True)
    np.savez(cached, **arrays)
    url, _ = datasets.DOWNLOADS["mnist"]
    monkeypatch.setitem(datasets.DOWNLOADS, "mnist", (url, fetch._sha256(cached)))
    monkeypatch.setenv("NNKIT_OFFLINE", "1")
    assert_same_mnist(datasets.load_mnist(), arrays)


def test_cifar_tarball_from_cache_is_verified_and_extracted(tmp_path, monkeypatch):
    import tarfile

    written = write_cifar_dir(tmp_path / "src" / "cifar-10-batches-py", per_batch=2)
    archive = Path.home() / ".cache" / "nnkit" / "cifar-10-python.tar.gz"
    archive.parent.mkdir(parents=True)
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(tmp_path / "src" / "cifar-10-batches-py", arcname="cifar-10-batches-py")
    url, _ = datasets.DOWNLOADS["cifar10"]
    monkeypatch.setitem(datasets.DOWNLOADS, "cifar10", (url, fetch._sha256(archive)))
    monkeypatch.setenv("NNKIT_OFFLINE", "1")
    (x_train, y_train), (x_test, y_test) = datasets.load_cifar10()
    assert x_train.shape == (10, 32, 32, 3) and x_test.shape == (2, 32, 32, 3)
    np.testing.assert_array_equal(y_test[:, 0], written["test_batch"][1])
    assert (archive.parent / "cifar-10-batches-py" / "test_batch").is_file()
