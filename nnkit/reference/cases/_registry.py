"""What every case module shares: one builder signature, the registry lookup, what every case
carries besides its data (argument names, the notebook's names for hints), and the one way the
public cases are chosen.

A case module defines ``CASES`` (``{function: builder}``, a builder being ``seed → Case``),
``PUBLIC_EXTRA`` (``{function: () → [Case]}``, the public cases beyond the seeds) and, where a
function's public seeds are not just 0, ``PUBLIC_SEEDS``; then::

    REGISTRY = Registry(ref, CASES, HINT_NAMES, PUBLIC_EXTRA, PUBLIC_SEEDS)
    make_case, public_cases = REGISTRY.make_case, REGISTRY.public_cases
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import TypeVar

from nnkit.checking.case import Case

# A graded function's case for a seed: sizes vary with the seed, seed 0 is small (inlined).
Builder = Callable[[int], Case]
# A function's public cases beyond its seeds.
Extra = Callable[[], list[Case]]
Problem = TypeVar("Problem")
Found = TypeVar("Found")


def builder_of(registry: Mapping[str, Found], function: str) -> Found:
    """``registry[function]``; a name the registry lacks is a ValueError that lists its names."""
    try:
        return registry[function]
    except KeyError:
        raise ValueError(f"unknown function {function!r}; expected one of {tuple(registry)}") \
            from None


def on_problem(problem: Callable[[int], Problem],
               builders: Mapping[str, Callable[[int, Problem], Case]]) -> dict[str, Builder]:
    """Builders of the one signature from builders that read the seed's shared problem
    (``problem(seed)``: data, parameters, the reference forward pass)."""
    return {name: functools.partial(_on_problem, problem, build)
            for name, build in builders.items()}


def _on_problem(problem: Callable[[int], Problem], build: Callable[[int, Problem], Case],
                seed: int) -> Case:
    return build(seed, problem(seed))


def annotate(reference: ModuleType, function: str, case: Case,
             hint_names: Mapping[str, Mapping[str, str]]) -> Case:
    """``case`` with ``arg_names`` (from the reference's signature) and its function's
    ``hint_names`` (``{"output": "A2", "labels": "Y"}``, for the functions that compare
    predictions with labels), so that a failure describes the inputs and its hints use the
    notebook's names; what the case sets wins. A graded class's stage (``init``) names its
    own."""
    if case.init is not None:
        return case
    changes = {}
    target = getattr(reference, function, None)
    if target is not None and case.arg_names is None:
        changes["arg_names"] = list(inspect.signature(target).parameters)[:len(case.args)]
    if function in hint_names and case.hint_names is None:
        changes["hint_names"] = dict(hint_names[function])
    return case.replace(**changes) if changes else case


@dataclass(frozen=True)
class Registry:
    """An assignment's case builders and public cases, and the two functions made of them."""

    reference: ModuleType
    cases: Mapping[str, Builder]
    hint_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    public_extra: Mapping[str, Extra] = field(default_factory=dict)
    public_seeds: Mapping[str, Sequence[int]] = field(default_factory=dict)

    def make_case(self, function: str, seed: int) -> Case:
        """The case of ``function`` for ``seed``, annotated; an unknown name is a ValueError."""
        return annotate(self.reference, function, builder_of(self.cases, function)(seed),
                        self.hint_names)

    def public_cases(self, function: str) -> list[Case]:
        """The cases of ``function``'s public seeds (0 unless ``public_seeds`` says otherwise),
        then those of ``public_extra``, annotated like every case."""
        builder_of(self.cases, function)  # an unknown name fails here
        seeded = [self.make_case(function, seed)
                  for seed in self.public_seeds.get(function, (0,))]
        extra = self.public_extra.get(function, list)()
        return seeded + [annotate(self.reference, function, case, self.hint_names)
                         for case in extra]
