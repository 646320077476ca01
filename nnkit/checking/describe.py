"""Values as the checks' messages show them: a number, a shape, a kind of value, a case's inputs."""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from nnkit import words

# Longer input lines are cut: the message is read in a notebook cell's output.
INPUTS_WIDTH = 240


def number(x: Any) -> str:
    """A number to 6 significant digits; anything else by its ``repr``."""
    try:
        return f"{float(x):.6g}"
    except (TypeError, ValueError):
        return repr(x)


def shape_text(shape: Sequence[int]) -> str:
    return str(tuple(int(s) for s in shape))


def type_name(t: type | tuple[type, ...]) -> str:
    if isinstance(t, tuple):
        return words.TYPE_SEPARATOR.join(type_name(x) for x in t)
    if t is np.ndarray:
        return words.ARRAY
    return words.TYPE_NAMES.get(t, getattr(t, "__name__", str(t)))


def kind_of(x: Any) -> str:
    """A short description of a value's type (and shape for arrays)."""
    if isinstance(x, np.ndarray):
        return words.array_described(shape_text(x.shape), str(x.dtype))
    if isinstance(x, np.generic):
        return words.numpy_scalar(type(x).__name__)
    if isinstance(x, (list, tuple)):
        return words.sequence_described(type_name(type(x)), len(x))
    # The grader's stand-in for an instance of a student's class names itself.
    description = getattr(type(x), "student_description", None)
    if isinstance(description, property):
        return str(x.student_description)
    return type_name(type(x))


def describe_inputs(case: Mapping[str, Any]) -> str:
    """The inputs of a case in a line: names, shapes and scalar values (``X (2, 5), m=5``)."""
    arg_names = list(case.get("arg_names") or [])
    items = []
    if case.get("init") is not None and not case.get("method"):
        init = case["init"]
        items += [_brief(value) for value in init.get("args", [])]
        items += [_named(str(key), value) for key, value in init.get("kwargs", {}).items()]
    for i, value in enumerate(case.get("args", [])):
        name = arg_names[i] if i < len(arg_names) else words.nth_argument(i + 1)
        items.append(_named(name, value))
    items += [_named(str(key), value) for key, value in dict(case.get("kwargs", {})).items()]
    text = ", ".join(items) or words.NONE_LISTED
    return text if len(text) <= INPUTS_WIDTH else text[:INPUTS_WIDTH - 1] + "…"


def _named(name: str, value: Any) -> str:
    brief = _brief(value)
    return f"{name}={brief}" if _is_scalar_like(value) else f"{name} {brief}"


def _is_scalar_like(value: Any) -> bool:
    return (value is None or isinstance(value, (bool, str, numbers.Number, np.generic))
            or (isinstance(value, np.ndarray) and value.ndim == 0))


def _brief(value: Any) -> str:
    """Arrays by shape, scalars by value, containers by their items."""
    if isinstance(value, np.ndarray):
        return number(value) if value.ndim == 0 else shape_text(value.shape)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key} {_brief(v)}" for key, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_brief(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(_brief(v) for v in value) + ")"
    if isinstance(value, (bool, str)) or value is None:
        return repr(value)
    return number(value)
