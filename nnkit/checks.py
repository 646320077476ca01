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
* ``GRAD_THRESHOLD = 1e-6`` for ``‖g − g̃‖ / (‖g‖ + ‖g̃‖)`` against float64 central differences
  (``nnkit.gradcheck``, ε = 1e-5). Correct float64 gradients measure 3e-11 .. 3e-10; float32
  student code 4e-8 .. 2.2e-7 (hence not the stricter 1e-7); the bugs 0.35 .. 1.0
  (``1 - Z1**2`` ≥ 0.69, missing ``1/m`` ≥ 0.67, sigmoid derivative ≥ 0.59).
"""

from __future__ import annotations

import copy
import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

__all__ = [
    "ATOL",
    "GRAD_THRESHOLD",
    "RTOL",
    "check_binary",
    "check_case",
    "check_close",
    "check_decreasing",
    "check_gradient",
    "check_keys",
    "check_not_mistake",
    "check_shape",
    "check_type",
    "compare",
    "relative_difference",
]

RTOL = 1e-4
ATOL = 1e-5
GRAD_THRESHOLD = 1e-6

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


def _fail(fn: str, quantity: str, problem: str, hint: str | None = None) -> AssertionError:
    message = f"[{fn}] {quantity}: {problem}"
    if hint:
        message += f"\n힌트: {hint}"
    return AssertionError(message)


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
        hint = "shape이 전치 (transpose)되어 있습니다. 행렬 곱의 순서나 .T를 확인하세요."
        if 1 in expected:
            hint += (
                " (m,1)과 (1,m) 브로드캐스팅 (broadcasting)도 확인하세요: "
                "레이블과 활성화의 shape은 docstring에 적힌 대로입니다."
            )
        return hint
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
                "브로드캐스팅 (broadcasting)으로 열이 복제되었습니다 (예: b1에 dW1을 사용)."
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
            f"모양 (shape)이 다릅니다. 기대: {_shape_str(expected)}, 실제: {_shape_str(actual)}.",
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
            "키 이름은 대소문자까지 정확히 맞춰야 합니다 (예: 'W1', 'db1').",
        )


# --------------------------------------------------------------------------- values


def _ratio_hint(got: np.ndarray, expected: np.ndarray, m: int | None) -> str | None:
    """Explain ``got`` as ``k * expected`` (or a zero output) when the evidence fits."""
    g = got.astype(np.float64).ravel()
    e = expected.astype(np.float64).ravel()
    if not (np.all(np.isfinite(g)) and np.all(np.isfinite(e))):
        return None
    ee = float(e @ e)
    if ee == 0.0:
        return None
    if not np.any(g):
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
            "마이너스 부호나 빼기 순서 (A2 - Y 인지 Y - A2 인지)를 확인하세요."
        )
    if m is not None and m > 2 and near(k, float(m)):
        return f"값이 정확히 m = {m}배 큽니다: 1/m 누락? (샘플 평균을 내지 않았습니다)"
    if m is not None and m > 2 and near(k, 1.0 / m):
        return f"값이 정확히 1/m = 1/{m}배 작습니다: m으로 두 번 나누었나요?"
    if m is not None and m > 2 and near(k, -float(m)):
        return f"값이 -m = -{m}배입니다: 1/m 누락과 부호 반대가 함께 있습니다."
    if near(k, 2.0) or near(k, 0.5):
        return f"값이 기대값의 {k:.4g}배입니다: 2배 차이 (factor of 2) — 계수 2나 1/2를 확인하세요."
    if near(k, 0.1) or near(k, 10.0):
        return f"값이 기대값의 {k:.4g}배입니다: 스케일 (예: 0.01 대신 0.001)을 확인하세요."
    if g.size > 1 and not near(k, 1.0):
        hint = f"값이 기대값의 약 {k:.6g}배로, 모두 같은 비율입니다 (상수배 차이)."
        rk = round(k)
        if rk >= 2 and near(k, float(rk)):
            hint += " 정수배라면 1/m 누락?"
        elif k > 0 and round(1 / k) >= 2 and near(1 / k, float(round(1 / k))):
            hint += " 1/정수배라면 m으로 한 번 더 나누었나요?"
        else:
            hint += " 학습률 (learning rate)이나 스케일 상수를 확인하세요."
        return hint
    return None


def check_close(
    fn: str,
    quantity: str,
    got: Any,
    expected: Any,
    rtol: float = RTOL,
    atol: float = ATOL,
    m: int | None = None,
) -> None:
    """Check a scalar or an array against the expected value, shape first, then values.

    ``m`` (the number of examples, when known) sharpens the hint for a missing ``1/m``.
    """
    if isinstance(expected, np.ndarray) and expected.ndim > 0:
        check_shape(fn, quantity, got, expected.shape)
        if not (np.issubdtype(got.dtype, np.number) or got.dtype == np.bool_):
            raise _fail(fn, quantity, f"숫자 배열이 아닙니다 (dtype {got.dtype}).")
        g = np.asarray(got, dtype=np.float64)
        e = np.asarray(expected, dtype=np.float64)
    else:
        check_type(fn, quantity, got, float)
        g = np.asarray(got, dtype=np.float64).reshape(())
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
    where = f" 위치 {tuple(int(i) for i in idx)}" if idx else ""
    problem = (
        f"값이 다릅니다. 기대: {_num(e[idx])}, 실제: {_num(g[idx])}{where} "
        f"(최대 절대 오차 {_num(err[idx])}"
    )
    if g.ndim:
        problem += f", 틀린 원소 {n_bad}/{g.size}개"
    problem += f"; 허용 오차 rtol={rtol:g}, atol={atol:g})." if rtol or atol else ")."
    raise _fail(fn, quantity, problem, _ratio_hint(g, e, m))


def check_binary(fn: str, quantity: str, got: Any) -> None:
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
            hint = (
                "0과 1 사이의 확률이 그대로 반환되었습니다. 임계값 0.5로 0/1을 만드세요: "
                "(A2 > 0.5).astype(int)."
            )
        raise _fail(
            fn,
            quantity,
            f"0 또는 1만 있어야 합니다. "
            f"실제로 {int(np.count_nonzero(bad))}개 원소가 0/1이 아닙니다 "
            f"(예: {_num(first)}).",
            hint,
        )


def relative_difference(a: Any, b: Any) -> float:
    """``‖a − b‖ / (‖a‖ + ‖b‖)`` in float64; 0.0 when both are zero."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    denominator = float(np.linalg.norm(a) + np.linalg.norm(b))
    if denominator == 0.0:
        return 0.0
    return float(np.linalg.norm(a - b)) / denominator


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
    hint = _ratio_hint(g, numerical, None) or (
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
) -> None:
    """Compare nested plain data (dict / tuple / list / ndarray / scalars) with the checks above.

    Tuples and lists are interchangeable (``return a, b`` and ``return [a, b]`` both pass); dicts
    must hold every expected key. Integer arrays whose expected values are all 0/1 are checked
    with :func:`check_binary` first, so probabilities get the right hint.
    """
    if isinstance(expected, Mapping):
        check_keys(fn, quantity, got, list(expected))
        for key, value in expected.items():
            compare(fn, f"{quantity}[{key!r}]", got[key], value, rtol, atol, m)
    elif isinstance(expected, (tuple, list)):
        check_type(fn, quantity, got, (tuple, list))
        if len(got) != len(expected):
            raise _fail(
                fn,
                quantity,
                f"원소 개수가 다릅니다. 기대: {len(expected)}개, 실제: {len(got)}개.",
                "반환해야 하는 값의 개수와 순서를 docstring에서 확인하세요.",
            )
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            compare(fn, f"{quantity}[{i}]", g, e, rtol, atol, m)
    elif isinstance(expected, np.ndarray) and expected.ndim > 0:
        if np.issubdtype(expected.dtype, np.integer) or expected.dtype == np.bool_:
            check_shape(fn, quantity, got, expected.shape)
            if np.all((expected == 0) | (expected == 1)):
                check_binary(fn, quantity, got)
            check_close(fn, quantity, got, expected, rtol=0.0, atol=0.0, m=m)
        else:
            check_close(fn, quantity, got, expected, rtol, atol, m)
    elif isinstance(expected, (bool, np.bool_)):
        check_type(fn, quantity, got, (bool, np.bool_))
        if bool(got) != bool(expected):
            raise _fail(fn, quantity, f"값이 다릅니다. 기대: {expected}, 실제: {got}.")
    elif _is_int(expected):
        check_type(fn, quantity, got, int)
        if int(got) != int(expected):
            raise _fail(fn, quantity, f"값이 다릅니다. 기대: {int(expected)}, 실제: {int(got)}.")
    elif _is_real_scalar(expected):
        check_close(fn, quantity, got, expected, rtol, atol, m)
    else:
        if got != expected:
            raise _fail(fn, quantity, f"값이 다릅니다. 기대: {expected!r}, 실제: {got!r}.")


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
    and cannot corrupt the case. When the case has ``"rng_seed"``, ``np.random.seed`` is called
    with it just before the call; ``"names"`` (optional) names the parts of a tuple return and
    ``"m"`` (optional) the number of examples, for the hints. Returns what the function returned.
    """
    args = copy.deepcopy(list(case.get("args", [])))
    kwargs = copy.deepcopy(dict(case.get("kwargs", {})))
    if case.get("rng_seed") is not None:
        np.random.seed(int(case["rng_seed"]))
    got = proxy(*args, **kwargs)
    expected = case["expected"]
    m = m if m is not None else case.get("m")
    names = case.get("names")
    if names and isinstance(expected, (tuple, list)):
        # Name the parts of a multi-value return ("A2", "cache") instead of indexing them.
        check_type(fn_name, "반환값", got, (tuple, list))
        if len(got) != len(expected):
            raise _fail(
                fn_name,
                "반환값",
                f"원소 개수가 다릅니다. 기대: {len(expected)}개 ({', '.join(names)}), "
                f"실제: {len(got)}개.",
                "return 문에서 반환하는 값의 개수와 순서를 확인하세요.",
            )
        for name, g, e in zip(names, got, expected, strict=True):
            compare(fn_name, f"반환값 {name}", g, e, rtol, atol, m)
    else:
        compare(fn_name, "반환값", got, expected, rtol, atol, m)
    return got
