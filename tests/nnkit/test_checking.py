"""Each module of nnkit.checking on its own, each against a right and a wrong answer
(tests/nnkit/test_checks.py tests the same checks through the public face, nnkit.checks)."""

from __future__ import annotations

import numpy as np
import pytest

from nnkit import words
from nnkit.checking import (
    comparison,
    describe,
    diagnosis,
    explanations,
    failure,
    primitives,
    reseeding,
    runner,
)
from nnkit.checking.case import Case

EXPECTED = np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]])


def test_failure_carries_its_hint_lazily_and_fail_raises_it():
    found = []
    late = failure.CheckFailure("f", "q", "p", lambda: found.append(1) or "h")
    assert not found and late.hint == "h" and found == [1]
    with pytest.raises(AssertionError, match=r"\[f\] q: p"):
        failure.fail("f", "q", "p")


def test_describe_shows_values_and_inputs():
    assert describe.number(1 / 3) == "0.333333" and describe.shape_text((2, 1)) == "(2, 1)"
    assert describe.kind_of(np.zeros((2, 3))) == words.array_described("(2, 3)", "float64")
    inputs = describe.describe_inputs(Case(args=[np.zeros((2, 5)), 5], arg_names=["X"]))
    assert inputs == f"X (2, 5), {words.nth_argument(2)}=5"


def test_diagnosis_reads_a_ratio_and_a_shape():
    assert diagnosis.ratio_hint(EXPECTED * 6, EXPECTED, 6) == words.missing_mean("m", 6)
    assert diagnosis.ratio_hint(-EXPECTED, EXPECTED, None) is not None
    assert diagnosis.ratio_hint(EXPECTED + 1, EXPECTED, 6) is None  # not proportional
    assert diagnosis.shape_hint((2, 3), (3, 2)) == words.TRANSPOSED
    assert diagnosis.shape_hint((2, 3), (2, 3, 1)) is None


def test_primitives_pass_the_right_value_and_fail_a_wrong_one():
    primitives.check_close("f", "A", EXPECTED + 1e-9, EXPECTED)
    with pytest.raises(failure.CheckFailure, match=words.POSITION):
        primitives.check_close("f", "A", EXPECTED * 2, EXPECTED)
    primitives.check_shape("f", "A", EXPECTED, (2, 3))
    with pytest.raises(failure.CheckFailure):
        primitives.check_shape("f", "A", EXPECTED.T, (2, 3))
    with primitives.strict_types(True), pytest.raises(failure.CheckFailure):
        primitives.as_scalar("f", "cost", np.array([[0.5]]))
    assert primitives.as_scalar("f", "cost", np.array([[0.5]])) == 0.5


def test_comparison_walks_nested_results_part_by_part():
    expected = ({"W": EXPECTED}, [1.0, 0.5])
    comparison.compare("f", "r", ({"W": EXPECTED.copy()}, (1.0, 0.5)), expected)
    assert not comparison.matches(({"W": EXPECTED}, [1.0, 0.6]), expected)
    labels = [label for label, *_ in comparison.parts("f", expected, expected,
                                                      ["params", "costs"])]
    assert labels == ["params['W']", "costs"]


def test_runner_runs_a_case_and_says_which_part_is_wrong():
    def right(x):
        return x * 2, x + 1

    def wrong(x):
        return x * 2, x - 1

    case = Case(args=[EXPECTED], expected=right(EXPECTED), names=["double", "next"])
    assert runner.check_case("f", right, case)[0] is not None
    with pytest.raises(failure.CheckFailure) as found:
        runner.check_case("f", wrong, case)
    assert words.returned_parts("double ✓  next ✗") in str(found.value)


def test_runner_checks_a_class_in_stages():
    class Right:
        def __init__(self, n):
            self.w = np.zeros(n)

    class Wrong:
        def __init__(self, n):
            self.w = np.ones(n)

    stage = Case(init={"args": [3]}, read=["w"], expected={"w": np.zeros(3)})
    runner.check_object_case("Net", Right, stage)
    with pytest.raises(failure.CheckFailure):
        runner.check_object_case("Net", Wrong, stage)


def test_reseeding_tells_a_function_that_seeds_itself():
    def draws(n):
        return np.random.randn(n)

    def reseeds(n):
        np.random.seed(0)
        return np.random.randn(n)

    np.random.seed(5)
    case = Case(args=[4], rng_seed=5, draws_from_global_rng=True, expected=np.random.randn(4))
    wrong = reseeds(4)
    assert reseeding.ignores_global_seed("init", reseeds, case, wrong)
    assert not reseeding.ignores_global_seed("init", draws, case, wrong + 1)
    assert reseeding.reseeds_failure("init", case).problem == words.RESEEDS_PROBLEM
    with pytest.raises(failure.CheckFailure) as found:
        runner.check_case("init", reseeds, case)
    assert found.value.problem == words.RESEEDS_PROBLEM
    runner.check_case("init", draws, case)


def test_explanations_by_the_line_then_by_the_exception():
    assert explanations.explain_error("NameError", "name 'x' is not defined") == \
        words.UNDEFINED_NAME
    by_line = explanations.explain_error("TypeError", "only integer scalar arrays",
                                         "y = np.max(0, x)")
    assert by_line == words.reduction_with_two_values("np.max(0, x)", "max")
    assert explanations.explain_error("OSError", "disk") is None
    shown = explanations.student_error_message("f", [("`f`, 2", "x = y")], "NameError", "y")
    assert shown.endswith(words.hint_line(words.UNDEFINED_NAME))
