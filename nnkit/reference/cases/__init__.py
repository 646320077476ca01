"""Seeded test inputs with reference outputs, one module per assignment.

``make_case(assignment, function, seed)`` returns plain data
``{"args": [...], "kwargs": {...}, "expected": ...}`` (optionally ``"rng_seed"``, ``"names"``,
``"m"``) that :func:`nnkit.checks.check_case` consumes. The build inlines seed-0-style public
cases into the student notebook as literals; hidden tests call the modules directly.
"""

from __future__ import annotations

import importlib
from typing import Any

from nnkit.reference.cases._rng import with_global_seed

__all__ = ["make_case", "with_global_seed"]


def make_case(assignment: str, function: str, seed: int) -> dict[str, Any]:
    """Dispatch to ``nnkit.reference.cases.<assignment>.make_case(function, seed)``."""
    try:
        module = importlib.import_module(f"{__name__}.{assignment}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{assignment}":
            raise ValueError(f"no cases for assignment {assignment!r}") from exc
        raise
    return module.make_case(function, seed)
