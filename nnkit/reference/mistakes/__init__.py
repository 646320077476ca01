"""Known mistakes per graded function: what the mistaken code returns, and the hint it earns.

``nnkit.reference.mistakes.<assignment>.MISTAKES`` maps a graded function to a list of
:class:`Mistake`: a buggy implementation with the graded function's signature (the mistakes each
notebook warns about, in its own names) and the Korean hint a student who made it should read.
:func:`with_mistakes` runs them on a case's inputs; the build inlines their outputs into the public
tests, where :func:`nnkit.checks.check_case` recognises them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from nnkit.checking.case import Case
from nnkit.checking.comparison import matches, parts
from nnkit.reference.cases._rng import with_global_seed
from nnkit.reference.loader import mistakes_module


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
    """The known mistakes of ``function``; none where the assignment has no mistakes module."""
    module = mistakes_module(assignment)
    return [] if module is None else list(module.MISTAKES.get(function, ()))


def with_mistakes(assignment: str, function: str, case: Case | Mapping[str, Any]) -> Case:
    """``case`` with ``mistakes``: the output of each known mistake that differs from the answer.

    A mistake that raises on these inputs, or agrees with the expected answer on them (within the
    checks' tolerance), tells nothing here and is left out.
    """
    case = Case.of(case)
    outputs = []
    for mistake in mistakes_of(assignment, function):
        try:
            with np.errstate(all="ignore"):  # overflow and log(0) are what some mistakes do
                output = with_global_seed(case.rng_seed, mistake.run,
                                          *copy.deepcopy(list(case.args)),
                                          **copy.deepcopy(dict(case.kwargs)))
        except Exception:  # noqa: BLE001 - a mistake that crashes here has no output to show
            continue
        if matches(output, case.expected):
            continue
        entry = {"output": output, "hint": mistake.hint}
        if mistake.part is not None:
            entry = {"output": _only_part(output, case, mistake.part), "hint": mistake.hint,
                     "part": mistake.part}
        outputs.append(entry)
    return case.replace(mistakes=outputs) if outputs else case


def _only_part(output: Any, case: Case, part: str) -> Any:
    """``output`` with every leaf but the part ``part`` left out (None): only that part is
    compared (:func:`nnkit.checks.check_case`), and the public tests carry the rest for nothing."""
    try:
        leaves = parts("", output, case.expected, case.names)
        keep = {id(got) for label, _, got, _ in leaves if label == part}
    except AssertionError:
        return output
    return _map_leaves(output, lambda leaf: leaf if id(leaf) in keep else None)


def _map_leaves(value: Any, change: Callable[[Any], Any]) -> Any:
    if isinstance(value, dict):
        return {key: _map_leaves(item, change) for key, item in value.items()}
    if isinstance(value, (tuple, list)) and not all(
            isinstance(item, (int, float, np.number)) for item in value):
        return type(value)(_map_leaves(item, change) for item in value)
    return change(value)


def sigmoid_mistakes() -> list[Mistake]:
    """The logistic function's known mistakes, for every notebook that grades a ``sigmoid``: each
    hint says what the result is (it matched on these inputs), then the likely cause."""
    return [
        Mistake(lambda z: 1 / (1 + np.exp(z)),
                "결과가 σ(-z) = 1 - σ(z)와 같습니다: 입력의 부호가 뒤집힌 시그모이드입니다 (z가 "
                "크면 1이 아니라 0에 가깝습니다). σ(z) = 1 / (1 + e^(-z))와 식을 비교하세요."),
        Mistake(lambda z: 1 / 1 + np.exp(-z),
                "결과가 1 + e^(-z)와 같아서 1보다 큽니다: σ(z)는 언제나 0과 1 사이 (0, 1)의 "
                "값입니다. 연산자 우선순위 때문에 1 / 1 + np.exp(-z)는 (1 / 1) + e^(-z)로 "
                "계산됩니다: 분모를 괄호로 묶어 1 / (1 + np.exp(-z))로 쓰세요."),
    ]

