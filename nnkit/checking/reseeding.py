"""The global seed of a case, and the probe that tells a function that re-seeds itself.

A case that says ``draws_from_global_rng`` belongs to a function that must draw from the global
RNG the test seeded. When its result is wrong, the function is run once more under another
global seed: the same numbers mean it seeds itself (or draws from its own generator), which the
message then says instead of the wrong values.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import numpy as np

from nnkit import words
from nnkit.checking.case import Case
from nnkit.checking.comparison import parts
from nnkit.checking.failure import CheckFailure


def seed_global_rng(case: Case, offset: int = 0) -> None:
    """``np.random.seed`` with the case's ``rng_seed`` (plus ``offset``), if it has one (just
    before the call)."""
    if case.rng_seed is not None:
        np.random.seed(int(case.rng_seed) + offset)


def ignores_global_seed(fn: str, proxy: Callable[..., Any], case: Case, got: Any) -> bool:
    """Whether a wrong result of a drawing function is the same draws under another global seed.

    Only for a case that says ``draws_from_global_rng`` (a function that seeds itself by
    specification, like ``nn_model``, draws the same numbers whatever the global seed), and only
    on a failure, so a correct function pays nothing. The result must have the
    expected shapes and some spread (all zeros drew nothing, and is another mistake); then the
    function runs once more under another seed: the same numbers mean it seeds itself or draws
    from its own generator, whatever seed it chose.
    """
    if case.rng_seed is None or not case.draws_from_global_rng:
        return False
    leaves = _leaves(fn, got, case)
    expected = _leaves(fn, case.expected, case) or []
    if leaves is None or list(map(np.shape, leaves)) != list(map(np.shape, expected)) or not any(
            np.unique(np.asarray(g, dtype=float)).size > 1 for g in leaves):
        return False
    seed_global_rng(case, offset=1)
    try:
        again = _leaves(fn, proxy(*copy.deepcopy(list(case.args)),
                                  **copy.deepcopy(dict(case.kwargs))), case)
    except Exception:  # noqa: BLE001 - a probe that crashes proves nothing; the failure stands
        return False
    return again is not None and all(map(np.array_equal, leaves, again))


def reseeds_failure(fn: str, case: Case) -> CheckFailure:
    """The failure of a function that re-seeds: :data:`~nnkit.words.RESEEDS_PROBLEM`, with the
    hint for a function that may seed itself except when an argument is None, where that is
    the case."""
    draws = case.draws_from_global_rng
    hint = words.reseeds_when_none_hint(draws) if isinstance(draws, str) else words.RESEEDS_HINT
    return CheckFailure(fn, case.result or words.RESULT, words.RESEEDS_PROBLEM, hint)


def _leaves(fn: str, result: Any, case: Case) -> list[Any] | None:
    """The leaves of ``result`` laid out as the case's expected value, or None if it is not."""
    try:
        return [g for _, _, g, _ in parts(fn, result, case.expected, case.names)]
    except (AssertionError, KeyError, TypeError, IndexError):
        return None
