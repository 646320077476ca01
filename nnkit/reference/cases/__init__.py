"""Seeded test inputs with reference outputs, one module per assignment.

``make_case(assignment, function, seed)`` returns the case of
:class:`nnkit.checking.case.Case` that :func:`nnkit.checks.check_case` consumes, as plain data
(what the build inlines into a public test); hidden tests call the modules directly.

``public_cases(assignment, function)`` is what the build inlines into the student notebook's
public test: the module's public cases (:func:`nnkit.reference.cases._registry.public_cases`),
each with the outputs of the known mistakes of :mod:`nnkit.reference.mistakes` on its inputs,
so that the student's kernel can say "this is what a double sigmoid gives" without the answers.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from nnkit.reference.cases._rng import with_global_seed
from nnkit.reference.loader import cases_module

__all__ = ["make_case", "public_cases", "with_global_seed"]


def _module(assignment: str) -> ModuleType:
    module = cases_module(assignment)
    if module is None:
        raise ValueError(f"no cases for assignment {assignment!r}")
    return module


def make_case(assignment: str, function: str, seed: int) -> dict[str, Any]:
    """``nnkit.reference.cases.<assignment>.make_case(function, seed)`` as plain data."""
    return _module(assignment).make_case(function, seed).plain()


def public_cases(assignment: str, function: str) -> list[dict[str, Any]]:
    """The public cases of one graded function, known-mistake outputs included, as plain data."""
    from nnkit.reference.mistakes import with_mistakes

    # Strict about types: the student learns here, before submitting, that a float was asked
    # (not a (1, 1) array); the hidden tests weigh the values.
    return [with_mistakes(assignment, function, case.replace(strict_types=True)).plain()
            for case in _module(assignment).public_cases(function)]
