"""The mnist_mlp cases: plain data, consistent with the reference, small public literals."""

from __future__ import annotations

import numpy as np
import pytest

from grader.authoring.literal import to_literal
from nnkit.reference import mnist_mlp as ref
from nnkit.reference.cases import make_case
from nnkit.reference.cases import mnist_mlp as cases

PLAIN = (np.ndarray, np.generic, int, float, str, type(None), list, tuple, dict)


def _plain(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    return isinstance(value, PLAIN)


@pytest.mark.parametrize("function", cases.FUNCTIONS)
@pytest.mark.parametrize("seed", range(6))
def test_case_is_plain_and_round_trips(function, seed):
    case = make_case("mnist_mlp", function, seed)
    assert set(case) >= {"args", "kwargs", "expected"}
    assert _plain(case)
    rebuilt = eval(to_literal(case), {"np": np})  # noqa: S307 - our own literal
    assert to_literal(rebuilt) == to_literal(case)


@pytest.mark.parametrize("function", cases.FUNCTIONS)
def test_public_case_is_small(function):
    assert len(to_literal(make_case("mnist_mlp", function, 0))) < 5000


def test_sizes_vary_with_seed():
    assert len({cases.sizes(seed) for seed in range(1, 10)}) > 5


def test_ten_classes_where_the_seed_hard_codes_ten():
    for function in cases.TEN_CLASSES:
        for seed in range(4):
            case = make_case("mnist_mlp", function, seed)
            W2 = case["args"][4] if function == "train_step" else case["args"][2]
            assert W2.shape[1] == 10


def test_init_params_case_matches_seeded_reference():
    case = make_case("mnist_mlp", "init_params", 3)
    np.random.seed(case["rng_seed"])
    got = ref.init_params(*case["args"], **case["kwargs"])
    for g, e in zip(got, case["expected"], strict=True):
        np.testing.assert_array_equal(g, e)


def test_cross_entropy_forms_cycle():
    shapes = [tuple(np.shape(a) for a in make_case("mnist_mlp", "cross_entropy_error", s)["args"])
              for s in range(4)]
    assert len(shapes[0][0]) == 2 and shapes[0][0] == shapes[0][1]  # one-hot 2-D
    assert len(shapes[1][1]) == 1  # integer 2-D
    assert len(shapes[2][0]) == 1 and shapes[2][0] == shapes[2][1]  # one-hot 1-D
    assert shapes[3][1] == (1,)  # integer 1-D


def test_relu_grad_cases_avoid_the_kink():
    for seed in range(10):
        (x,) = make_case("mnist_mlp", "relu_grad", seed)["args"]
        assert np.min(np.abs(x)) >= 1e-3


def test_accuracy_case_is_informative():
    values = [make_case("mnist_mlp", "accuracy", s)["expected"] for s in range(1, 8)]
    assert all(0.0 <= v <= 1.0 for v in values)
    assert any(0.0 < v < 1.0 for v in values)


def test_learning_rate_varies_and_is_never_point_one_after_seed_zero():
    rates = [cases.learning_rate(s) for s in range(1, 10)]
    assert 0.1 not in rates and len(set(rates)) > 3


def test_unknown_function():
    with pytest.raises(ValueError, match="unknown function"):
        make_case("mnist_mlp", "nope", 0)
