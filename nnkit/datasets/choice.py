"""Which handwritten-digit-sized image set a notebook trains on, wherever it runs.

The MNIST notebook must run to the end on a grading machine without internet (Debian's
Fashion-MNIST is there), on Colab (nothing is there, but the internet is) and on a student's
machine that already has MNIST. :func:`load_mnist_or_fashion` picks, in this order: MNIST found
locally; Fashion-MNIST found locally (Debian's package included); MNIST downloaded and checked
against its SHA-256. It says what it loaded and from where, for the notebook to tell the student.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .fetch import _not_found
from .idx import FASHION_MNIST_CLASSES, _load_mnist_from, locate_mnist

__all__ = ["ImageSet", "load_mnist_or_fashion"]


@dataclass(frozen=True)
class ImageSet:
    """A loaded image set and where it came from.

    Attributes:
        name: "MNIST" or "Fashion-MNIST".
        train: (x (m_train, 28, 28) uint8, y (m_train,) uint8).
        test: (x (m_test, 28, 28) uint8, y (m_test,) uint8).
        class_names: the ten labels' names for Fashion-MNIST; None for MNIST (digits name
            themselves).
        origin: the folder of IDX files or the ``.npz`` file that was read.
        downloaded: whether this call downloaded it.
    """

    name: str
    train: tuple[np.ndarray, np.ndarray]
    test: tuple[np.ndarray, np.ndarray]
    class_names: list[str] | None
    origin: Path
    downloaded: bool


def load_mnist_or_fashion(path: str | os.PathLike | None = None,
                          download: bool = True) -> ImageSet:
    """MNIST where it is found, else Fashion-MNIST where it is found, else MNIST downloaded.

    Args:
        path: a folder of MNIST's four IDX files or a keras ``mnist.npz``: read it, look nowhere
            else. None to search (see :func:`nnkit.datasets.load_mnist` for the places).
        download: allow the checked download of MNIST when neither set is found locally
            (``NNKIT_OFFLINE=1`` forbids it too).

    Raises:
        DatasetError: nothing found and nothing downloaded (the message lists the places looked
            in), or a file is corrupt (the message names it).
    """
    if path is not None:
        origin = Path(path).expanduser()
        return _image_set("MNIST", origin, downloaded=False)
    mnist, looked_mnist = locate_mnist("mnist", download=False)
    if mnist is not None:
        return _image_set("MNIST", mnist, downloaded=False)
    fashion, looked_fashion = locate_mnist("fashion")
    if fashion is not None:
        return _image_set("Fashion-MNIST", fashion, downloaded=False)
    mnist, _ = locate_mnist("mnist", download=download)
    if mnist is not None:
        return _image_set("MNIST", mnist, downloaded=True)
    raise _not_found("MNIST or Fashion-MNIST", looked_mnist + looked_fashion,
                     "Allow the download of MNIST (unset NNKIT_OFFLINE), put MNIST's files in "
                     "$NNKIT_DATA/mnist, or apt-get install dataset-fashion-mnist.")


def _image_set(name: str, origin: Path, downloaded: bool) -> ImageSet:
    train, test = _load_mnist_from(origin)
    class_names = FASHION_MNIST_CLASSES if name == "Fashion-MNIST" else None
    return ImageSet(name, train, test, class_names, origin, downloaded)
