"""Where the data files are looked for, and the checked downloads that fill nnkit's cache.

Shared by :mod:`nnkit.datasets.idx` and :mod:`nnkit.datasets.cifar`: the lookup places
(``$NNKIT_DATA``, the Keras cache, nnkit's cache), ``NNKIT_OFFLINE``, the SHA-256 table of the
only downloads allowed, :class:`DatasetError` and the "not found, here is how to get it" error.

A course (or a test) may serve a data set from its own host: ``NNKIT_DOWNLOAD_MNIST`` or
``NNKIT_DOWNLOAD_CIFAR10`` set to ``URL#sha256=HEX`` replaces that entry of the table, URL and
checksum together (pip's notation). Only names in the table can be downloaded, from anywhere.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from nnkit.words import download_failed_advice

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


MIRROR_VARIABLE = "NNKIT_DOWNLOAD_{name}"
MIRROR_VALUE = re.compile(r"(?P<url>[^#\s]+)#sha256=(?P<sha256>[0-9a-f]{64})")


class DatasetError(ValueError):
    """A data file is missing, truncated, corrupt or inconsistent; the message names the file."""


def download_source(name: str) -> tuple[str, str]:
    """``(url, sha256)`` of data set ``name``: the table's, or its ``NNKIT_DOWNLOAD_<NAME>``.

    Raises:
        DatasetError: ``name`` has no entry in :data:`DOWNLOADS` (nnkit will not download it), or
            the variable is set but is not ``URL#sha256=<64 hex digits>``.
    """
    if name not in DOWNLOADS:
        raise DatasetError(f"no known checksum for {name!r}: nnkit will not download it")
    variable = MIRROR_VARIABLE.format(name=name.upper())
    value = os.environ.get(variable, "")
    if not value:
        return DOWNLOADS[name]
    match = MIRROR_VALUE.fullmatch(value.strip())
    if match is None:
        raise DatasetError(f"{variable}={value!r}: expected URL#sha256=<64 lowercase hex digits>")
    return match["url"], match["sha256"]


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

    url, sha256 = download_source(name)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=60) as response, open(partial, "wb") as out:
            for block in iter(lambda: response.read(1 << 20), b""):
                out.write(block)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise DatasetError(f"{url}: download failed ({exc})\n"
                           f"{download_failed_advice(dest, url)}") from exc
    found = _sha256(partial)
    if found != sha256:
        partial.unlink(missing_ok=True)
        raise DatasetError(f"{url}: SHA-256 {found} does not match the known {sha256}")
    os.replace(partial, dest)
    return dest


def _cached_download(name: str, dest: Path, download: bool) -> Path | None:
    """``dest`` when it already holds the verified file, else a fresh download, else None."""
    if dest.is_file():
        if _sha256(dest) == download_source(name)[1]:
            return dest
        raise DatasetError(f"{dest}: SHA-256 does not match {name}'s; delete it to download again")
    if _downloads_allowed(download):
        return _download(name, dest)
    return None


def _not_found(what: str, looked: list[Path], how: str) -> DatasetError:
    places = "\n  ".join(str(p) for p in looked)
    return DatasetError(f"{what} not found. Looked in:\n  {places}\n{how}")
