"""nnkit.checking.case.Case: typed and frozen, read as a mapping of the keys that are set, and
interchangeable with the plain dicts that tests write and the build inlines."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from grader.authoring.literal import to_literal
from nnkit import checks
from nnkit.checking.case import Case


def test_a_case_reads_as_the_keys_that_are_set():
    case = Case(args=[1], expected=2, m=3, data={"X": 4})
    assert list(case) == ["args", "kwargs", "expected", "m", "X"]
    assert case["m"] == 3 and case["X"] == 4 and case.get("rng_seed") is None
    assert "rng_seed" not in case and "m" in case
    with pytest.raises(KeyError):
        case["names"]
    assert {**case, "m": 5}["m"] == 5


def test_a_case_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Case(expected=1).m = 2  # type: ignore[misc]


def test_a_dict_becomes_a_case_and_back():
    plain = {"args": [np.ones(2)], "kwargs": {"lr": 0.1}, "expected": 1.0, "names": ["a"],
             "params": {"w": 1}}
    case = Case.of(plain)
    assert case.kwargs == {"lr": 0.1} and case.names == ["a"] and case.data == {"params": {"w": 1}}
    assert Case.of(case) is case
    assert list(case.plain()) == ["args", "kwargs", "expected", "names", "params"]


def test_replace_keeps_the_rest_and_files_unknown_keys_as_data():
    case = Case(args=[1], expected=2).replace(strict_types=True, X=3)
    assert case.strict_types and case.args == [1] and case["X"] == 3


def test_a_plain_case_is_a_literal_the_student_kernel_can_evaluate():
    case = Case(args=[np.arange(3.0)], expected=np.arange(3.0) * 2, m=3, strict_types=True)
    rebuilt = eval(to_literal(case.plain()), {"np": np})  # noqa: S307 - our own literal
    assert checks.check_case("double", lambda x: x * 2, rebuilt) is not None
    with pytest.raises(checks.CheckFailure):
        checks.check_case("double", lambda x: x * 3, rebuilt)


@pytest.mark.parametrize("as_given", [lambda case: case, Case.plain])
def test_check_case_takes_a_case_or_its_dict(as_given):
    case = Case(args=[np.array([1.0, 2.0])], expected=np.array([2.0, 4.0]), arg_names=["x"])
    checks.check_case("double", lambda x: x * 2, as_given(case))
    with pytest.raises(checks.CheckFailure, match="x \\(2,\\)"):
        checks.check_case("double", lambda x: x + 2, as_given(case))
