"""Logistic-regression cases: plain data, consistent with the reference; the fake CIFAR writer."""

from __future__ import annotations

import contextlib
import copy
import io

import numpy as np
import pytest

from grader.authoring.literal import to_literal
from nnkit.datasets import load_cifar10
from nnkit.reference import logistic_regression as ref
from nnkit.reference.cases import logistic_regression as cases
from nnkit.reference.cases import make_case

SEEDS = range(0, 12)


# What the wire carries (docs/design.md, "Test cells"): numeric and bool arrays, Python and
# NumPy scalars, str, None, and lists, tuples and dicts of those.
PLAIN_SCALARS = (bool, int, float, str, type(None), np.bool_, np.integer, np.floating)


def plain_leaves(value: object, where: str = "case") -> list[str]:
    """The places in ``value`` that are not plain data (empty when it is all plain)."""
    if isinstance(value, dict):
        return [bad for key, item in value.items()
                for bad in ([f"{where} key {key!r}"] if not isinstance(key, str) else [])
                + plain_leaves(item, f"{where}[{key!r}]")]
    if isinstance(value, list | tuple):
        return [bad for i, item in enumerate(value) for bad in plain_leaves(item, f"{where}[{i}]")]
    if isinstance(value, np.ndarray):
        return [] if value.dtype.kind in "biuf" else [f"{where}: array of dtype {value.dtype}"]
    return [] if isinstance(value, PLAIN_SCALARS) else [f"{where}: {type(value).__name__}"]


def assert_same(got: object, expected: object, where: str = "expected") -> None:
    """Equal structure, equal values to the checks' tolerance."""
    if isinstance(expected, dict):
        assert isinstance(got, dict) and set(got) == set(expected), where
        for key in expected:
            assert_same(got[key], expected[key], f"{where}[{key!r}]")
    elif isinstance(expected, list | tuple):
        assert isinstance(got, list | tuple) and len(got) == len(expected), where
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            assert_same(g, e, f"{where}[{i}]")
    elif isinstance(expected, str | type(None)):
        assert got == expected, where
    else:
        assert np.shape(got) == np.shape(expected), where
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=0, err_msg=where)


@pytest.mark.parametrize("function", cases.FUNCTIONS)
@pytest.mark.parametrize("seed", SEEDS)
def test_cases_are_plain_literals(function: str, seed: int) -> None:
    """Each case is plain data, its literal reads back as the same case, and its expected
    value is what the reference returns on its inputs."""
    case = make_case("logistic_regression", function, seed)
    assert set(case) >= {"args", "kwargs", "expected"}
    assert plain_leaves(case) == []
    source = to_literal(case)
    assert_same(eval(source, {"np": np}), case, "literal")  # noqa: S307 - our own literal
    if seed == 0:
        assert len(source) < 1500, "public cases are inlined in the student notebook"
    if case.get("rng_seed") is not None:
        np.random.seed(case["rng_seed"])
    with contextlib.redirect_stdout(io.StringIO()):  # print_cost in some cases
        computed = getattr(ref, function)(*copy.deepcopy(case["args"]),
                                          **copy.deepcopy(case["kwargs"]))
    assert_same(computed, case["expected"])


@pytest.mark.parametrize("seed", SEEDS)
def test_problem_sizes_and_labels(seed: int) -> None:
    p = cases.random_problem(seed)
    assert 2 <= p["dim"] <= 6
    assert 3 <= p["m"] <= (8 if seed == 0 else 30)
    Y = p["Y"]
    assert Y.shape == (1, p["m"]) and Y.dtype == np.int64
    assert set(np.unique(Y)) == {0, 1}


@pytest.mark.parametrize("seed", SEEDS)
def test_predict_cases_stay_off_the_threshold(seed: int) -> None:
    w, b, X = make_case("logistic_regression", "predict", seed)["args"]
    A = ref.sigmoid(w.T @ X + b)
    assert np.all(np.abs(A - 0.5) > 1e-3)
    z = (w.T @ X + b).ravel()
    assert np.any((z > 0) & (z < 0.5)), "a threshold on z at 0.5 must show"


@pytest.mark.parametrize("seed", SEEDS)
def test_model_cases_stay_off_the_threshold(seed: int) -> None:
    case = make_case("logistic_regression", "model", seed)
    X_train, _, X_test, _ = case["args"]
    w, b = case["expected"]["w"], case["expected"]["b"]
    A = ref.sigmoid(w.T @ np.concatenate([X_train, X_test], axis=1) + b)
    assert np.all(np.abs(A - 0.5) > 1e-3)
    assert X_train.shape[1] != X_test.shape[1], "swapped train/test predictions must show"


def test_broadcast_cost_is_the_seed_bug() -> None:
    m = 7
    A = np.full((1, m), 0.5)
    Y = np.array([[1, 0, 1, 1, 0, 0, 1]])
    assert cases.broadcast_cost(A, Y) == pytest.approx(m * np.log(2))
    Yc = Y.T  # what source 000 computed with (m, 1) labels
    rng = np.random.default_rng(1)
    A = rng.uniform(0.1, 0.9, size=(1, m))
    seed_cost = -np.sum(Yc * np.log(A) + (1 - Yc) * np.log(1 - A)) / m
    assert cases.broadcast_cost(A, Y) == pytest.approx(seed_cost)


def test_stand_in_data_only_where_cifar_is_missing(tmp_path, monkeypatch):
    from nnkit.datasets.fake_cifar import write_fake_cifar10
    from nnkit.reference.cases.logistic_regression import stand_in_data

    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no Keras cache, no nnkit cache
    monkeypatch.setenv("NNKIT_OFFLINE", "1")
    monkeypatch.delenv("NNKIT_DATA", raising=False)
    environment = stand_in_data(tmp_path / "stand-in")
    assert environment == {"NNKIT_DATA": str(tmp_path / "stand-in")}
    monkeypatch.setenv("NNKIT_DATA", environment["NNKIT_DATA"])
    (x_train, y_train), _ = load_cifar10()
    assert x_train.shape[1:] == (32, 32, 3) and y_train.shape[1] == 1

    write_fake_cifar10(tmp_path / "installed")
    monkeypatch.setenv("NNKIT_DATA", str(tmp_path / "installed"))
    assert stand_in_data(tmp_path / "unused") == {}
    assert not (tmp_path / "unused").exists()
