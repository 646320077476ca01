"""Known mistakes per graded function: what the mistaken code returns, and the hint it earns.

``nnkit.reference.mistakes.<assignment>.MISTAKES`` maps a graded function to a list of
:class:`Mistake`: a buggy implementation with the graded function's signature (the mistakes each
notebook warns about, in its own names) and the Korean hint a student who made it should read.
:func:`with_mistakes` runs them on a case's inputs; the build inlines their outputs into the public
tests, where :func:`nnkit.checks.check_case` recognises them.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from nnkit import checks
from nnkit.reference.cases._rng import with_global_seed


@dataclass(frozen=True)
class Mistake:
    """A buggy implementation of a graded function and the hint for whoever wrote it.

    ``part`` (a part label of :func:`nnkit.checks.check_case`, ``"cost"``, ``"b1"``): the mistake
    shows in that part alone, whatever the rest of the result.
    """

    run: Callable[..., Any]
    hint: str
    part: str | None = None


def mistakes_of(assignment: str, function: str) -> list[Mistake]:
    try:
        module = importlib.import_module(f"{__name__}.{assignment}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{assignment}":
            return []
        raise
    return list(module.MISTAKES.get(function, ()))


def with_mistakes(assignment: str, function: str, case: dict[str, Any]) -> dict[str, Any]:
    """``case`` with ``"mistakes"``: the output of each known mistake that differs from the answer.

    A mistake that raises on these inputs, or agrees with the expected answer on them (within the
    checks' tolerance), tells nothing here and is left out.
    """
    outputs = []
    for mistake in mistakes_of(assignment, function):
        try:
            with np.errstate(all="ignore"):  # overflow and log(0) are what some mistakes do
                output = with_global_seed(case.get("rng_seed"), mistake.run,
                                          *copy.deepcopy(case["args"]),
                                          **copy.deepcopy(case.get("kwargs", {})))
        except Exception:  # noqa: BLE001 - a mistake that crashes here has no output to show
            continue
        if checks.matches(output, case["expected"]):
            continue
        entry = {"output": output, "hint": mistake.hint}
        if mistake.part is not None:
            entry["part"] = mistake.part
        outputs.append(entry)
    return {**case, "mistakes": outputs} if outputs else case
