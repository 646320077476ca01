"""One value against what was asked: type, shape, keys, closeness, 0/1, a gradient, a known
mistake, a decreasing loss, documented defaults. Each returns ``None`` or raises
:class:`~nnkit.checking.failure.CheckFailure`.

Tolerances (measured with the planar corpus, ``tests/corpus/planar_classification/``, on cases
of unit-scale random parameters, n_x 2..5, n_h 2..6, m 3..40):

* ``RTOL = 1e-4``, ``ATOL = 1e-5`` (elementwise ``|got - expected| <= ATOL + RTOL * |expected|``).
  Correct float64 variants (``@`` vs ``np.dot``, Python loops, ``np.mean`` vs ``sum / m``,
  in-place updates, ``1 - tanh(Z1)**2``) differ from the reference by at most 7e-14 relative.
  Float32 computation is the loosest correct variant: over 200 seeds its worst element uses
  3% of this tolerance in ``forward_propagation`` (≤ 3e-7 absolute where Z1 ≈ 0 after
  cancellation) and 0.4% in ``backward_propagation``. The closest known bug, one gradient step
  too few in ``nn_model``, is off by ≥ 2.6e-3 relative (26× RTOL); every other bug by ≥ 9e-2
  relative (a wrong shape, sign, 1/m, activation or initialisation scale), i.e. ≥ 3 orders
  of magnitude.
* ``GRAD_THRESHOLD`` for ``‖g − g̃‖ / (‖g‖ + ‖g̃‖)`` against float64 central differences, and
  ``relative_difference`` itself: :mod:`nnkit.gradcheck`'s, where the threshold's measurements
  are written.
"""

from __future__ import annotations

import contextlib
import contextvars
import inspect
import numbers
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from nnkit import words
from nnkit.checking.describe import kind_of, number, shape_text, type_name
from nnkit.checking.diagnosis import ratio_hint, shape_hint
from nnkit.checking.failure import CheckFailure
from nnkit.gradcheck import GRAD_THRESHOLD, relative_difference

RTOL = 1e-4
ATOL = 1e-5

# Inside a case marked ``strict_types`` (the public ones): a float asked must be a float, even
# where a size-1 array holds the right value. (Booleans for 0/1 are accepted everywhere: they
# compare, count and average as 0/1 do.)
_STRICT_TYPES: contextvars.ContextVar[bool] = contextvars.ContextVar("strict_types",
                                                                     default=False)


@contextlib.contextmanager
def strict_types(strict: bool) -> Iterator[None]:
    """Within: whether a float asked must be a float (see :func:`check_close`)."""
    token = _STRICT_TYPES.set(strict)
    try:
        yield
    finally:
        _STRICT_TYPES.reset(token)


def is_real_scalar(x: Any) -> bool:
    """A real number: Python or NumPy, or a 0-d numeric array; never a bool."""
    if isinstance(x, (bool, np.bool_)):
        return False
    if isinstance(x, numbers.Real):  # float, int, np.floating, np.integer
        return True
    return (
        isinstance(x, np.ndarray)
        and x.ndim == 0
        and (np.issubdtype(x.dtype, np.floating) or np.issubdtype(x.dtype, np.integer))
    )


def is_int(x: Any) -> bool:
    """A Python or NumPy integer, not a bool."""
    return isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_))


def _is_size_one_number(x: Any) -> bool:
    return (isinstance(x, np.ndarray) and x.size == 1 and x.dtype != np.bool_
            and np.issubdtype(x.dtype, np.number))


def check_type(fn: str, quantity: str, got: Any, expected_type: type | tuple[type, ...]) -> None:
    """Check the kind of a value.

    ``float`` accepts any real scalar: Python ``float``/``int``, ``np.float64`` and other NumPy
    scalars, and a 0-d array of a numeric dtype (what ``np.squeeze`` of a (1, 1) array gives).
    Arrays with at least one dimension, lists and bools are rejected. ``int`` accepts Python and
    NumPy integers (not bools, not floats). Other types are checked with ``isinstance``; pass a
    tuple to allow several (``(tuple, list)``).
    """
    types = expected_type if isinstance(expected_type, tuple) else (expected_type,)
    for t in types:
        if t is float and is_real_scalar(got):
            return
        if t is int and is_int(got):
            return
        if t not in (float, int) and isinstance(got, t):
            return
    hint = None
    if float in types and isinstance(got, np.ndarray):
        if got.size == 1:
            hint = words.size_one_array_hint(shape_text(got.shape))
        elif got.ndim == 2 and got.shape[0] == got.shape[1] and got.shape[0] > 1:
            hint = words.square_matrix_hint(shape_text(got.shape))
        else:
            hint = words.REDUCE_TO_ONE_VALUE
    elif int in types and isinstance(got, (float, np.floating)):
        hint = words.SIZE_IS_AN_INTEGER
    elif np.ndarray in types and isinstance(got, (list, tuple)):
        hint = words.RETURN_AN_ARRAY
    raise CheckFailure(fn, quantity, words.wrong_type(type_name(expected_type), kind_of(got)),
                       hint)


def check_shape(fn: str, quantity: str, got: Any, expected_shape: Sequence[int]) -> None:
    """Check that ``got`` is an ndarray of exactly ``expected_shape``."""
    check_type(fn, quantity, got, np.ndarray)
    expected = tuple(int(s) for s in expected_shape)
    actual = tuple(int(s) for s in got.shape)
    if actual != expected:
        raise CheckFailure(fn, quantity,
                           words.wrong_shape(shape_text(expected), shape_text(actual)),
                           shape_hint(expected, actual))


def check_keys(fn: str, quantity: str, got_dict: Any, keys: Sequence[str]) -> None:
    """Check that ``got_dict`` is a dict holding every key in ``keys`` (extra keys are allowed)."""
    check_type(fn, quantity, got_dict, dict)
    missing = [k for k in keys if k not in got_dict]
    if missing:
        have = ", ".join(repr(k) for k in got_dict) or words.NONE_LISTED
        raise CheckFailure(
            fn, quantity,
            words.missing_keys(", ".join(repr(k) for k in missing),
                               ", ".join(repr(k) for k in keys), have),
            words.key_case_hint(repr(missing[0])))


def as_scalar(fn: str, quantity: str, got: Any) -> float:
    """``got`` as a Python float: a real scalar, or a size-1 numeric array outside strict cases
    (see :func:`check_close`); anything else fails as :func:`check_type` does."""
    if _STRICT_TYPES.get() or not _is_size_one_number(got):
        check_type(fn, quantity, got, float)
    return float(np.asarray(got, dtype=np.float64).reshape(-1)[0])


def check_close(
    fn: str,
    quantity: str,
    got: Any,
    expected: Any,
    rtol: float = RTOL,
    atol: float = ATOL,
    m: int | None = None,
    names: Mapping[str, str] | None = None,
) -> None:
    """Check a scalar or an array against the expected value, shape first, then values.

    ``m`` (the number of examples, when a mean over them belongs to the quantity) sharpens the
    hint for a missing ``1/m``; ``names`` (``{"output": "A2", "labels": "Y"}``) lets hints use
    the notebook's own names.

    A scalar expected and a size-1 numeric array received (``np.dot`` gives ``(1, 1)``) are
    compared by value; that a float was asked is checked where types are strict — the public
    cases (``strict_types``), which the student runs before submitting — so the deviation
    costs that check once, not every test that reads the value (docs/design.md, grading policy).
    """
    if isinstance(expected, np.ndarray) and expected.ndim > 0:
        check_shape(fn, quantity, got, expected.shape)
        if not (np.issubdtype(got.dtype, np.number) or got.dtype == np.bool_):
            raise CheckFailure(fn, quantity, words.not_numeric(str(got.dtype)))
        g = np.asarray(got, dtype=np.float64)
        e = np.asarray(expected, dtype=np.float64)
    else:
        g = np.asarray(as_scalar(fn, quantity, got))
        e = np.asarray(expected, dtype=np.float64).reshape(())
    if np.any(np.isnan(g) & ~np.isnan(e)):
        raise CheckFailure(fn, quantity, words.HAS_NAN, words.NAN_HINT)
    if np.any(np.isinf(g) & ~np.isinf(e)):
        raise CheckFailure(fn, quantity, words.HAS_INF, words.INF_HINT)
    ok = np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
    if np.all(ok):
        return
    err = np.abs(g - e)
    err = np.where(np.isnan(err), np.inf, err)
    idx = np.unravel_index(int(np.argmax(err)), err.shape) if err.ndim else ()
    n_bad = int(np.size(ok) - np.count_nonzero(ok))
    where = words.at_position(str(tuple(int(i) for i in idx))) if idx else ""
    problem = words.wrong_values(where, number(e[idx]), number(g[idx]), number(err[idx]))
    if g.ndim:
        problem += words.wrong_elements(n_bad, g.size)
    problem += words.tolerance(f"{rtol:g}", f"{atol:g}") if rtol or atol else ")."
    raise CheckFailure(fn, quantity, problem, lambda: ratio_hint(g, e, m, names))


def check_binary(fn: str, quantity: str, got: Any,
                 names: Mapping[str, str] | None = None) -> None:
    """Check that ``got`` is an array of 0/1 values (integer, bool or integral float dtype)."""
    check_type(fn, quantity, got, np.ndarray)
    if not (np.issubdtype(got.dtype, np.number) or got.dtype == np.bool_):
        raise CheckFailure(fn, quantity, words.not_numeric(str(got.dtype)))
    values = np.asarray(got, dtype=np.float64)
    bad = ~((values == 0) | (values == 1))
    if np.any(bad):
        first = values[bad].ravel()[0]
        hint = None
        if np.all((values >= 0) & (values <= 1)):
            hint = words.threshold_hint((names or {}).get("output") or words.PROBABILITY)
        raise CheckFailure(fn, quantity,
                           words.not_binary(int(np.count_nonzero(bad)), number(first)), hint)


def check_gradient(
    fn: str,
    quantity: str,
    analytic: Any,
    numerical: Any,
    threshold: float = GRAD_THRESHOLD,
) -> None:
    """Compare the student's gradient with a numerical one by ``‖g − g̃‖ / (‖g‖ + ‖g̃‖)``."""
    numerical = np.asarray(numerical, dtype=np.float64)
    check_shape(fn, quantity, analytic, numerical.shape)
    g = np.asarray(analytic, dtype=np.float64)
    if not np.all(np.isfinite(g)):
        raise CheckFailure(fn, quantity, words.GRADIENT_NOT_FINITE)
    diff = relative_difference(g, numerical)
    if diff <= threshold:
        return
    hint = ratio_hint(g, numerical, None, averaged=True) or words.GRADIENT_DIRECTION
    raise CheckFailure(fn, quantity,
                       words.gradient_check_failed(f"{diff:.3g}", f"{threshold:g}",
                                                   number(g.ravel()[0]),
                                                   number(numerical.ravel()[0])),
                       hint)


def check_not_mistake(
    fn: str,
    quantity: str,
    got: Any,
    mistake: Any,
    hint: str,
    rtol: float = RTOL,
    atol: float = ATOL,
) -> None:
    """Fail with ``hint`` when ``got`` equals (within tolerance) the result of a known mistake.

    Call it before :func:`check_close` so that a recognised mistake gets its own explanation.
    ``mistake`` is what the mistaken code returns on the same input; values that do not match its
    shape, or are not numeric, pass silently (the ordinary checks judge them).
    """
    wrong = np.asarray(mistake, dtype=np.float64)
    if not isinstance(got, (np.ndarray, numbers.Real)) or isinstance(got, (bool, np.bool_)):
        return
    g = np.asarray(got)
    if g.shape != wrong.shape or not np.issubdtype(g.dtype, np.number):
        return
    if np.allclose(g.astype(np.float64), wrong, rtol=rtol, atol=atol):
        raise CheckFailure(fn, quantity, words.SAME_AS_A_MISTAKE, hint)


def check_decreasing(fn: str, quantity: str, values: Any, at_most: float = 1.0) -> None:
    """Check that a loss history goes down: finite, and ``values[-1] <= at_most * values[0]``.

    Late values are not compared with a reference (they drift across BLAS builds); this checks
    only the direction (``at_most < 1`` asks for a clear decrease).
    """
    check_type(fn, quantity, values, (list, tuple, np.ndarray))
    v = np.asarray(values, dtype=np.float64).reshape(-1)
    if v.size < 2:
        raise CheckFailure(fn, quantity, words.too_few_values(v.size))
    if not np.all(np.isfinite(v)):
        raise CheckFailure(fn, quantity, words.HISTORY_NOT_FINITE, words.DIVERGED_HINT)
    if v[-1] > at_most * v[0]:
        raise CheckFailure(fn, quantity,
                           words.not_decreasing(number(v[0]), number(v[-1]), f"{at_most:g}"),
                           words.NOT_DECREASING_HINT)


def check_defaults(fn: str, function: Callable[..., Any], expected: Mapping[str, Any]) -> None:
    """Check the documented defaults: each parameter in ``expected`` has that default.

    A function defined without them (an older template, or defaults removed) fails every call
    that relies on them; this one check names the parameter instead.
    """
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        raise CheckFailure(fn, words.PARAMETERS, words.UNREADABLE_DEFINITION) from None
    for name, value in expected.items():
        documented = f"{name}={value!r}"
        found = parameters.get(name)
        if found is None:
            raise CheckFailure(fn, words.parameter(name), words.parameter_missing(name),
                               words.write_the_documented(documented))
        if found.default is inspect.Parameter.empty:
            raise CheckFailure(fn, words.parameter(name), words.NO_DEFAULT,
                               words.give_the_default(documented))
        if found.default != value:
            raise CheckFailure(fn, words.parameter(name),
                               words.other_default(documented, f"{name}={found.default!r}"))
