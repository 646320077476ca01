"""The likely cause of a wrong value, read off the evidence: a constant ratio to the expected
value (a missing ``1/m``, a flipped sign, a factor of 2 or 10), or a shape gone wrong."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from nnkit import words


def shape_hint(expected: tuple[int, ...], got: tuple[int, ...]) -> str | None:
    """What a shape ``got`` in place of ``expected`` usually comes from, if it fits a pattern."""
    if len(expected) == 2 and len(got) == 2 and got == expected[::-1]:
        return words.TRANSPOSED
    if len(expected) == 2 and 1 in expected and len(got) == 2 and got[0] == got[1] and got[0] > 1:
        return words.BROADCAST_SQUARE
    if len(got) == len(expected) - 1 and int(np.prod(got)) == int(np.prod(expected)):
        return words.LOST_A_DIMENSION
    if len(got) == 2 and len(expected) == 2 and got[0] == expected[0] and got[1] != expected[1]:
        if expected[1] == 1 and got[1] > 1:
            return words.COLUMNS_MULTIPLIED
    return None


def ratio_hint(got: np.ndarray, expected: np.ndarray, m: int | None,
               names: Mapping[str, str] | None = None, averaged: bool | None = None,
               ) -> str | None:
    """Explain ``got`` as ``k * expected`` (or a zero output) when the evidence fits.

    Only where a mean belongs to the quantity (``averaged``; by default, where ``m`` is known) is
    an integer factor read as a missing ``1/m``: never in an initializer or an update.
    """
    averaged = m is not None if averaged is None else averaged
    g = got.astype(np.float64).ravel()
    e = expected.astype(np.float64).ravel()
    if not (np.all(np.isfinite(g)) and np.all(np.isfinite(e))):
        return None
    ee = float(e @ e)
    if ee == 0.0:
        return None
    if g.size > 1 and not np.any(g):
        return words.ALL_ZEROS
    k = float(g @ e) / ee
    residual = float(np.linalg.norm(g - k * e))
    # A single number is always "proportional": only name the specific factors there.
    proportional = residual <= 1e-3 * max(float(np.linalg.norm(g)), 1e-300)
    if not proportional or k == 0.0:
        return None

    def near(a: float, b: float) -> bool:
        return abs(a - b) <= 1e-3 * abs(b)

    if near(k, -1.0):
        named = names or {}
        return words.sign_flipped(words.difference_words(named.get("output"),
                                                         named.get("labels")))
    count = (names or {}).get("count") or "m"
    if m is not None and m > 2 and near(k, float(m)):
        return words.missing_mean(count, m)
    if m is not None and m > 2 and near(k, 1.0 / m):
        return words.divided_twice(count, m)
    if m is not None and m > 2 and near(k, -float(m)):
        return words.missing_mean_and_sign(count, m)
    if near(k, 2.0) or near(k, 0.5):
        return words.factor_of_two(f"{k:.4g}")
    if near(k, 0.1) or near(k, 10.0):
        return words.factor_of_ten(f"{k:.4g}")
    if g.size > 1 and not near(k, 1.0):
        hint = words.constant_factor(f"{k:.6g}")
        rk = round(k)
        if averaged and rk >= 2 and near(k, float(rk)):
            hint += words.INTEGER_FACTOR
        elif averaged and k > 0 and round(1 / k) >= 2 and near(1 / k, float(round(1 / k))):
            hint += words.INVERSE_INTEGER_FACTOR
        else:
            hint += words.CHECK_THE_CONSTANTS
        return hint
    return None
