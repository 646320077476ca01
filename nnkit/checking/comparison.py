"""Nested results (dict / tuple / list / ndarray / scalars) compared part by part with the
primitive checks, and laid out as labelled parts (:func:`parts`) for the case runner."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from nnkit import words
from nnkit.checking.failure import CheckFailure
from nnkit.checking.primitives import (
    ATOL,
    RTOL,
    check_binary,
    check_close,
    check_keys,
    check_shape,
    check_type,
    is_int,
    is_real_scalar,
)

# One leaf of a result: (label, quantity as messages name it, the part got, the part expected).
Part = tuple[str, str, Any, Any]


def compare(
    fn: str,
    quantity: str,
    got: Any,
    expected: Any,
    rtol: float = RTOL,
    atol: float = ATOL,
    m: int | None = None,
    names: Mapping[str, str] | None = None,
) -> None:
    """Compare nested plain data (dict / tuple / list / ndarray / scalars) with the primitive
    checks.

    Tuples and lists are interchangeable (``return a, b`` and ``return [a, b]`` both pass); dicts
    must hold every expected key. Integer arrays whose expected values are all 0/1 are checked
    with :func:`~nnkit.checking.primitives.check_binary` first, so probabilities get the right
    hint.
    """
    if isinstance(expected, Mapping):
        check_keys(fn, quantity, got, list(expected))
        for key, value in expected.items():
            compare(fn, f"{quantity}[{key!r}]", got[key], value, rtol, atol, m, names)
    elif isinstance(expected, (tuple, list)):
        check_count(fn, quantity, got, expected)
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            compare(fn, f"{quantity}[{i}]", g, e, rtol, atol, m, names)
    elif isinstance(expected, np.ndarray) and expected.ndim > 0:
        if np.issubdtype(expected.dtype, np.integer) or expected.dtype == np.bool_:
            check_shape(fn, quantity, got, expected.shape)
            if np.all((expected == 0) | (expected == 1)):
                check_binary(fn, quantity, got, names)
            check_close(fn, quantity, got, expected, rtol=0.0, atol=0.0, m=m, names=names)
        else:
            check_close(fn, quantity, got, expected, rtol, atol, m, names)
    elif isinstance(expected, (bool, np.bool_)):
        check_type(fn, quantity, got, (bool, np.bool_))
        if bool(got) != bool(expected):
            raise CheckFailure(fn, quantity, words.wrong_value(str(expected), str(got)))
    elif is_int(expected):
        check_type(fn, quantity, got, int)
        if int(got) != int(expected):
            raise CheckFailure(fn, quantity,
                               words.wrong_value(str(int(expected)), str(int(got))))
    elif is_real_scalar(expected):
        check_close(fn, quantity, got, expected, rtol, atol, m, names)
    else:
        if got != expected:
            raise CheckFailure(fn, quantity, words.wrong_value(repr(expected), repr(got)))


def matches(got: Any, expected: Any, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """Whether ``got`` passes :func:`compare` against ``expected`` (no message)."""
    try:
        compare("", "", got, expected, rtol, atol)
    except AssertionError:
        return False
    return True


def check_count(fn: str, quantity: str, got: Any, expected: Sequence[Any],
                part_names: Sequence[str] = ()) -> None:
    """``got`` is a tuple or list as long as ``expected``."""
    check_type(fn, quantity, got, (tuple, list))
    if len(got) != len(expected):
        listed = f" ({', '.join(part_names)})" if part_names else ""
        raise CheckFailure(
            fn, quantity, words.wrong_count(len(expected), listed, len(got)),
            words.history_length_hint(len(expected), len(got)) if _is_history(expected, got)
            else words.CHECK_THE_RETURN)


def _is_history(expected: Sequence[Any], got: Any) -> bool:
    """A record of numbers (``costs``, ``losses``): both sides lists of real scalars."""
    return (isinstance(expected, list) and len(expected) > 0
            and all(map(is_real_scalar, expected)) and all(map(is_real_scalar, got)))


def parts(fn: str, got: Any, expected: Any, names: Sequence[Any] | None,
          label: str = "", quantity: str | None = None,
          root: str = words.RESULT) -> Iterator[Part]:
    """``(label, quantity, got part, expected part)`` for every leaf of a nested return value.

    Containers are checked on the way down (type, count, keys); a list of numbers (``costs``) is
    one leaf. ``names`` name the parts of a tuple (nested for nested tuples).
    """
    quantity = root if quantity is None else quantity
    if isinstance(expected, Mapping):
        check_keys(fn, quantity, got, list(expected))
        for key, value in expected.items():
            sub = f"{label}[{key!r}]" if label else str(key)
            yield from parts(fn, got[key], value, None, sub, f"{quantity}[{key!r}]", root)
    elif isinstance(expected, (tuple, list)) and (
            names or not all(map(is_real_scalar, expected))):
        part_names = [part_name(n) for n in names] if names else []
        check_count(fn, quantity, got, expected, part_names)
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            name = names[i] if names and i < len(names) else None
            if name is None:
                sub, sub_names, sub_quantity = f"{label}[{i}]", None, f"{quantity}[{i}]"
            elif isinstance(name, str):
                sub, sub_names, sub_quantity = name, None, f"{root} {name}"
            else:
                sub, sub_names = part_name(name), name
                sub_quantity = f"{root} {sub}"
            yield from parts(fn, g, e, sub_names, sub, sub_quantity, root)
    else:
        yield label or root, quantity, got, expected


def part_name(name: str | Sequence[str]) -> str:
    """A part's label: its name, or its parts' names in parentheses (``(dW1, db1)``)."""
    return name if isinstance(name, str) else f"({', '.join(map(part_name, name))})"
