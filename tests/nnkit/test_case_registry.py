"""The case modules share one builder signature, one lookup and one way to pick public cases
(nnkit/reference/cases/_registry.py)."""

from __future__ import annotations

import pytest

from nnkit.checking.case import Case
from nnkit.reference import loader
from nnkit.reference.cases._registry import Registry, annotate, builder_of, on_problem

ASSIGNMENTS = ("planar_classification", "logistic_regression", "mnist_mlp", "xor_backprop")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_builder_takes_a_seed_and_gives_a_case(assignment):
    module = loader.cases_module(assignment)
    assert isinstance(module.REGISTRY, Registry) and module.FUNCTIONS == tuple(module.CASES)
    for function, build in module.CASES.items():
        assert isinstance(build(1), Case), function
        made = module.make_case(function, 1)
        assert isinstance(made, Case) and made.arg_names is not None, function
    with pytest.raises(ValueError, match="unknown function"):
        module.make_case("no_such_function", 0)
    with pytest.raises(ValueError, match="unknown function"):
        module.public_cases("no_such_function")


def test_public_cases_are_the_public_seeds_then_the_extra_annotated():
    import types

    reference = types.SimpleNamespace(f=lambda x, y=1: x)
    registry = Registry(reference, on_problem(lambda seed: seed * 10,
                                              {"f": lambda seed, p: Case(args=[p], expected=p)}),
                        {"f": {"output": "A"}}, {"f": lambda: [Case(args=[7], expected=7)]},
                        {"f": (0, 2)})
    cases = registry.public_cases("f")
    assert [case.args for case in cases] == [[0], [20], [7]]
    assert all(case.arg_names == ["x"] and case.hint_names == {"output": "A"} for case in cases)


def test_annotate_leaves_what_a_case_sets_and_a_class_stage_alone():
    import types

    reference = types.SimpleNamespace(f=lambda x: x)
    named = Case(args=[1], expected=1, arg_names=["z"], hint_names={"output": "B"})
    assert annotate(reference, "f", named, {"f": {"output": "A"}}) is named
    stage = Case(init={"args": []}, expected={})
    assert annotate(reference, "f", stage, {"f": {"output": "A"}}) is stage


def test_builder_of_names_what_there_is():
    with pytest.raises(ValueError, match="'a', 'b'"):
        builder_of({"a": 1, "b": 2}, "c")
