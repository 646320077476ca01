"""nnkit.plots: each function returns a Figure with the expected artists, headless."""

from __future__ import annotations

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
from matplotlib.figure import Figure  # noqa: E402

from nnkit import plots  # noqa: E402


@pytest.fixture(autouse=True)
def headless(monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")


def planar_points(m: int = 60) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, m))
    return X, (X[0] > 0).astype(int).reshape(1, m)


def test_decision_boundary_columns():
    X, y = planar_points()
    seen = {}

    def predict(points):
        seen["shape"] = points.shape
        return (points[0:1] > 0).astype(int)  # (1, k), as the planar predict returns

    fig = plots.plot_decision_boundary(predict, X, y, title="boundary")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert seen["shape"][0] == 2 and seen["shape"][1] <= plots.MAX_GRID_POINTS
    assert len(ax.collections) >= 2  # contour set + scatter
    assert ax.get_title() == "boundary"
    offsets = ax.collections[-1].get_offsets()
    np.testing.assert_allclose(offsets, X.T)


def test_decision_boundary_rows_and_wide_range_stays_small():
    rng = np.random.default_rng(1)
    X = rng.normal(scale=100, size=(50, 2))  # step 0.01 would need ~10^8 points
    calls = []

    def predict(points):
        calls.append(points.shape)
        return (points[:, 0] > 0).astype(int)

    fig = plots.plot_decision_boundary(predict, X, X[:, 0] > 0, layout="rows")
    assert isinstance(fig, Figure)
    assert calls[0][1] == 2 and calls[0][0] <= plots.MAX_GRID_POINTS


def test_decision_boundary_on_given_axes():
    fig = Figure()
    ax = fig.add_subplot()
    X, y = planar_points()
    out = plots.plot_decision_boundary(lambda p: p[0] > 0, X, y, ax=ax)
    assert out is fig


def test_costs_single_curve():
    fig = plots.plot_costs([0.69, 0.5, 0.3, 0.25], every=100)
    assert isinstance(fig, Figure)
    (line,) = fig.axes[0].get_lines()
    np.testing.assert_array_equal(line.get_xdata(), [0, 100, 200, 300])
    assert fig.axes[0].get_legend() is None


def test_costs_several_curves():
    fig = plots.plot_costs({"lr=0.01": [1, 0.9], "lr=0.1": [1, 0.5, 0.2]})
    ax = fig.axes[0]
    assert len(ax.get_lines()) == 2
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["lr=0.01", "lr=0.1"]
    fig = plots.plot_costs([[1, 0.9], [1, 0.5]], learning_rates=[0.01, 0.1])
    assert len(fig.axes[0].get_lines()) == 2
    with pytest.raises(ValueError):
        plots.plot_costs([[1, 0.9]], learning_rates=[0.01, 0.1])


def test_accuracy():
    fig = plots.plot_accuracy([0.8, 0.9, 0.95], [0.78, 0.88, 0.9])
    assert isinstance(fig, Figure)
    assert len(fig.axes[0].get_lines()) == 2
    assert len(plots.plot_accuracy([0.5, 0.6]).axes[0].get_lines()) == 1


@pytest.mark.parametrize(
    "images, kwargs",
    [
        (np.zeros((10, 28, 28), np.uint8), {}),
        (np.zeros((10, 32, 32, 3), np.uint8), {"class_names": [str(i) for i in range(10)]}),
        (np.zeros((10, 784)), {}),
        (np.zeros((10, 12)), {"image_shape": (3, 4)}),
    ],
    ids=["mnist", "cifar", "flat784", "flat-shape"],
)
def test_image_grid_shapes(images, kwargs):
    fig = plots.plot_image_grid(images, labels=np.arange(10), ncols=4, **kwargs)
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 12  # 3 rows of 4, two slots hidden
    assert sum(len(ax.images) for ax in fig.axes) == 10


def test_image_grid_marks_wrong_predictions():
    fig = plots.plot_image_grid(np.zeros((3, 28, 28)), labels=[1, 2, 3], predictions=[1, 0, 3],
                                ncols=3)
    titles = [ax.title for ax in fig.axes]
    assert titles[0].get_text() == "1"
    assert "true 2" in titles[1].get_text()
    assert matplotlib.colors.same_color(titles[1].get_color(), "red")


def test_image_grid_flat_unknown_size_needs_shape():
    with pytest.raises(ValueError, match="image_shape"):
        plots.plot_image_grid(np.zeros((2, 10)))
