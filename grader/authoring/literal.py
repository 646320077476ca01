"""Python source for plain data, exact: ``eval(to_literal(x), {"np": numpy})`` rebuilds ``x``.

Used by the build to inline expected values into the student notebook's public tests.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def to_literal(value: Any) -> str:
    """Source text for ``value`` (arrays, NumPy scalars, numbers, str, None, list, tuple, dict)."""
    if value is None or isinstance(value, (bool, str)):
        return repr(value)
    if isinstance(value, np.ndarray):
        return _array_literal(value)
    if isinstance(value, np.generic):
        return f"np.{np.dtype(type(value)).name}({_scalar_literal(value.item())})"
    if isinstance(value, (int, float)):
        return _scalar_literal(value)
    if isinstance(value, list):
        return "[" + ", ".join(to_literal(item) for item in value) + "]"
    if isinstance(value, tuple):
        items = ", ".join(to_literal(item) for item in value)
        return f"({items},)" if len(value) == 1 else f"({items})"
    if isinstance(value, dict):
        items = ", ".join(f"{to_literal(k)}: {to_literal(v)}" for k, v in value.items())
        return "{" + items + "}"
    raise TypeError(f"cannot write {type(value).__name__} as a literal")


def _scalar_literal(value: Any) -> str:
    if isinstance(value, float) and not np.isfinite(value):
        return f"float({str(value)!r})"
    return repr(value)


def _array_literal(array: np.ndarray) -> str:
    flat = ", ".join(_scalar_literal(item) for item in array.ravel().tolist())
    return f"np.array([{flat}], dtype={array.dtype.name!r}).reshape({tuple(array.shape)!r})"
