"""Seeded test inputs with reference outputs, one module per assignment.

``make_case(assignment, function, seed)`` returns plain data
``{"args": [...], "kwargs": {...}, "expected": ...}`` (optionally ``"rng_seed"``, ``"names"``,
``"m"``, ``"order"``, ``"arg_names"``, ``"hint_names"``) that :func:`nnkit.checks.check_case`
consumes; hidden tests call the modules directly.

``public_cases(assignment, function)`` is what the build inlines into the student notebook's
public test: the module's public cases (``public_cases(function)`` when it defines one, else seed
0), each with the outputs of the known mistakes of :mod:`nnkit.reference.mistakes` on its inputs,
so that the student's kernel can say "this is what a double sigmoid gives" without the answers.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from nnkit.reference.cases._rng import with_global_seed

__all__ = ["make_case", "public_cases", "with_global_seed"]


def _module(assignment: str) -> ModuleType:
    try:
        return importlib.import_module(f"{__name__}.{assignment}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{assignment}":
            raise ValueError(f"no cases for assignment {assignment!r}") from exc
        raise


def make_case(assignment: str, function: str, seed: int) -> dict[str, Any]:
    """Dispatch to ``nnkit.reference.cases.<assignment>.make_case(function, seed)``."""
    return _module(assignment).make_case(function, seed)


def public_cases(assignment: str, function: str) -> list[dict[str, Any]]:
    """The public cases of one graded function, known-mistake outputs included."""
    from nnkit.reference.mistakes import with_mistakes

    module = _module(assignment)
    builder = getattr(module, "public_cases", None)
    found = builder(function) if builder is not None else [module.make_case(function, 0)]
    # Strict about types: the student learns here, before submitting, that a float was asked
    # (not a (1, 1) array); the hidden tests weigh the values.
    return [with_mistakes(assignment, function, {**case, "strict_types": True})
            for case in found]
