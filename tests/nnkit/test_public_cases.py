"""The public cases of every graded function: the reference passes them, they stay small enough
to inline into the student notebook, and every known mistake is told apart from the answer in
at least one of them (a registry entry that never shows is dead weight)."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from grader.assignment import assignment_names, questions_in
from grader.authoring.literal import to_literal
from nnkit import checks
from nnkit.reference.cases import make_case, public_cases
from nnkit.reference.mistakes import mistakes_of
from tests.support import ROOT

ASSIGNMENTS = assignment_names(ROOT)
FUNCTIONS = [(name, function) for name in ASSIGNMENTS
             for function in importlib.import_module(f"nnkit.reference.cases.{name}").FUNCTIONS]
MAX_LITERAL_CHARS = 30_000  # per function; the student notebook carries them all


def _reference(name: str, function: str):
    return getattr(importlib.import_module(f"nnkit.reference.{name}"), function)


def _check(name: str, function: str, case: dict) -> None:
    reference = _reference(name, function)
    check = checks.check_object_case if isinstance(reference, type) else checks.check_case
    check(function, reference, case)


@pytest.mark.parametrize("name, function", FUNCTIONS)
def test_public_cases_pass_the_reference_and_are_small(name, function):
    found = public_cases(name, function)
    assert len(found) >= 2, "one case cannot tell a default from an argument"
    for case in found:
        _check(name, function, case)
        for mistake in case.get("mistakes", ()):
            assert not checks.matches(mistake["output"], case["expected"]), mistake["hint"]
    assert len(to_literal(found)) <= MAX_LITERAL_CHARS


@pytest.mark.parametrize("name, function", FUNCTIONS)
def test_every_known_mistake_shows_in_a_public_case(name, function):
    hints = {m["hint"] for case in public_cases(name, function) for m in case.get("mistakes", ())}
    for mistake in mistakes_of(name, function):
        assert mistake.hint in hints, f"never told apart from the answer: {mistake.hint}"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_the_registry_names_graded_functions(name):
    registry = importlib.import_module(f"nnkit.reference.mistakes.{name}").MISTAKES
    graded = importlib.import_module(f"nnkit.reference.cases.{name}").FUNCTIONS
    assert set(registry) <= set(graded)


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_cases_are_built_for_exactly_the_notebooks_graded_functions(name):
    """The registry is the list: a graded function without a case builder cannot exist."""
    _, graded = questions_in(ROOT / "solutions" / f"{name}.ipynb")
    assert list(importlib.import_module(f"nnkit.reference.cases.{name}").FUNCTIONS) == graded


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_an_unknown_function_has_no_case(name):
    with pytest.raises(ValueError, match="unknown function 'no_such_function'"):
        make_case(name, "no_such_function", 0)
    with pytest.raises(ValueError, match="unknown function 'no_such_function'"):
        public_cases(name, "no_such_function")


@pytest.mark.parametrize("name, function", FUNCTIONS)
def test_public_cases_are_reproducible_and_leave_the_global_rng_alone(name, function):
    np.random.seed(11)
    state = np.random.get_state()[1].copy()
    first = public_cases(name, function)
    assert np.array_equal(np.random.get_state()[1], state)
    assert to_literal(first) == to_literal(public_cases(name, function))


def test_twolayernet_cases_of_hidden_seeds_pass_the_reference():
    from nnkit.reference import xor_backprop as ref
    from nnkit.reference.cases import xor_backprop as cases

    for seed in (1, 2, 3):
        steps = cases.net_cases(seed)
        assert [case.get("method") for case in steps] == [None, "feed_forward", "train", "train",
                                                           "train"]
        for case in steps:
            checks.check_object_case("TwoLayerNet", ref.TwoLayerNet, case)
