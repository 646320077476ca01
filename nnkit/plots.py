"""Plots for the notebooks: decision boundaries, cost and accuracy curves, image grids.

Every function returns the :class:`matplotlib.figure.Figure` it drew on. Figures are built
with ``matplotlib.figure.Figure``, not pyplot: no backend, no global figure list, never
``plt.show()``, so they run headless (tests, the grader). In a notebook, leave the call as the
cell's last expression or pass the figure to ``display`` (a pyplot figure would show twice).
Functions draw on ``ax`` when given one (pyplot users pass ``plt.gca()``) and return its figure.
matplotlib is imported inside the functions to keep ``import nnkit`` fast.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

__all__ = ["plot_accuracy", "plot_costs", "plot_decision_boundary", "plot_image_grid"]

MAX_GRID_POINTS = 250_000  # bounds predict_fn's work on the decision-boundary mesh


def _new_axes(ax: Any = None, figsize: tuple[float, float] = (6, 4)) -> tuple[Any, Any]:
    """(figure, axes): those of ``ax``, or a new figure with one axes."""
    if ax is not None:
        return ax.figure, ax
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize)
    return fig, fig.add_subplot()


def _grid_step(x_span: float, y_span: float, step: float = 0.01) -> float:
    """0.01 (the course's step) unless the mesh would exceed MAX_GRID_POINTS; then coarser."""
    points = (x_span / step + 1) * (y_span / step + 1)
    if points <= MAX_GRID_POINTS:
        return step
    return float(np.sqrt(x_span * y_span / MAX_GRID_POINTS)) * 1.01


def plot_decision_boundary(
    predict_fn: Callable[[np.ndarray], np.ndarray],
    X: np.ndarray,
    y: np.ndarray,
    ax: Any = None,
    title: str | None = None,
    layout: str = "columns",
) -> Any:
    """Colour the plane by the model's prediction and scatter the points on top.

    Args:
        predict_fn: takes points in the same layout as X, i.e. (2, k) for "columns" or (k, 2)
            for "rows", and returns k labels in any shape of k elements, e.g. (1, k) or (k,).
        X: points, (2, m) in column layout (the planar assignment) or (m, 2) in row layout.
        y: labels, any shape holding m elements, e.g. (1, m) or (m,).
        ax: axes to draw on; None makes a new figure.
        title: axes title.
        layout: "columns" or "rows", the layout of X and of predict_fn's input.

    Returns:
        The figure (a filled contour of the predictions plus one scatter of the points).
    """
    if layout not in ("columns", "rows"):
        raise ValueError(f'layout must be "columns" or "rows", got {layout!r}')
    points = np.asarray(X, dtype=float)
    points = points.T if layout == "columns" else points  # (m, 2) from here on
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"X must hold 2-D points in {layout} layout, got shape {np.shape(X)}")
    labels = np.asarray(y).reshape(-1)
    x_min, x_max = points[:, 0].min() - 1, points[:, 0].max() + 1
    y_min, y_max = points[:, 1].min() - 1, points[:, 1].max() + 1
    step = _grid_step(x_max - x_min, y_max - y_min)
    xx, yy = np.meshgrid(np.arange(x_min, x_max, step), np.arange(y_min, y_max, step))
    grid = np.c_[xx.ravel(), yy.ravel()]
    predicted = np.asarray(predict_fn(grid.T if layout == "columns" else grid))
    zz = predicted.reshape(xx.shape)
    fig, ax = _new_axes(ax)
    ax.contourf(xx, yy, zz, cmap="Spectral", alpha=0.8)
    ax.scatter(points[:, 0], points[:, 1], c=labels, s=15, cmap="Spectral", edgecolors="k",
               linewidths=0.3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return fig


def plot_costs(
    costs: Sequence[float] | Mapping[str, Sequence[float]],
    every: int = 100,
    title: str = "Cost",
    learning_rates: Sequence[float] | None = None,
    ax: Any = None,
) -> Any:
    """Cost curve(s) recorded every ``every`` iterations.

    Args:
        costs: one sequence of costs, or a dict label -> sequence for several curves
            (e.g. one per learning rate), or a list of sequences with ``learning_rates``.
        every: iterations between two recorded costs (x axis is in iterations).
        title: axes title.
        learning_rates: labels "learning rate = lr" for a list of sequences.
        ax: axes to draw on; None makes a new figure.

    Returns:
        The figure, one line per curve (with a legend when there are several).
    """
    curves = _named_curves(costs, learning_rates)
    fig, ax = _new_axes(ax)
    for label, values in curves.items():
        values = np.asarray(values, dtype=float).reshape(-1)
        ax.plot(np.arange(len(values)) * every, values, label=label)
    ax.set_xlabel(f"iterations (every {every})" if every != 1 else "iterations")
    ax.set_ylabel("cost")
    ax.set_title(title)
    if len(curves) > 1 or next(iter(curves)) != "cost":
        ax.legend()
    return fig


def _named_curves(
    costs: Sequence[float] | Mapping[str, Sequence[float]],
    learning_rates: Sequence[float] | None,
) -> dict[str, Sequence[float]]:
    """A dict label -> values from the accepted forms of ``costs``."""
    if isinstance(costs, Mapping):
        return {str(label): values for label, values in costs.items()}
    if learning_rates is not None:
        if len(learning_rates) != len(costs):
            raise ValueError(f"{len(learning_rates)} learning rates for {len(costs)} curves")
        pairs = zip(learning_rates, costs, strict=True)
        return {f"learning rate = {lr}": values for lr, values in pairs}
    return {"cost": costs}


def plot_accuracy(
    train_acc: Sequence[float],
    test_acc: Sequence[float] | None = None,
    ax: Any = None,
    title: str = "Accuracy",
    xlabel: str = "epoch",
) -> Any:
    """Training (and test) accuracy per epoch.

    Args:
        train_acc: accuracies in [0, 1] or percent, one per epoch, shape (n,).
        test_acc: the same for the test set, shape (n,), or None.
        ax: axes to draw on; None makes a new figure.
        title: axes title.
        xlabel: x axis label.

    Returns:
        The figure, with a "train" line and, if given, a dashed "test" line.
    """
    fig, ax = _new_axes(ax)
    epochs = np.arange(1, len(train_acc) + 1)
    ax.plot(epochs, train_acc, label="train")
    if test_acc is not None:
        ax.plot(np.arange(1, len(test_acc) + 1), test_acc, "--", label="test")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("accuracy")
    ax.set_title(title)
    ax.legend(loc="lower right")
    return fig


def plot_image_grid(
    images: np.ndarray,
    labels: Sequence[int] | np.ndarray | None = None,
    class_names: Sequence[str] | None = None,
    ncols: int = 8,
    predictions: Sequence[int] | np.ndarray | None = None,
    image_shape: tuple[int, ...] | None = None,
) -> Any:
    """A grid of images titled with their labels (and predictions, red when wrong).

    Args:
        images: (n, h, w) grey, (n, h, w, 3) colour, or flattened (n, h*w[*3]) with
            ``image_shape`` given (28x28 and 32x32x3 are guessed from 784 and 3072 values).
            uint8 in 0..255 or floats in [0, 1].
        labels: n true labels (any shape with n elements), or None.
        class_names: names indexed by label, e.g. ``CIFAR10_CLASSES``.
        ncols: images per row.
        predictions: n predicted labels, or None.
        image_shape: shape of one image when ``images`` is flattened, e.g. (28, 28).

    Returns:
        The figure, one axes per image slot (extra slots hidden).
    """
    from matplotlib.figure import Figure

    images = _as_images(np.asarray(images), image_shape)
    n = len(images)
    ncols = max(1, min(ncols, n))
    nrows = max(1, -(-n // ncols))
    fig = Figure(figsize=(1.4 * ncols, 1.6 * nrows))
    axes = np.atleast_1d(fig.subplots(nrows, ncols)).reshape(-1)
    true = None if labels is None else np.asarray(labels).reshape(-1)
    guess = None if predictions is None else np.asarray(predictions).reshape(-1)
    for i, ax in enumerate(axes):
        ax.axis("off")
        if i >= n:
            continue
        ax.imshow(images[i], cmap="gray" if images[i].ndim == 2 else None)
        _title_image(ax, i, true, guess, class_names)
    fig.tight_layout()
    return fig


def _as_images(images: np.ndarray, image_shape: tuple[int, ...] | None) -> np.ndarray:
    """(n, h, w) or (n, h, w, 3) from any accepted layout."""
    if images.ndim == 2:
        guessed = {784: (28, 28), 3072: (32, 32, 3), 64: (8, 8)}.get(images.shape[1])
        shape = image_shape or guessed
        if shape is None:
            raise ValueError(f"flattened images of {images.shape[1]} values: pass image_shape")
        images = images.reshape(len(images), *shape)
    if images.ndim not in (3, 4):
        raise ValueError(f"images must be (n, h, w), (n, h, w, 3) or flat, got {images.shape}")
    return images


def _title_image(ax: Any, i: int, true: Any, guess: Any, class_names: Any) -> None:
    def name(label: Any) -> str:
        return str(class_names[int(label)]) if class_names is not None else str(label)

    if true is None and guess is None:
        return
    if guess is None:
        ax.set_title(name(true[i]), fontsize=8)
    elif true is None:
        ax.set_title(f"pred {name(guess[i])}", fontsize=8)
    else:
        wrong = int(guess[i]) != int(true[i])
        ax.set_title(f"{name(guess[i])}\n(true {name(true[i])})" if wrong else name(true[i]),
                     fontsize=8, color="red" if wrong else "black")
