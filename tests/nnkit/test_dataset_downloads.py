"""The download path of the real loaders, against a loopback host serving small files in the real
formats (written here), through ``NNKIT_DOWNLOAD_<NAME>=URL#sha256=HEX``; and the choice the MNIST
notebook makes between MNIST found here, Fashion-MNIST found here and MNIST downloaded.

Nothing leaves this machine: the only URLs used are the loopback host's.
"""

from __future__ import annotations

import hashlib
import tarfile
from pathlib import Path

import numpy as np
import pytest

from nnkit import datasets
from nnkit.datasets import DatasetError, idx
from tests.nnkit.test_datasets import assert_same_mnist, fake_mnist, write_cifar_dir, write_idx_dir
from tests.support.loopback import serving


@pytest.fixture(autouse=True)
def empty_machine(monkeypatch, tmp_path):
    """An empty home and caches, no data variables, and no Debian Fashion-MNIST."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("NNKIT_DATA", "KERAS_HOME", "XDG_CACHE_HOME", "NNKIT_OFFLINE",
                "NNKIT_DOWNLOAD_MNIST", "NNKIT_DOWNLOAD_CIFAR10"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(idx, "FASHION_MNIST_DEBIAN_DIR", tmp_path / "no-debian-package")


@pytest.fixture()
def host(tmp_path):
    (tmp_path / "site").mkdir()
    with serving(tmp_path / "site") as running:
        yield running


def _mnist_npz(folder: Path, seed: int) -> tuple[Path, dict]:
    arrays = fake_mnist(seed=seed)
    file = folder / "mnist.npz"
    np.savez(file, **arrays)
    return file, arrays


def _sha(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


@pytest.mark.parametrize("seed", [1, 2])
def test_mnist_downloads_from_the_named_host_and_is_cached(host, tmp_path, monkeypatch, seed):
    file, arrays = _mnist_npz(tmp_path / "site", seed)
    monkeypatch.setenv("NNKIT_DOWNLOAD_MNIST", f"{host.url}mnist.npz#sha256={_sha(file)}")
    assert_same_mnist(datasets.load_mnist(), arrays)
    assert host.requests == ["/mnist.npz"]
    monkeypatch.setenv("NNKIT_OFFLINE", "1")  # the checked copy is read again without the host
    assert_same_mnist(datasets.load_mnist(), arrays)
    assert host.requests == ["/mnist.npz"]


def test_a_download_whose_checksum_differs_is_refused_and_not_kept(host, tmp_path, monkeypatch):
    file, _ = _mnist_npz(tmp_path / "site", seed=3)
    wrong = hashlib.sha256(b"another file").hexdigest()
    monkeypatch.setenv("NNKIT_DOWNLOAD_MNIST", f"{host.url}mnist.npz#sha256={wrong}")
    with pytest.raises(DatasetError, match="does not match"):
        datasets.load_mnist()
    assert not list((Path.home() / ".cache" / "nnkit").rglob("*.npz*"))


@pytest.mark.parametrize("value", ["http://127.0.0.1:9/mnist.npz",
                                   "http://127.0.0.1:9/mnist.npz#sha256=abc",
                                   "#sha256=" + "0" * 64])
def test_a_mirror_without_a_full_checksum_is_refused(monkeypatch, value):
    monkeypatch.setenv("NNKIT_DOWNLOAD_MNIST", value)
    with pytest.raises(DatasetError, match="NNKIT_DOWNLOAD_MNIST"):
        datasets.load_mnist()


def test_cifar_tarball_downloads_and_extracts(host, tmp_path, monkeypatch):
    written = write_cifar_dir(tmp_path / "src" / "cifar-10-batches-py", per_batch=3, seed=4)
    archive = tmp_path / "site" / "cifar-10-python.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(tmp_path / "src" / "cifar-10-batches-py", arcname="cifar-10-batches-py")
    monkeypatch.setenv("NNKIT_DOWNLOAD_CIFAR10",
                       f"{host.url}cifar-10-python.tar.gz#sha256={_sha(archive)}")
    (x_train, _), (x_test, y_test) = datasets.load_cifar10()
    assert x_train.shape == (15, 32, 32, 3) and x_test.shape == (3, 32, 32, 3)
    np.testing.assert_array_equal(y_test[:, 0], written["test_batch"][1])
    assert host.requests == ["/cifar-10-python.tar.gz"]


# --------------------------------------------------------------------------- the notebook's choice


def test_choice_prefers_mnist_found_here(tmp_path, monkeypatch):
    arrays = fake_mnist(seed=5)
    write_idx_dir(tmp_path / "data" / "mnist", arrays)
    write_idx_dir(tmp_path / "data" / "fashion-mnist", fake_mnist(seed=6))
    monkeypatch.setenv("NNKIT_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("NNKIT_OFFLINE", "1")
    images = datasets.load_mnist_or_fashion()
    assert (images.name, images.class_names, images.downloaded) == ("MNIST", None, False)
    assert images.origin == tmp_path / "data" / "mnist"
    assert_same_mnist((images.train, images.test), arrays)


def test_choice_takes_fashion_found_here_before_downloading(host, tmp_path, monkeypatch):
    arrays = fake_mnist(seed=7)
    monkeypatch.setattr(idx, "FASHION_MNIST_DEBIAN_DIR", write_idx_dir(tmp_path / "deb", arrays))
    file, _ = _mnist_npz(tmp_path / "site", seed=8)
    monkeypatch.setenv("NNKIT_DOWNLOAD_MNIST", f"{host.url}mnist.npz#sha256={_sha(file)}")
    images = datasets.load_mnist_or_fashion()
    assert images.name == "Fashion-MNIST" and images.origin == tmp_path / "deb"
    assert images.class_names == datasets.FASHION_MNIST_CLASSES
    assert_same_mnist((images.train, images.test), arrays)
    assert host.requests == []


def test_choice_downloads_mnist_when_nothing_is_here(host, tmp_path, monkeypatch):
    file, arrays = _mnist_npz(tmp_path / "site", seed=9)
    monkeypatch.setenv("NNKIT_DOWNLOAD_MNIST", f"{host.url}mnist.npz#sha256={_sha(file)}")
    images = datasets.load_mnist_or_fashion()
    assert (images.name, images.downloaded) == ("MNIST", True)
    assert_same_mnist((images.train, images.test), arrays)
    again = datasets.load_mnist_or_fashion()  # the verified copy, found here this time
    assert (again.name, again.downloaded, again.origin) == ("MNIST", False, images.origin)
    assert host.requests == ["/mnist.npz"]


def test_choice_with_nothing_and_no_download_says_where_it_looked(monkeypatch):
    monkeypatch.setenv("NNKIT_OFFLINE", "1")
    with pytest.raises(DatasetError, match="MNIST or Fashion-MNIST not found") as info:
        datasets.load_mnist_or_fashion()
    assert "no-debian-package" in str(info.value) and "mnist.npz" in str(info.value)


def test_choice_with_a_path_reads_only_that(tmp_path):
    arrays = fake_mnist(seed=10)
    folder = write_idx_dir(tmp_path / "given", arrays, compress=False)
    images = datasets.load_mnist_or_fashion(folder, download=False)
    assert (images.name, images.origin) == ("MNIST", folder)
    assert_same_mnist((images.train, images.test), arrays)
