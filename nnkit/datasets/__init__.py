"""Data sets for the course: generated toys, bundled scikit-learn sets, MNIST and CIFAR-10 readers.

Layouts differ by assignment, as in the course sources; every function states its shapes:

- ``load_planar_dataset`` and ``cat_vs_rest`` return column layout ``(features, m)``.
- ``load_moons``, ``load_xor``, ``load_digits_dataset`` return row layout ``(m, features)``.
- ``load_mnist``, ``load_fashion_mnist`` and ``load_cifar10`` return images keras-style:
  ``(x_train, y_train), (x_test, y_test)`` with uint8 pixels; ``load_mnist_or_fashion`` returns
  the same arrays in an :class:`ImageSet` that also says which set it is and where it came from.

File loaders look for data in this order: an explicit ``path``; ``$NNKIT_DATA``; the Keras cache
(``~/.keras/datasets``); nnkit's cache (``~/.cache/nnkit``), filled by a download that is checked
against a SHA-256 from a fixed table; then they raise :class:`DatasetError` saying how to get the
files. Set ``NNKIT_OFFLINE=1`` (or pass ``download=False``) to forbid downloads. Set
``NNKIT_DOWNLOAD_MNIST`` or ``NNKIT_DOWNLOAD_CIFAR10`` to ``URL#sha256=HEX`` to download that set
from another host (a course's own copy, a test server), checked against that SHA-256.

Importing this module is cheap: scikit-learn is imported inside the functions that need it.

One job per module: :mod:`~nnkit.datasets.toy` (generated and bundled toys),
:mod:`~nnkit.datasets.idx` (IDX files, MNIST, Fashion-MNIST), :mod:`~nnkit.datasets.cifar`
(CIFAR-10), :mod:`~nnkit.datasets.fetch` (the lookup order, checked downloads,
:class:`DatasetError`) and :mod:`~nnkit.datasets.choice` (MNIST or Fashion-MNIST, for a notebook
that must run anywhere). Everything public is re-exported here.
"""

from __future__ import annotations

from .choice import ImageSet, load_mnist_or_fashion

# Public constants outside __all__ are re-exported with "as" (an explicit re-export): notebooks
# and tests read them as nnkit.datasets.NAME, as they did when this package was one module.
from .cifar import CAT_CLASS as CAT_CLASS
from .cifar import CIFAR10_CLASSES, cat_vs_rest, load_cifar10
from .cifar import CIFAR_DIRNAME as CIFAR_DIRNAME
from .cifar import CIFAR_PIXELS as CIFAR_PIXELS
from .cifar import CIFAR_TEST_BATCH as CIFAR_TEST_BATCH
from .cifar import CIFAR_TRAIN_BATCHES as CIFAR_TRAIN_BATCHES
from .fetch import DOWNLOADS as DOWNLOADS
from .fetch import DatasetError
from .idx import FASHION_MNIST_CLASSES as FASHION_MNIST_CLASSES
from .idx import FASHION_MNIST_DEBIAN_DIR as FASHION_MNIST_DEBIAN_DIR
from .idx import GZIP_MAGIC as GZIP_MAGIC
from .idx import IDX_MAGIC as IDX_MAGIC
from .idx import MNIST_FILES as MNIST_FILES
from .idx import ZIP_MAGIC as ZIP_MAGIC
from .idx import load_fashion_mnist, load_mnist, read_idx
from .toy import load_digits_dataset, load_moons, load_planar_dataset, load_xor

__all__ = [
    "CIFAR10_CLASSES",
    "DatasetError",
    "ImageSet",
    "cat_vs_rest",
    "load_cifar10",
    "load_digits_dataset",
    "load_fashion_mnist",
    "load_mnist",
    "load_mnist_or_fashion",
    "load_moons",
    "load_planar_dataset",
    "load_xor",
    "read_idx",
]
