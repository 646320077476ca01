"""Checks that public and hidden tests call, with Korean messages for the student.

Every check either returns ``None`` or raises :class:`AssertionError` whose message names the
graded function, the quantity, what was expected and what was received, and — where a common
mistake fits the evidence — the likely cause. The grading runner shows only that message.

Values reaching these checks are plain data (ndarrays, Python/NumPy scalars, dict, list, tuple):
in the trusted runner a student's function is a proxy that returns fresh plain data.

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

import contextvars
import copy
import inspect
import numbers
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import numpy as np

from nnkit.gradcheck import GRAD_THRESHOLD, relative_difference

__all__ = [
    "ATOL",
    "GRAD_THRESHOLD",
    "RTOL",
    "CheckFailure",
    "check_binary",
    "check_case",
    "as_scalar",
    "check_close",
    "check_defaults",
    "check_documented_interface",
    "check_decreasing",
    "check_gradient",
    "check_keys",
    "check_not_mistake",
    "check_object_case",
    "check_shape",
    "check_type",
    "compare",
    "fail",
    "matches",
    "relative_difference",
]

RTOL = 1e-4
ATOL = 1e-5

_TYPE_NAMES: dict[type, str] = {
    float: "실수 스칼라 (float)",
    int: "정수 (int)",
    bool: "불리언 (bool)",
    str: "문자열 (str)",
    dict: "딕셔너리 (dict)",
    tuple: "튜플 (tuple)",
    list: "리스트 (list)",
    np.ndarray: "NumPy 배열 (ndarray)",
    type(None): "None",
}


# --------------------------------------------------------------------------- formatting


class CheckFailure(AssertionError):
    """A failed check: which function, which quantity, what is wrong, and the likely cause.

    ``notes`` are extra lines (the inputs of the case, which returned parts are right) shown
    between the problem and the hint. ``hint`` may be a function that finds it: it runs when the
    message is first shown (a ratio over large arrays costs time, and a failure that
    :func:`matches` catches is never shown).
    """

    def __init__(self, fn: str, quantity: str, problem: str,
                 hint: str | Callable[[], str | None] | None = None,
                 notes: Sequence[str] = ()) -> None:
        self.fn, self.quantity, self.problem = fn, quantity, problem
        self._hint = hint
        self.notes = tuple(notes)
        super().__init__(fn, quantity, problem)

    @property
    def hint(self) -> str | None:
        if callable(self._hint):
            self._hint = self._hint()
        return self._hint

    def __str__(self) -> str:
        lines = [f"[{self.fn}] {self.quantity}: {self.problem}", *self.notes]
        if self.hint:
            lines.append(f"힌트: {self.hint}")
        return "\n".join(lines)

    def with_notes(self, *notes: str) -> CheckFailure:
        """The same failure with more lines of context."""
        return CheckFailure(self.fn, self.quantity, self.problem, self._hint,
                            (*self.notes, *(n for n in notes if n)))


def _fail(fn: str, quantity: str, problem: str,
          hint: str | Callable[[], str | None] | None = None) -> CheckFailure:
    return CheckFailure(fn, quantity, problem, hint)


def fail(fn: str, quantity: str, problem: str, hint: str | None = None) -> NoReturn:
    """Fail a test with a message in the checks' voice: ``[fn] quantity: problem`` and a hint.

    For the checks a test needs beyond the ones here (``W2 drawn before W1``, a loss that does
    not go down): every student-visible failure reads the same way.
    """
    raise _fail(fn, quantity, problem, hint)


def _type_name(t: type | tuple[type, ...]) -> str:
    if isinstance(t, tuple):
        return " 또는 ".join(_type_name(x) for x in t)
    return _TYPE_NAMES.get(t, getattr(t, "__name__", str(t)))


def _describe(x: Any) -> str:
    """A short Korean description of a value's type (and shape for arrays)."""
    if isinstance(x, np.ndarray):
        return f"NumPy 배열 (ndarray), shape {tuple(x.shape)}, dtype {x.dtype}"
    if isinstance(x, np.generic):
        return f"NumPy 스칼라 ({type(x).__name__})"
    if isinstance(x, (list, tuple)):
        return f"{_type_name(type(x))}, 길이 {len(x)}"
    # The grader's stand-in for an instance of a student's class names itself.
    description = getattr(type(x), "student_description", None)
    if isinstance(description, property):
        return str(x.student_description)
    return _type_name(type(x))


def _num(x: Any) -> str:
    try:
        return f"{float(x):.6g}"
    except (TypeError, ValueError):
        return repr(x)


def _shape_str(shape: Sequence[int]) -> str:
    return str(tuple(int(s) for s in shape))


# --------------------------------------------------------------------------- type


def _is_real_scalar(x: Any) -> bool:
    if isinstance(x, (bool, np.bool_)):
        return False
    if isinstance(x, numbers.Real):  # float, int, np.floating, np.integer
        return True
    return (
        isinstance(x, np.ndarray)
        and x.ndim == 0
        and (np.issubdtype(x.dtype, np.floating) or np.issubdtype(x.dtype, np.integer))
    )


# Inside a case marked ``"strict_types"`` (the public ones): a float asked must be a float, even
# where a size-1 array holds the right value. (Booleans for 0/1 are accepted everywhere: they
# compare, count and average as 0/1 do.)
_STRICT_TYPES: contextvars.ContextVar[bool] = contextvars.ContextVar("strict_types",
                                                                     default=False)


def _is_size_one_number(x: Any) -> bool:
    return (isinstance(x, np.ndarray) and x.size == 1 and x.dtype != np.bool_
            and np.issubdtype(x.dtype, np.number))


def _is_int(x: Any) -> bool:
    return isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_))


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
        if t is float and _is_real_scalar(got):
            return
        if t is int and _is_int(got):
            return
        if t not in (float, int) and isinstance(got, t):
            return
    hint = None
    if float in types and isinstance(got, np.ndarray):
        if got.size == 1:
            hint = (
                f"shape {_shape_str(got.shape)}인 배열이 아니라 스칼라를 반환하세요. "
                "np.dot으로 합을 구하면 (1, 1) 배열이 됩니다: "
                "np.sum(...)을 쓰거나 float(np.squeeze(...))로 바꾸세요."
            )
        elif got.ndim == 2 and got.shape[0] == got.shape[1] and got.shape[0] > 1:
            hint = (
                f"(m, m) = {_shape_str(got.shape)} 배열이 나왔습니다. (m,1)과 (1,m) 브로드캐스팅 "
                "(broadcasting)으로 행렬이 만들어졌을 가능성이 큽니다: "
                "레이블과 예측값의 shape을 docstring에 적힌 대로 똑같이 맞추세요."
            )
        else:
            hint = "배열 전체를 하나의 값으로 줄이세요 (np.sum 또는 np.mean 후 1/m 스케일 확인)."
    elif int in types and isinstance(got, (float, np.floating)):
        hint = "크기(개수)는 정수여야 합니다. X.shape[0]처럼 shape에서 바로 읽으세요."
    elif np.ndarray in types and isinstance(got, (list, tuple)):
        hint = "리스트가 아니라 NumPy 배열을 반환하세요 (np.array(...))."
    raise _fail(
        fn,
        quantity,
        f"자료형이 다릅니다. 기대: {_type_name(expected_type)}, 실제: {_describe(got)}.",
        hint,
    )


# --------------------------------------------------------------------------- shape


def _shape_hint(expected: tuple[int, ...], got: tuple[int, ...]) -> str | None:
    if len(expected) == 2 and len(got) == 2 and got == expected[::-1]:
        return "shape이 전치 (transpose)되어 있습니다. 행렬 곱의 순서나 .T를 확인하세요."
    if len(expected) == 2 and 1 in expected and len(got) == 2 and got[0] == got[1] and got[0] > 1:
        return (
            "(m,1)과 (1,m) 브로드캐스팅 (broadcasting): "
            "shape이 다른 두 배열을 더하거나 곱해서 정사각 행렬이 되었습니다. "
            "두 배열의 shape을 같게 맞추세요."
        )
    if len(got) == len(expected) - 1 and int(np.prod(got)) == int(np.prod(expected)):
        return (
            "차원이 하나 빠졌습니다. 합계라면 np.sum(..., axis=1, keepdims=True)처럼 "
            "keepdims=True를, 그 밖에는 .reshape(...)으로 2차원 shape을 유지하세요."
        )
    if len(got) == 2 and len(expected) == 2 and got[0] == expected[0] and got[1] != expected[1]:
        if expected[1] == 1 and got[1] > 1:
            return (
                "열이 늘어났습니다: 샘플 축 (axis=1)으로 합하지 않았거나, shape이 다른 배열과의 "
                "브로드캐스팅 (broadcasting)으로 열이 복제되었습니다. 더하거나 빼는 두 배열의 "
                "shape을 확인하세요."
            )
    return None


def check_shape(fn: str, quantity: str, got: Any, expected_shape: Sequence[int]) -> None:
    """Check that ``got`` is an ndarray of exactly ``expected_shape``."""
    check_type(fn, quantity, got, np.ndarray)
    expected = tuple(int(s) for s in expected_shape)
    actual = tuple(int(s) for s in got.shape)
    if actual != expected:
        raise _fail(
            fn,
            quantity,
            f"shape이 다릅니다. 기대: {_shape_str(expected)}, 실제: {_shape_str(actual)}.",
            _shape_hint(expected, actual),
        )


# --------------------------------------------------------------------------- dict keys


def check_keys(fn: str, quantity: str, got_dict: Any, keys: Sequence[str]) -> None:
    """Check that ``got_dict`` is a dict holding every key in ``keys`` (extra keys are allowed)."""
    check_type(fn, quantity, got_dict, dict)
    missing = [k for k in keys if k not in got_dict]
    if missing:
        have = ", ".join(repr(k) for k in got_dict) or "(없음)"
        raise _fail(
            fn,
            quantity,
            f"딕셔너리에 키가 빠졌습니다: {', '.join(repr(k) for k in missing)}. "
            f"기대한 키: {', '.join(repr(k) for k in keys)}; 실제 키: {have}.",
            f"키 이름은 대소문자까지 정확히 맞춰야 합니다 (예: {missing[0]!r}).",
        )


# --------------------------------------------------------------------------- values


def _difference_words(names: Mapping[str, str] | None) -> str:
    """``A2 - Y`` in the notebook's own names, or in words when the test gave none."""
    if names and names.get("output") and names.get("labels"):
        out, labels = names["output"], names["labels"]
        return f"{out} - {labels}인지 {labels} - {out}인지"
    return "예측 - 정답인지 정답 - 예측인지"


def _ratio_hint(got: np.ndarray, expected: np.ndarray, m: int | None,
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
        return (
            "모든 값이 0입니다. 계산 결과를 실제로 반환했는지, "
            "0으로 초기화한 채로 두지 않았는지 확인하세요."
        )
    k = float(g @ e) / ee
    residual = float(np.linalg.norm(g - k * e))
    # A single number is always "proportional": only name the specific factors there.
    proportional = residual <= 1e-3 * max(float(np.linalg.norm(g)), 1e-300)
    if not proportional or k == 0.0:
        return None

    def near(a: float, b: float) -> bool:
        return abs(a - b) <= 1e-3 * abs(b)

    if near(k, -1.0):
        return (
            "부호가 반대입니다 (-1배). "
            f"마이너스 부호나 빼기의 순서 ({_difference_words(names)})를 확인하세요."
        )
    count = (names or {}).get("count") or "m"
    if m is not None and m > 2 and near(k, float(m)):
        return (f"값이 정확히 {count} = {m}배 큽니다: 1/{count} 누락? "
                "(평균을 내지 않았습니다)")
    if m is not None and m > 2 and near(k, 1.0 / m):
        by = particle(count, "으로/로")
        return f"값이 정확히 1/{count} = 1/{m}배 작습니다: {by} 두 번 나누었나요?"
    if m is not None and m > 2 and near(k, -float(m)):
        return f"값이 -{count} = -{m}배입니다: 1/{count} 누락과 부호 반대가 함께 있습니다."
    if near(k, 2.0) or near(k, 0.5):
        return f"값이 기대값의 {k:.4g}배입니다: 2배 차이 (factor of 2) — 계수 2나 1/2를 확인하세요."
    if near(k, 0.1) or near(k, 10.0):
        return (f"값이 기대값의 {k:.4g}배입니다: 곱한 스케일 상수 (0.1, 0.01, 0.001 …)나 "
                "소수점 자리를 확인하세요.")
    if g.size > 1 and not near(k, 1.0):
        hint = f"값이 기대값의 약 {k:.6g}배로, 모두 같은 비율입니다 (상수배 차이)."
        rk = round(k)
        if averaged and rk >= 2 and near(k, float(rk)):
            hint += " 정수배라면 평균을 내는 1/m이 빠졌을 수 있습니다."
        elif averaged and k > 0 and round(1 / k) >= 2 and near(1 / k, float(round(1 / k))):
            hint += " 1/정수배라면 m으로 한 번 더 나누었나요?"
        else:
            hint += " 곱한 상수 (학습률 (learning rate), 스케일, 계수)를 확인하세요."
        return hint
    return None


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
    cases (``"strict_types"``), which the student runs before submitting — so the deviation
    costs that check once, not every test that reads the value (docs/design.md, grading policy).
    """
    if isinstance(expected, np.ndarray) and expected.ndim > 0:
        check_shape(fn, quantity, got, expected.shape)
        if not (np.issubdtype(got.dtype, np.number) or got.dtype == np.bool_):
            raise _fail(fn, quantity, f"숫자 배열이 아닙니다 (dtype {got.dtype}).")
        g = np.asarray(got, dtype=np.float64)
        e = np.asarray(expected, dtype=np.float64)
    else:
        g = np.asarray(as_scalar(fn, quantity, got))
        e = np.asarray(expected, dtype=np.float64).reshape(())
    if np.any(np.isnan(g) & ~np.isnan(e)):
        raise _fail(
            fn,
            quantity,
            "NaN (숫자가 아님) 값이 있습니다.",
            "log(0), 0으로 나누기, 또는 발산 (학습률, 부호)을 확인하세요.",
        )
    if np.any(np.isinf(g) & ~np.isinf(e)):
        raise _fail(
            fn, quantity, "무한대 (inf) 값이 있습니다.", "log(0)이나 exp 오버플로를 확인하세요."
        )
    ok = np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
    if np.all(ok):
        return
    err = np.abs(g - e)
    err = np.where(np.isnan(err), np.inf, err)
    idx = np.unravel_index(int(np.argmax(err)), err.shape) if err.ndim else ()
    n_bad = int(np.size(ok) - np.count_nonzero(ok))
    where = f"위치 {tuple(int(i) for i in idx)}에서 " if idx else ""
    problem = (
        f"값이 다릅니다. {where}기대: {_num(e[idx])}, 실제: {_num(g[idx])} "
        f"(최대 절대 오차 {_num(err[idx])}"
    )
    if g.ndim:
        problem += f", 틀린 원소 {n_bad}/{g.size}개"
    problem += f"; 허용 오차 rtol={rtol:g}, atol={atol:g})." if rtol or atol else ")."
    raise _fail(fn, quantity, problem, lambda: _ratio_hint(g, e, m, names))


def check_binary(fn: str, quantity: str, got: Any,
                 names: Mapping[str, str] | None = None) -> None:
    """Check that ``got`` is an array of 0/1 values (integer, bool or integral float dtype)."""
    check_type(fn, quantity, got, np.ndarray)
    if not (np.issubdtype(got.dtype, np.number) or got.dtype == np.bool_):
        raise _fail(fn, quantity, f"숫자 배열이 아닙니다 (dtype {got.dtype}).")
    values = np.asarray(got, dtype=np.float64)
    bad = ~((values == 0) | (values == 1))
    if np.any(bad):
        first = values[bad].ravel()[0]
        hint = None
        if np.all((values >= 0) & (values <= 1)):
            probability = (names or {}).get("output") or "확률"
            hint = (
                "0과 1 사이의 확률이 그대로 반환되었습니다. 임계값 0.5로 0/1을 만드세요: "
                f"({probability} > 0.5).astype(int)."
            )
        raise _fail(
            fn,
            quantity,
            f"0 또는 1만 있어야 합니다. "
            f"실제로 {int(np.count_nonzero(bad))}개 원소가 0/1이 아닙니다 "
            f"(예: {_num(first)}).",
            hint,
        )


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
        raise _fail(fn, quantity, "기울기에 NaN 또는 inf가 있습니다.")
    diff = relative_difference(g, numerical)
    if diff <= threshold:
        return
    hint = _ratio_hint(g, numerical, None, averaged=True) or (
        "수치 미분 (numerical gradient)과 방향까지 다릅니다. 연쇄 법칙 (chain rule)의 각 항 — 특히 "
        "활성화 함수의 도함수 (캐시에 저장된 활성화로 쓰는지, 활성화 전 값으로 쓰는지)와 "
        "행렬 곱의 순서 — 를 확인하세요."
    )
    raise _fail(
        fn,
        quantity,
        f"기울기 검사 (gradient check) 실패: 상대 차이 ‖g − g̃‖/(‖g‖ + ‖g̃‖) = {diff:.3g} "
        f"(허용 {threshold:g}). "
        f"예: 해석적 {_num(g.ravel()[0])}, 수치적 {_num(numerical.ravel()[0])}.",
        hint,
    )


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
        raise _fail(fn, quantity, "알려진 실수와 같은 결과입니다.", hint)


def check_decreasing(fn: str, quantity: str, values: Any, at_most: float = 1.0) -> None:
    """Check that a loss history goes down: finite, and ``values[-1] <= at_most * values[0]``.

    Late values are not compared with a reference (they drift across BLAS builds); this checks
    only the direction (``at_most < 1`` asks for a clear decrease).
    """
    check_type(fn, quantity, values, (list, tuple, np.ndarray))
    v = np.asarray(values, dtype=np.float64).reshape(-1)
    if v.size < 2:
        raise _fail(fn, quantity, f"값이 {v.size}개뿐입니다. 학습 과정의 기록이 필요합니다.")
    if not np.all(np.isfinite(v)):
        raise _fail(
            fn,
            quantity,
            "NaN 또는 inf가 있습니다.",
            "학습률 (learning rate)이 너무 크거나 갱신 부호가 반대일 수 있습니다.",
        )
    if v[-1] > at_most * v[0]:
        raise _fail(
            fn,
            quantity,
            f"손실이 충분히 줄지 않았습니다. 처음 {_num(v[0])} → 마지막 {_num(v[-1])} "
            f"(기대: 마지막 ≤ {at_most:g} × 처음).",
            "갱신 방향 (θ ← θ - 학습률 × 기울기)의 부호, 학습률, "
            "그리고 갱신한 파라미터를 다음 에포크에서 실제로 쓰는지 확인하세요.",
        )


# --------------------------------------------------------------------------- nested structures


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
    """Compare nested plain data (dict / tuple / list / ndarray / scalars) with the checks above.

    Tuples and lists are interchangeable (``return a, b`` and ``return [a, b]`` both pass); dicts
    must hold every expected key. Integer arrays whose expected values are all 0/1 are checked
    with :func:`check_binary` first, so probabilities get the right hint.
    """
    if isinstance(expected, Mapping):
        check_keys(fn, quantity, got, list(expected))
        for key, value in expected.items():
            compare(fn, f"{quantity}[{key!r}]", got[key], value, rtol, atol, m, names)
    elif isinstance(expected, (tuple, list)):
        _check_count(fn, quantity, got, expected)
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
            raise _fail(fn, quantity, f"값이 다릅니다. 기대: {expected}, 실제: {got}.")
    elif _is_int(expected):
        check_type(fn, quantity, got, int)
        if int(got) != int(expected):
            raise _fail(fn, quantity, f"값이 다릅니다. 기대: {int(expected)}, 실제: {int(got)}.")
    elif _is_real_scalar(expected):
        check_close(fn, quantity, got, expected, rtol, atol, m, names)
    else:
        if got != expected:
            raise _fail(fn, quantity, f"값이 다릅니다. 기대: {expected!r}, 실제: {got!r}.")


def _check_count(fn: str, quantity: str, got: Any, expected: Sequence[Any],
                 part_names: Sequence[str] = ()) -> None:
    check_type(fn, quantity, got, (tuple, list))
    if len(got) != len(expected):
        listed = f" ({', '.join(part_names)})" if part_names else ""
        raise _fail(
            fn,
            quantity,
            f"원소 개수가 다릅니다. 기대: {len(expected)}개{listed}, 실제: {len(got)}개.",
            _history_length_hint(len(expected), len(got)) if _is_history(expected, got)
            else "return 문에서 반환하는 값의 개수와 순서를 확인하세요.",
        )


def _is_history(expected: Sequence[Any], got: Any) -> bool:
    """A record of numbers (``costs``, ``losses``): both sides lists of real scalars."""
    return (isinstance(expected, list) and len(expected) > 0
            and all(map(_is_real_scalar, expected)) and all(map(_is_real_scalar, got)))


def _history_length_hint(expected: int, got: int) -> str:
    """A history of another length: the loop ran, or recorded, another number of times."""
    more = "많습니다" if got > expected else "적습니다"
    return (f"기록된 값이 기대보다 {more} ({got}개, 기대 {expected}개): 반복한 횟수나 "
            "기록한 간격이 다릅니다. 반복 횟수를 정하는 인자 (num_iterations, epochs …)를 "
            "고정값이 아니라 받은 값 그대로 썼는지 확인하세요.")


def matches(got: Any, expected: Any, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """Whether ``got`` passes :func:`compare` against ``expected`` (no message)."""
    try:
        compare("", "", got, expected, rtol, atol)
    except AssertionError:
        return False
    return True


# --------------------------------------------------------------------------- one case


def check_case(
    fn_name: str,
    proxy: Callable[..., Any],
    case: Mapping[str, Any],
    rtol: float = RTOL,
    atol: float = ATOL,
    m: int | None = None,
) -> Any:
    """Run one case ``{"args": [...], "kwargs": {...}, "expected": ...}`` and compare the result.

    Arguments are deep-copied, so a submission that updates its inputs in place is not penalised
    and cannot corrupt the case. Optional keys:

    * ``"rng_seed"``: ``np.random.seed`` is called with it just before the call;
    * ``"draws_from_global_rng"``: the function must draw from the global RNG (its result
      depends on ``rng_seed``); a wrong result that does not is said to re-seed. True, or the
      name of the argument whose value None is why (``"seed"``: the hint then says so);
    * ``"names"``: the parts of a tuple return (``["A2", "cache"]``; a nested list names the parts
      of a nested tuple, ``[["dW1", "db1"], ["dW2", "db2"]]``);
    * ``"order"``: part labels in the order the function computes them; when several parts are
      wrong, the first one in this order is reported (``cache['A1']`` before ``A2``);
    * ``"mistakes"``: ``[{"output": ..., "hint": "..."}]``, what known mistakes return on these
      inputs; a result equal to one of them fails with that mistake's hint (with ``"part"``: a
      part label, only that part is compared);
    * ``"m"``: the number of examples a mean is taken over, ``"hint_names"``: the notebook's
      names for the hints (``{"output": "A2", "labels": "Y"}``), ``"arg_names"``: the names of
      the positional arguments, for the line that describes the inputs, ``"result"``: what the
      result is called in messages (default ``반환값``), ``"strict_types"``: a float asked must
      be a float (the public cases; elsewhere a size-1 array with the right value passes).

    Every returned part is compared; a failure names the wrong part, lists which parts are right
    (``dW2 ✓ db2 ✓ dW1 ✗ db1 ✗``) and describes the inputs. Returns what the function returned.
    """
    strictness = _STRICT_TYPES.set(bool(case.get("strict_types")))
    try:
        return _run_case(fn_name, proxy, case, rtol, atol, m)
    finally:
        _STRICT_TYPES.reset(strictness)


def _run_case(fn_name: str, proxy: Callable[..., Any], case: Mapping[str, Any], rtol: float,
              atol: float, m: int | None) -> Any:
    args = copy.deepcopy(list(case.get("args", [])))
    kwargs = copy.deepcopy(dict(case.get("kwargs", {})))
    _seed_global_rng(case)
    try:
        got = proxy(*args, **kwargs)
    except Exception as error:  # the student's code raised: say on which inputs
        error.add_note(f"입력: {describe_inputs(case)}")
        raise
    try:
        _check_returned(fn_name, got, case, rtol, atol, m if m is not None else case.get("m"))
    except CheckFailure as failure:
        shown = failure
        if _ignores_global_seed(fn_name, proxy, case, got):
            shown = _fail(fn_name, _root(case), RESEEDS_PROBLEM, _reseeds_hint(case))
        notes = (f"입력: {describe_inputs(case)}", *shown.notes)
        raise CheckFailure(shown.fn, shown.quantity, shown.problem, shown._hint,
                           notes) from None
    return got


def check_object_case(
    fn_name: str,
    cls: Callable[..., Any],
    case: Mapping[str, Any],
    rtol: float = RTOL,
    atol: float = ATOL,
) -> Any:
    """One case for a graded class: construct, set attributes, call a method, compare.

    Keys besides those of :func:`check_case`: ``"init"`` (``{"args", "kwargs"}`` for the
    constructor, after ``rng_seed``), ``"attributes"`` (set on the new object), ``"method"``
    (the method to call with ``args`` / ``kwargs``; none: only construct), ``"repeat"`` (how
    many times to call it, default 1) and ``"read"`` (attribute names whose values after the
    calls are the result, instead of the last return value).
    """
    init = case.get("init", {})
    _seed_global_rng(case)
    obj = cls(*copy.deepcopy(list(init.get("args", []))),
              **copy.deepcopy(dict(init.get("kwargs", {}))))
    for name, value in dict(case.get("attributes", {})).items():
        setattr(obj, name, copy.deepcopy(value))

    def call(*args: Any, **kwargs: Any) -> Any:
        result = None
        for _ in range(int(case.get("repeat", 1)) if case.get("method") else 0):
            result = getattr(obj, case["method"])(*copy.deepcopy(args), **kwargs)
        read = case.get("read")
        return {name: _attribute(fn_name, obj, name) for name in read} if read else result

    return check_case(fn_name, call, {k: v for k, v in case.items() if k != "rng_seed"},
                      rtol, atol)


# What an object case's result is called (its ``"result"``): the words are the checks'.


def attributes_of(what: str) -> str:
    """The attributes read after ``what`` (a construction: ``TwoLayerNet(2, 3, 1), seed=5``)."""
    return f"{what}의 속성"


def returned_by(call: str) -> str:
    return f"{call}의 반환값"


def attributes_after_one_call(condition: str, call: str) -> str:
    return f"{condition}일 때 {call} 한 번 뒤의 속성"


def attributes_after_two_calls(call: str) -> str:
    """Two training steps, the second from the output of the first."""
    return f"{particle(call, '을/를')} 두 번 부른 뒤의 속성 (두 번째 걸음은 새 출력으로)"


def _attribute(fn: str, obj: Any, name: str) -> Any:
    try:
        return getattr(obj, name)
    except AttributeError:
        raise _fail(fn, f"self.{name}", "속성이 없습니다.",
                    f"__init__이나 메서드에서 self.{name}에 값을 넣었는지 확인하세요.") from None


def _check_returned(fn: str, got: Any, case: Mapping[str, Any], rtol: float, atol: float,
                    m: int | None) -> None:
    names = case.get("hint_names")
    parts = list(_parts(fn, got, case["expected"], case.get("names"), root=_root(case)))
    failures: dict[str, CheckFailure] = {}
    for label, quantity, g, e in parts:
        try:
            compare(fn, quantity, g, e, rtol, atol, m, names)
        except CheckFailure as failure:
            failures[label] = failure
    if not failures:
        return  # a right answer is never matched against the known mistakes
    for mistake in case.get("mistakes", ()):
        _check_not_known(fn, got, parts, case, mistake, rtol, atol)
    labels = [label for label, *_ in parts]
    order = [label for label in case.get("order", ()) if label in labels]
    order += [label for label in labels if label not in order]
    first = next(label for label in order if label in failures)
    if len(parts) == 1:
        raise failures[first]
    echoed = _echoed_arguments(case, parts)
    marks = "  ".join(f"{label} {'✗' if label in failures else '✓'}" for label in order
                      if label in failures or label not in echoed)
    note = f"반환값 검사: {marks}"
    if len(failures) > 1:
        note += f" — 처음 틀린 {first}부터 고치세요."
    raise failures[first].with_notes(note)


def _echoed_arguments(case: Mapping[str, Any], parts: list) -> set[str]:
    """Returned parts that only hand an argument back (``model``'s ``learning_rate``): a ✓ there
    would read as "your learning rate is right" whether or not the function used it."""
    given = dict(zip(case.get("arg_names") or (), case.get("args", ()), strict=False))
    given.update(case.get("kwargs", {}))
    return {label for label, _, _, expected in parts
            if label in given and _is_real_scalar(expected)
            and _is_real_scalar(given[label]) and float(given[label]) == float(expected)}


def _check_not_known(fn: str, got: Any, parts: list, case: Mapping[str, Any],
                     mistake: Mapping[str, Any], rtol: float, atol: float) -> None:
    """Fail with the mistake's hint when the result (or its part ``mistake["part"]``) is what
    the mistaken code returns."""
    label = mistake.get("part")
    if label is None:
        if matches(got, mistake["output"], rtol, atol):
            raise _fail(fn, _root(case), "알려진 실수를 했을 때와 같은 결과입니다.",
                        mistake["hint"])
        return
    try:
        theirs = {part[0]: part[2] for part in
                  _parts(fn, mistake["output"], case["expected"], case.get("names"))}
    except AssertionError:
        return
    mine = {part[0]: (part[1], part[2]) for part in parts}
    if label in mine and label in theirs and matches(mine[label][1], theirs[label], rtol, atol):
        raise _fail(fn, mine[label][0], "알려진 실수를 했을 때와 같은 값입니다.", mistake["hint"])


RESEEDS_PROBLEM = "전역 시드 (np.random.seed)를 바꿔도 똑같은 난수가 나옵니다."
RESEEDS_HINT = ("함수 안에서 np.random.seed(...)로 시드를 다시 정했거나 따로 만든 난수 생성기 "
                "(np.random.default_rng 등)에서 뽑은 것 같습니다. 시드는 함수 밖에서 정하고, 함수 "
                "안에서는 전역 난수 생성기 (np.random.randn)로 뽑기만 하세요.")


def reseeds_when_none_hint(argument: str) -> str:
    """The hint for a function that may seed itself, but not when ``argument`` is None."""
    return (f"{argument}=None이면 np.random.seed를 부르지 마세요: 호출한 쪽이 정해 둔 전역 난수 "
            "생성기의 상태에서 (np.random.randn) 그대로 뽑아야 합니다.")


def _reseeds_hint(case: Mapping[str, Any]) -> str:
    draws = case["draws_from_global_rng"]
    return reseeds_when_none_hint(draws) if isinstance(draws, str) else RESEEDS_HINT


def _ignores_global_seed(fn: str, proxy: Callable[..., Any], case: Mapping[str, Any],
                         got: Any) -> bool:
    """Whether a wrong result of a drawing function is the same draws under another global seed.

    Only for a case that says ``"draws_from_global_rng"`` (a function that seeds itself by
    specification, like ``nn_model``, draws the same numbers whatever the global seed), and only
    on a failure, so a correct function pays nothing. The result must have the
    expected shapes and some spread (all zeros drew nothing, and is another mistake); then the
    function runs once more under another seed: the same numbers mean it seeds itself or draws
    from its own generator, whatever seed it chose.
    """
    if case.get("rng_seed") is None or not case.get("draws_from_global_rng"):
        return False
    leaves = _leaves(fn, got, case)
    expected = _leaves(fn, case["expected"], case) or []
    if leaves is None or list(map(np.shape, leaves)) != list(map(np.shape, expected)) or not any(
            np.unique(np.asarray(g, dtype=float)).size > 1 for g in leaves):
        return False
    _seed_global_rng(case, offset=1)
    try:
        again = _leaves(fn, proxy(*copy.deepcopy(list(case.get("args", []))),
                                  **copy.deepcopy(dict(case.get("kwargs", {})))), case)
    except Exception:  # noqa: BLE001 - a probe that crashes proves nothing; the failure stands
        return False
    return again is not None and all(map(np.array_equal, leaves, again))


def _leaves(fn: str, result: Any, case: Mapping[str, Any]) -> list[Any] | None:
    """The leaves of ``result`` laid out as the case's expected value, or None if it is not."""
    try:
        return [g for _, _, g, _ in _parts(fn, result, case["expected"], case.get("names"))]
    except (AssertionError, KeyError, TypeError, IndexError):
        return None


def _seed_global_rng(case: Mapping[str, Any], offset: int = 0) -> None:
    """``np.random.seed`` with the case's ``"rng_seed"`` (plus ``offset``), if it has one (just
    before the call)."""
    if case.get("rng_seed") is not None:
        np.random.seed(int(case["rng_seed"]) + offset)


def _root(case: Mapping[str, Any]) -> str:
    """What the result is called in messages: ``반환값``, or the case's ``"result"``."""
    return str(case.get("result", "반환값"))


def _parts(fn: str, got: Any, expected: Any, names: Sequence[Any] | None,
           label: str = "", quantity: str | None = None, root: str = "반환값"):
    """``(label, quantity, got part, expected part)`` for every leaf of a nested return value.

    Containers are checked on the way down (type, count, keys); a list of numbers (``costs``) is
    one leaf.
    """
    quantity = root if quantity is None else quantity
    if isinstance(expected, Mapping):
        check_keys(fn, quantity, got, list(expected))
        for key, value in expected.items():
            sub = f"{label}[{key!r}]" if label else str(key)
            yield from _parts(fn, got[key], value, None, sub, f"{quantity}[{key!r}]", root)
    elif isinstance(expected, (tuple, list)) and (
            names or not all(map(_is_real_scalar, expected))):
        part_names = [_part_name(n) for n in names] if names else []
        _check_count(fn, quantity, got, expected, part_names)
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            name = names[i] if names and i < len(names) else None
            if name is None:
                sub, sub_names, sub_quantity = f"{label}[{i}]", None, f"{quantity}[{i}]"
            elif isinstance(name, str):
                sub, sub_names, sub_quantity = name, None, f"{root} {name}"
            else:
                sub, sub_names = _part_name(name), name
                sub_quantity = f"{root} {sub}"
            yield from _parts(fn, g, e, sub_names, sub, sub_quantity, root)
    else:
        yield label or root, quantity, got, expected


def _part_name(name: str | Sequence[str]) -> str:
    return name if isinstance(name, str) else f"({', '.join(map(_part_name, name))})"


def describe_inputs(case: Mapping[str, Any]) -> str:
    """The inputs of a case in a line: names, shapes and scalar values (``X (2, 5), m=5``)."""
    arg_names = list(case.get("arg_names") or [])
    items = []
    if "init" in case and not case.get("method"):
        init = case["init"]
        items += [_brief(value) for value in init.get("args", [])]
        items += [_named(str(key), value) for key, value in init.get("kwargs", {}).items()]
    for i, value in enumerate(case.get("args", [])):
        name = arg_names[i] if i < len(arg_names) else f"인자 {i + 1}"
        items.append(_named(name, value))
    items += [_named(str(key), value) for key, value in dict(case.get("kwargs", {})).items()]
    text = ", ".join(items) or "(없음)"
    return text if len(text) <= 240 else text[:239] + "…"


def _named(name: str, value: Any) -> str:
    brief = _brief(value)
    return f"{name}={brief}" if _is_scalar_like(value) else f"{name} {brief}"


def _is_scalar_like(value: Any) -> bool:
    return (value is None or isinstance(value, (bool, str, numbers.Number, np.generic))
            or (isinstance(value, np.ndarray) and value.ndim == 0))


def _brief(value: Any) -> str:
    """Arrays by shape, scalars by value, containers by their items."""
    if isinstance(value, np.ndarray):
        return _num(value) if value.ndim == 0 else _shape_str(value.shape)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key} {_brief(v)}" for key, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_brief(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(_brief(v) for v in value) + ")"
    if isinstance(value, (bool, str)) or value is None:
        return repr(value)
    return _num(value)


# --------------------------------------------------------------------------- errors in student code

# (exception type, text it contains or None, explanation), first match wins.
_ERROR_EXPLANATIONS: tuple[tuple[str, str | None, str], ...] = (
    ("NameError", None,
     "정의되지 않은 이름입니다. 아직 채우지 않은 `...` 부분이 있거나, 이름에 오타가 있거나, "
     "그 이름을 만드는 셀을 아직 실행하지 않았습니다."),
    ("UnboundLocalError", None,
     "값을 넣기 전에 쓴 지역 변수가 있습니다. 계산하는 순서를 확인하세요."),
    ("ValueError", "not aligned",
     "행렬 곱 (np.dot)의 안쪽 차원이 맞지 않습니다. 두 배열의 shape을 적어 보고, "
     "곱하는 순서와 전치 (.T)를 확인하세요."),
    ("ValueError", "matmul",
     "행렬 곱 (@)의 안쪽 차원이 맞지 않습니다. 두 배열의 shape을 적어 보고, "
     "곱하는 순서와 전치 (.T)를 확인하세요."),
    ("ValueError", "broadcast",
     "shape이 맞지 않아 브로드캐스팅 (broadcasting)을 할 수 없습니다. "
     "연산하는 두 배열의 shape을 확인하세요."),
    ("ValueError", "unpack",
     "받는 변수의 개수와 반환값의 개수가 다릅니다. 부르는 함수가 무엇을 몇 개 반환하는지 "
     "docstring에서 확인하세요."),
    ("TypeError", "NoneType",
     "어떤 값이 None입니다. return 문이 빠진 함수나, 아직 채우지 않은 함수를 부르고 있지 "
     "않은지 확인하세요."),
    ("TypeError", "only integer scalar arrays",
     "정수가 필요한 자리 (shape, 인덱스, range)에 배열을 넘겼습니다. 크기는 X.shape[0]처럼 "
     "정수로 쓰세요."),
    ("TypeError", "unexpected keyword argument",
     "함수 정의에 없는 이름의 키워드 인자를 넘겼습니다. def 줄의 인자 이름을 확인하세요."),
    ("TypeError", "positional argument",
     "함수에 넘긴 인자의 개수가 정의와 다릅니다. 부르는 곳과 def 줄의 인자를 비교하세요."),
    ("AxisError", None,
     "배열에 없는 축 (axis)을 썼습니다. 1차원 배열 (샘플 하나)에는 axis=1이 없습니다: "
     "입력의 차원 (ndim)을 확인하세요."),
    ("IndexError", "must be of integer",
     "정수가 아닌 배열을 인덱스로 썼습니다. 레이블이 정수인지, 원-핫 행렬의 열의 수 "
     "(클래스 수)가 확률의 열의 수와 같은지 확인하세요."),
    ("IndexError", None,
     "배열의 범위를 벗어난 인덱스입니다. 인덱스를 쓰는 축 (axis)과 그 축의 크기를 확인하세요."),
    ("KeyError", None,
     "딕셔너리에 없는 키입니다. 키 이름을 대소문자까지 정확히 확인하세요."),
    ("ZeroDivisionError", None, "0으로 나누었습니다. 나누는 값이 어디서 오는지 확인하세요."),
    ("AttributeError", "NoneType",
     "None의 속성을 썼습니다. return 문이 빠진 함수의 결과를 쓰고 있지 않은지 확인하세요."),
    ("AttributeError", None,
     "없는 속성 (attribute)을 썼습니다. 이름의 오타나, 배열이 아닌 값 (리스트 등)에 "
     ".shape 같은 배열의 속성을 쓰지 않았는지 확인하세요."),
    ("RecursionError", None,
     "함수가 자기 자신을 끝없이 부릅니다. 함수 안에서 같은 이름의 함수를 부르지 않았는지 "
     "확인하세요."),
)


def check_defaults(fn: str, function: Callable[..., Any], expected: Mapping[str, Any]) -> None:
    """Check the documented defaults: each parameter in ``expected`` has that default.

    A function defined without them (an older template, or defaults removed) fails every call
    that relies on them; this one check names the parameter instead.
    """
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        raise _fail(fn, "매개변수", "함수의 정의를 읽을 수 없습니다.") from None
    for name, value in expected.items():
        documented = f"{name}={value!r}"
        parameter = parameters.get(name)
        if parameter is None:
            raise _fail(fn, f"매개변수 {name}", f"정의에 {particle(name, '이/가')} 없습니다.",
                        f"노트북에 적힌 def 줄대로 {particle(documented, '을/를')} 두세요.")
        if parameter.default is inspect.Parameter.empty:
            raise _fail(fn, f"매개변수 {name}", "기본값이 없습니다.",
                        f"노트북에 적힌 대로 {particle(documented, '으로/로')} 두세요: "
                        "채점은 이 인자를 생략하고도 "
                        "부릅니다.")
        if parameter.default != value:
            actual = f"{name}={parameter.default!r}"
            raise _fail(fn, f"매개변수 {name}",
                        f"기본값이 다릅니다. 기대: {documented}, 실제: {actual}.")


CASE_CONTEXT_KEYS = ("args", "rng_seed", "names", "order", "m", "hint_names", "arg_names")


def check_documented_interface(
    fn: str,
    function: Callable[..., Any],
    reference: Callable[..., Any],
    case: Mapping[str, Any],
    defaults: Mapping[str, Any],
    omit: Sequence[str] | None = None,
    talkative: Mapping[str, Any] | None = None,
) -> None:
    """The function as the notebook documents it: its defaults, a call that relies on them,
    and the path that prints (what it prints is not read; a crash there is a failure).

    ``case``: one of the function's cases. ``omit``: the defaults the call leaves out (all of
    ``defaults`` unless told; a default of 10,000 iterations is checked by value only).
    ``talkative``: the keyword arguments that make it print (``{"print_cost": True}``).
    """
    check_defaults(fn, function, defaults)
    omitted = sorted(defaults if omit is None else omit)
    context = {key: case[key] for key in CASE_CONTEXT_KEYS if key in case}
    kwargs = {k: v for k, v in case.get("kwargs", {}).items() if k not in omitted}
    _seed_global_rng(case)
    expected = reference(*copy.deepcopy(list(case.get("args", []))), **copy.deepcopy(kwargs))
    check_case(fn, function, {**context, "kwargs": kwargs, "expected": expected,
                              "result": particle(", ".join(omitted), "을/를")
                              + " 생략하고 부른 반환값"})
    if talkative:
        flags = ", ".join(f"{k}={v!r}" for k, v in talkative.items())
        check_case(fn, function, {**context, "kwargs": {**case.get("kwargs", {}), **talkative},
                                  "expected": case["expected"],
                                  "result": particle(flags, "으로/로")
                                  + " 부른 반환값 (출력 내용은 보지 않습니다)"})


def signature_message(function: str, documented: str) -> str:
    """The student's function was called as documented and its parameters do not fit."""
    return (f"`{function}`의 매개변수가 노트북에 적힌 정의와 다릅니다: 채점은 "
            f"{particle(code(function + documented), '으로/로')} 부릅니다. "
            "다른 과제 양식 (예전 템플릿)의 정의를 옮겨 "
            "왔다면 def 줄을 노트북의 것으로 바꾸세요.")


def notebook_global_message(function: str, name: str) -> str:
    """A function used a variable that only the notebook's own run creates."""
    return (f"{code(function)} 안에서 노트북의 전역 변수 {code(name, '을/를')} 썼습니다. "
            "채점할 때는 함수 "
            "정의와 import만 실행하므로 이 변수가 없습니다: 함수가 인자로 받은 값을 쓰세요.")


def _reduction_with_two_values(found: re.Match[str]) -> str:
    which = found["which"]
    what, bigger = ("최댓값", "큰") if which == "max" else ("최솟값", "작은")
    return (f"{found[0]}: np.{which}의 두 번째 인자는 축 (axis)입니다. 두 값을 원소마다 비교하지 "
            f"않고 첫 인자의 그 축에서 {what}을 찾으려 합니다. 원소마다 두 값 중 {bigger} 값은 "
            f"np.{which}imum(…, …)입니다 (예: np.{which}imum(0, x)).")


def _scalar_math(found: re.Match[str]) -> str:
    return (f"{particle('math.' + found['which'], '은/는')} 숫자 하나만 받습니다: "
            "배열을 넘기면 이 오류가 납니다. "
            f"배열의 원소마다 계산하는 {particle('np.' + found['which'], '을/를')} 쓰세요.")


# (pattern of the student's line that raised, exception types, explanation of the match): the
# call decides where the exception's type and text alone would mislead (``np.max(0, x)`` raises
# "only integer scalar arrays", which reads as a size given as an array).
_CALL_EXPLANATIONS: tuple[tuple[re.Pattern[str], tuple[str, ...],
                                Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"\bnp\.a?(?P<which>max|min)\(\s*[^,()]+,\s*[^=,()]+\)"),
     ("TypeError", "AxisError", "ValueError"), _reduction_with_two_values),
    (re.compile(r"\bmath\.(?P<which>exp|log|tanh|sqrt)\("), ("TypeError",), _scalar_math),
)


def explain_call(kind: str, line: str) -> str | None:
    """An explanation chosen by the student's line that raised (``np.max(0, x)``), if one fits."""
    for pattern, kinds, explain in _CALL_EXPLANATIONS:
        found = pattern.search(line)
        if found and kind in kinds:
            return explain(found)
    return None


def explain_error(kind: str, text: str, line: str = "") -> str | None:
    """A Korean explanation of an exception (type name ``kind``, message ``text``), if one fits;
    ``line``, the student's line that raised, decides first (:func:`explain_call`)."""
    by_call = explain_call(kind, line) if line else None
    if by_call:
        return by_call
    for name, fragment, explanation in _ERROR_EXPLANATIONS:
        if kind == name and (fragment is None or fragment in text):
            return explanation
    return None


# ------------------------------------------------------------------- Korean particles

# Letters read alone (``X``, ``b``, ``W1``'s ``W``) as a Korean reader says them: the ones whose
# name ends in a final consonant (엘, 엠, 엔, 알).
_LETTERS_WITH_FINAL = set("lmnr")
# Digits whose Korean and English readings both end in a final consonant (일/원, 칠/세븐,
# 팔/에잇) or both do not (이/투, 사/포, 오/파이브); the others (영/제로, 삼/쓰리, 육/식스, 구/나인)
# are read both ways, and the particle is written with both forms.
_DIGITS_WITH_FINAL = {"1": True, "7": True, "8": True, "2": False, "4": False, "5": False}
_PAIRS = {"이/가": ("이", "가"), "을/를": ("을", "를"), "은/는": ("은", "는"),
          "과/와": ("과", "와"), "으로/로": ("으로", "로")}


def _has_final_consonant(word: str) -> bool | None:
    """Whether ``word`` read aloud ends in a final consonant (받침); None when it is read both
    ways or cannot be told.

    Hangul: its last syllable. A code name (``sigmoid``, ``W1``, ``train_step``): its last
    letters as Korean readers pronounce English — a single letter by its name (``X`` 엑스,
    ``l`` 엘), a final l/m/n/ng (모델, 넷 …), a short vowel then p/t/k or ck (스텝, 넷, 백);
    anything else (시그모이드, 프레딕트, 맥스) has none.
    """
    stripped = word.rstrip("`'\")]}")
    if not stripped:
        return None
    last = stripped[-1]
    if "가" <= last <= "힣":
        return (ord(last) - ord("가")) % 28 != 0
    if last.isdigit():
        return _DIGITS_WITH_FINAL.get(last)
    letters = "".join(c for c in stripped.lower().split("_")[-1] if c.isalpha())
    if not letters:
        return None
    if len(letters) == 1:
        return letters in _LETTERS_WITH_FINAL
    if letters.endswith(("l", "m", "n", "ng", "ck")):
        return True
    vowels = "aeiou"
    return (letters[-1] in "ptk" and letters[-2] in vowels
            and (len(letters) < 3 or letters[-3] not in vowels))


def _ends_in_rieul(word: str) -> bool:
    """Whether ``word`` ends in ㄹ (모델, ``model``, 1 일, 7 칠, 8 팔): it takes 로, not 으로."""
    last = word.rstrip("`'\")]}")[-1:]
    if "가" <= last <= "힣":
        return (ord(last) - ord("가")) % 28 == 8
    return last in "lLrR178"


def particle(word: str, pair: str) -> str:
    """``word`` with the particle of ``pair`` (``"이/가"``, ``"을/를"``, ``"은/는"``, ``"과/와"``,
    ``"으로/로"``) that its last sound takes; ``이(가)`` written out where it cannot be told."""
    with_final, without = _PAIRS[pair]
    final = _has_final_consonant(word)
    if pair == "으로/로" and final and _ends_in_rieul(word):
        return f"{word}로"  # ㄹ takes 로: 모델로, 일로
    if final is None:
        return f"{word}{with_final}({without})"
    return f"{word}{with_final if final else without}"


def code(name: str, pair: str | None = None) -> str:
    """A code name as messages show it (`` `name` ``), with its particle if one is asked."""
    shown = f"`{name}`"
    if pair is None:
        return shown
    return particle(shown, pair)


# ------------------------------------------------------------------- what grader.check shows


def passed_message(question: str) -> str:
    return f"✅ `{question}`: 공개 테스트 통과 — 채점은 더 많은 경우를 봅니다."


def failed_message(question: str, message: str) -> str:
    return f"❌ `{question}`: 공개 테스트 실패\n{message}"


def helper_first_message(question: str, chain: Sequence[str], helper_message: str) -> str:
    """A failure of ``question`` while a graded helper it calls fails its own public check.

    ``chain``: the helpers from ``question`` down to the failing one (``optimize``,
    ``propagate``, ``sigmoid``); ``helper_message``: that helper's own check message, shown
    indented. The caller's own numbers and hints are not shown: they describe the helper.
    """
    helper = chain[-1]
    route = " → ".join(code(name) for name in (question, *chain))
    lines = [
        f"❌ {code(question)}: 공개 테스트 실패",
        f"먼저 {code(helper, '을/를')} 고치세요: {code(helper, '이/가')} 자기 공개 테스트를 "
        f"통과하지 못합니다 ({route}로 불립니다). {code(question)}의 결과가 {code(question)} "
        f"자체의 오류 때문인지는 {code(helper, '을/를')} 고친 다음에 알 수 있습니다.",
        f"grader.check(\"{helper}\")의 결과:",
        *(f"    {line}" for line in helper_message.splitlines()),
    ]
    return "\n".join(lines)


def not_defined_message(question: str) -> str:
    return (f"⚠️ {code(question, '이/가')} 아직 정의되지 않았습니다. "
            f"`# GRADED FUNCTION: {question}` 셀을 실행한 다음 이 셀을 다시 실행하세요.")


def missing_import_message(question: str, name: str) -> str:
    return (f"⚠️ {code(question, '을/를')} 검사할 수 없습니다: "
            f"{code(name, '이/가')} 정의되지 않았습니다. "
            "노트북 맨 위의 import 셀 (import numpy as np …)을 먼저 실행하세요.")


def unfilled_message(question: str, where: str) -> str:
    return (f"⚠️ `{question}`: 아직 채우지 않은 `...`가 남아 있습니다 ({where}). "
            "`...`를 여러분의 코드로 바꾸고 그 셀을 실행한 다음 이 셀을 다시 실행하세요.")


def student_error_message(question: str, frames: Sequence[tuple[str, str]], kind: str,
                          text: str, notes: Sequence[str] = ()) -> str:
    """An exception in the student's code: its lines (``(where, source)``, outermost first),
    the error, the inputs of the check (``notes``) and an explanation."""
    lines = [f"❌ `{question}`: 여러분의 코드에서 오류가 났습니다 ({frames[-1][0]})"]
    for where, source in frames if len(frames) > 1 else ():
        lines.append(f"    {where}: {source}")
    if len(frames) == 1 and frames[0][1]:
        lines.append(f"    {frames[0][1]}")
    lines.append(f"{kind}: {text}")
    lines += list(notes)
    explanation = explain_error(kind, text, frames[-1][1])
    if explanation:
        lines.append(f"힌트: {explanation}")
    return "\n".join(lines)


def unreadable_result_message(question: str, kind: str, text: str) -> str:
    return (f"❌ `{question}`: 반환값을 검사하다 오류가 났습니다 ({kind}: {text}).\n"
            "힌트: 반환값의 자료형, 개수, 순서를 docstring과 비교하세요.")


def no_tests_message(question: str, detail: str) -> str:
    return (f"⚠️ `{question}`의 공개 테스트를 찾을 수 없습니다 ({detail}). "
            "과제 노트북을 받은 이름 그대로 열었는지, 맨 위의 준비 셀을 실행했는지 확인하세요.")


def no_notebook_file_message(detail: str) -> str:
    """``grader.export()`` where the notebook is not a file beside the kernel (Colab)."""
    return (f"⚠️ 제출 파일을 만들 노트북 파일을 찾을 수 없습니다 ({detail}). "
            "Colab에서는 [파일] → [다운로드] → [.ipynb 다운로드]로 받은 노트북을 그대로 "
            "제출하세요. "
            "내 컴퓨터의 Jupyter라면 노트북을 저장한 다음 이 셀을 다시 실행하세요.")


def exported_message(zip_name: str) -> str:
    """``grader.export()`` wrote the submission zip ``zip_name`` (in place of otter's English)."""
    return (f"✅ 제출 파일을 만들었습니다: {zip_name}. 이 zip 파일 (또는 저장한 노트북 파일)을 "
            "제출하세요.")


def download_failed_advice(file: Path | str, url: str) -> str:
    """A data set's download failed (offline, a firewall): what to do, in the student's words."""
    return (f"데이터 파일을 내려받지 못했습니다. 인터넷 연결을 확인하고 이 셀을 다시 실행하세요. "
            f"인터넷을 쓸 수 없는 곳이라면 다른 컴퓨터에서 {particle(url, '을/를')} 받아 "
            f"이 컴퓨터의 {file}에 "
            "두고 다시 실행하세요 (파일은 SHA-256 체크섬으로 확인합니다).")


def location(qualname: str, line: int) -> str:
    """Where in the student's notebook: the function and the line counted in its cell."""
    return f"`{qualname}`, 셀의 {line}번째 줄"
