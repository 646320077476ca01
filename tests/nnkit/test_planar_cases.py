"""The seeded planar cases are plain, small, consistent and reproducible."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from nnkit import checks
from nnkit.reference import planar_classification as ref
from nnkit.reference.cases import make_case
from nnkit.reference.cases import planar_classification as cases

PLAIN_SCALARS = (int, float, str, bool, type(None))


def _plain(x) -> bool:
    if isinstance(x, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in x.items())
    if isinstance(x, (list, tuple)):
        return all(_plain(v) for v in x)
    if isinstance(x, np.ndarray):
        return x.dtype.kind in "biuf"
    return type(x) in PLAIN_SCALARS


def _count(x) -> int:
    if isinstance(x, dict):
        return sum(_count(v) for v in x.values())
    if isinstance(x, (list, tuple)):
        return sum(_count(v) for v in x)
    return int(np.size(x))


@pytest.mark.parametrize("function", cases.FUNCTIONS)
@pytest.mark.parametrize("seed", range(8))
def test_cases_are_plain_and_pass_the_reference(function, seed):
    case = make_case("planar_classification", function, seed)
    assert set(case) >= {"args", "kwargs", "expected"}
    assert _plain(case["args"]) and _plain(case["kwargs"]) and _plain(case["expected"])
    checks.check_case(function, getattr(ref, function), case)


@pytest.mark.parametrize("function", cases.FUNCTIONS)
def test_public_cases_are_small(function):
    case = make_case("planar_classification", function, 0)
    assert _count(case["args"]) + _count(case["expected"]) <= 200


@pytest.mark.parametrize("function", cases.FUNCTIONS)
def test_cases_are_reproducible_and_leave_the_global_rng_alone(function):
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    a = make_case("planar_classification", function, 3)
    assert np.array_equal(np.random.get_state()[1], before)
    b = make_case("planar_classification", function, 3)
    checks.compare(function, "case", a["expected"], b["expected"], rtol=0.0, atol=0.0)


def test_fixtures_are_internally_consistent():
    for seed in range(20):
        p = cases.random_problem(seed)
        cache, params = p["cache"], p["parameters"]
        np.testing.assert_array_equal(cache["A1"], np.tanh(cache["Z1"]))
        np.testing.assert_array_equal(cache["A2"], ref.sigmoid(cache["Z2"]))
        np.testing.assert_allclose(cache["Z1"], params["W1"] @ p["X"] + params["b1"])
        assert np.all((cache["A2"] > 0) & (cache["A2"] < 1))
        assert p["Y"].dtype == np.int64 and set(np.unique(p["Y"])) == {0, 1}
        assert p["Y"].shape == (1, p["m"]) and p["X"].shape == (p["n_x"], p["m"])


def test_sizes_vary_with_the_seed():
    shapes = {cases.sizes(seed) for seed in range(30)}
    assert len({s[0] for s in shapes}) >= 3  # n_x
    assert len({s[1] for s in shapes}) >= 4  # n_h
    assert len({s[3] for s in shapes}) >= 10  # m
    assert all(2 <= n_x <= 5 and 2 <= n_h <= 6 and 3 <= m <= 40 for n_x, n_h, _, m in shapes)


def test_rng_cases_reproduce_under_their_seed():
    case = make_case("planar_classification", "initialize_parameters", 4)
    np.random.seed(case["rng_seed"])
    got = ref.initialize_parameters(*copy.deepcopy(case["args"]))
    checks.compare("initialize_parameters", "반환값", got, case["expected"], rtol=0.0, atol=0.0)


def test_predict_cases_avoid_the_threshold():
    for seed in range(20):
        case = make_case("planar_classification", "predict", seed)
        A2, _ = ref.forward_propagation(case["args"][1], case["args"][0])
        assert np.all(np.abs(A2 - 0.5) > 1e-3)


def test_unknown_names_are_errors():
    with pytest.raises(ValueError, match="unknown function 'no_such_function'"):
        make_case("planar_classification", "no_such_function", 0)
    with pytest.raises(ValueError, match="no cases for assignment 'no_such_assignment'"):
        make_case("no_such_assignment", "predict", 0)
