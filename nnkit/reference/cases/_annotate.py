"""What every case module shares: its registry lookup, and what every case carries besides its
data (argument names and the notebook's names for hints)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any, TypeVar

Case = dict[str, Any]
Builder = TypeVar("Builder")


def builder_of(registry: Mapping[str, Builder], function: str) -> Builder:
    """``registry[function]``; a name the registry lacks is a ValueError that lists its names."""
    try:
        return registry[function]
    except KeyError:
        raise ValueError(f"unknown function {function!r}; expected one of {tuple(registry)}") \
            from None


def annotated(reference: ModuleType, hint_names: Mapping[str, Mapping[str, str]]
              ) -> Callable[[Callable[..., Case]], Callable[..., Case]]:
    """Decorate an assignment's ``make_case``: each case names its arguments (from the reference
    function's signature) and carries its function's ``hint_names``
    (``{"output": "A2", "labels": "Y"}``, for the functions that compare predictions with
    labels), so that a failure describes the inputs and its hints use the notebook's names."""

    def decorate(make_case: Callable[..., Case]) -> Callable[..., Case]:
        @functools.wraps(make_case)
        def wrapper(function: str, *args: Any, **kwargs: Any) -> Case:
            return annotate(reference, function, make_case(function, *args, **kwargs),
                            hint_names)

        return wrapper

    return decorate


def annotate(reference: ModuleType, function: str, case: Case,
             hint_names: Mapping[str, Mapping[str, str]]) -> Case:
    """``case`` with ``arg_names`` and ``hint_names`` added (existing keys win)."""
    target = getattr(reference, function, None)
    if target is not None and "arg_names" not in case:
        parameters = list(inspect.signature(target).parameters)
        case["arg_names"] = parameters[:len(case.get("args", []))]
    if function in hint_names:
        case.setdefault("hint_names", dict(hint_names[function]))
    return case
