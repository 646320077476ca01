"""Generated and bundled toy data sets: planar "flower", XOR, moons, scikit-learn digits.

Nothing is read from disk here; scikit-learn is imported inside the functions that need it.
"""

from __future__ import annotations

import numpy as np


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
    """Two interleaving half-moons, split into train and test as in source 000.

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
