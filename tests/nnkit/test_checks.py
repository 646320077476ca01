"""Each check in nnkit.checks against a correct and a wrong input.

Messages must name the function, the quantity and the expected/actual shapes or values.
"""

from __future__ import annotations

import numpy as np
import pytest

from nnkit import checks

FN = "some_function"
Q = "반환값 A2"


def _raises(callable_, *args, **kwargs) -> str:
    with pytest.raises(AssertionError) as info:
        callable_(*args, **kwargs)
    message = str(info.value)
    assert FN in message
    return message


@pytest.fixture(params=[0, 1, 2])
def rng(request):
    return np.random.default_rng(request.param)


# --------------------------------------------------------------------------- check_type


@pytest.mark.parametrize("value", [0.5, np.float64(0.5), np.float32(0.5), 1, np.array(0.5)])
def test_type_float_accepts_real_scalars(value):
    checks.check_type(FN, "cost", value, float)


@pytest.mark.parametrize("value", [[0.5], np.array([[0.5]]), np.ones((4, 4)), True, "0.5", None])
def test_type_float_rejects_non_scalars(value):
    message = _raises(checks.check_type, FN, "cost", value, float)
    assert "cost" in message and "float" in message


def test_type_float_one_by_one_array_hint():
    message = _raises(checks.check_type, FN, "cost", np.array([[0.69]]), float)
    assert "(1, 1)" in message and "np.dot" in message


def test_type_float_square_array_broadcasting_hint():
    message = _raises(checks.check_type, FN, "cost", np.ones((5, 5)), float)
    assert "(5, 5)" in message and "브로드캐스팅 (broadcasting)" in message


def test_type_int():
    checks.check_type(FN, "n_x", 3, int)
    checks.check_type(FN, "n_x", np.int64(3), int)
    for bad in (3.0, True, np.array([3])):
        message = _raises(checks.check_type, FN, "n_x", bad, int)
        assert "n_x" in message and "정수" in message


def test_type_containers():
    checks.check_type(FN, Q, (1, 2), (tuple, list))
    checks.check_type(FN, Q, [1, 2], (tuple, list))
    checks.check_type(FN, Q, {"a": 1}, dict)
    message = _raises(checks.check_type, FN, Q, [1, 2], dict)
    assert Q in message and "dict" in message and "list" in message
    message = _raises(checks.check_type, FN, Q, [0.0, 1.0], np.ndarray)
    assert "np.array" in message


# --------------------------------------------------------------------------- check_shape


def test_shape_ok(rng):
    a = rng.standard_normal((3, 7))
    checks.check_shape(FN, Q, a, (3, 7))


def test_shape_broadcast_square(rng):
    m = int(rng.integers(3, 30))
    message = _raises(checks.check_shape, FN, Q, np.zeros((m, m)), (1, m))
    assert Q in message
    assert f"(1, {m})" in message and f"({m}, {m})" in message
    assert "(m,1)과 (1,m) 브로드캐스팅 (broadcasting)" in message


def test_shape_transposed_column(rng):
    m = int(rng.integers(3, 30))
    message = _raises(checks.check_shape, FN, Q, np.zeros((m, 1)), (1, m))
    assert f"(1, {m})" in message and f"({m}, 1)" in message
    assert "전치 (transpose)" in message and "브로드캐스팅" not in message  # issue 22: unrelated


def test_shape_transposed_matrix():
    message = _raises(checks.check_shape, FN, "dW1", np.zeros((2, 4)), (4, 2))
    assert "dW1" in message and "(4, 2)" in message and "(2, 4)" in message
    assert "전치 (transpose)" in message


def test_shape_missing_keepdims():
    message = _raises(checks.check_shape, FN, "db1", np.zeros(4), (4, 1))
    assert "db1" in message and "(4, 1)" in message and "(4,)" in message
    assert "keepdims=True" in message


def test_shape_not_an_array():
    message = _raises(checks.check_shape, FN, "A2", [[0.1, 0.2]], (1, 2))
    assert "A2" in message and "ndarray" in message


# --------------------------------------------------------------------------- check_keys


def test_keys():
    checks.check_keys(FN, "parameters", {"W1": 1, "b1": 2, "extra": 3}, ["W1", "b1"])
    message = _raises(checks.check_keys, FN, "parameters", {"w1": 1, "b1": 2}, ["W1", "b1"])
    assert "parameters" in message and "'W1'" in message and "'w1'" in message
    message = _raises(checks.check_keys, FN, "parameters", [1, 2], ["W1"])
    assert "dict" in message


# --------------------------------------------------------------------------- check_close


def test_close_ok_with_float32_noise(rng):
    e = rng.standard_normal((4, 9))
    checks.check_close(FN, Q, e.astype(np.float32), e)
    checks.check_close(FN, Q, e @ np.eye(9), e)
    checks.check_close(FN, "cost", np.float64(0.6931471805599453), 0.6931471805599453)


def test_close_reports_values_and_position(rng):
    e = rng.standard_normal((3, 5))
    g = e.copy()
    g[1, 2] += 0.5
    message = _raises(checks.check_close, FN, Q, g, e)
    assert Q in message and "(1, 2)" in message
    assert f"{e[1, 2]:.6g}" in message and f"{g[1, 2]:.6g}" in message
    assert "최대 절대 오차 0.5" in message and "1/15" in message


def test_close_shape_first(rng):
    e = rng.standard_normal((1, 6))
    message = _raises(checks.check_close, FN, Q, np.zeros((6, 6)), e)
    assert "(1, 6)" in message and "(6, 6)" in message and "브로드캐스팅" in message


def test_close_missing_one_over_m(rng):
    m = int(rng.integers(3, 40))
    e = rng.standard_normal((4, 2))
    message = _raises(checks.check_close, FN, "dW1", e * m, e, m=m)
    assert "dW1" in message and "1/m 누락?" in message and str(m) in message
    # without m (an initializer, an update: no mean belongs there) no 1/m is suggested
    message = _raises(checks.check_close, FN, "W1", e * m, e)
    assert f"{m}배" in message and "1/m" not in message and "상수" in message


def test_close_divided_twice(rng):
    m = int(rng.integers(3, 40))
    e = rng.standard_normal((4, 2))
    message = _raises(checks.check_close, FN, "dW1", e / m, e, m=m)
    assert "두 번" in message


def test_close_sign_flip(rng):
    e = rng.standard_normal((2, 3))
    message = _raises(checks.check_close, FN, "W1", -e, e)
    assert "부호" in message
    message = _raises(checks.check_close, FN, "cost", -0.7, 0.7)
    assert "부호" in message and "0.7" in message and "-0.7" in message


def test_close_factor_two(rng):
    e = rng.standard_normal((2, 3))
    message = _raises(checks.check_close, FN, "W1", 2 * e, e)
    assert "2배 차이 (factor of 2)" in message
    message = _raises(checks.check_close, FN, "W1", 0.5 * e, e)
    assert "2배 차이 (factor of 2)" in message


def test_close_scale_ten():
    e = np.random.default_rng(5).standard_normal((4, 2)) * 0.01
    message = _raises(checks.check_close, FN, "W1", e / 10, e)
    assert "0.001" in message


def test_close_zero_output(rng):
    e = rng.standard_normal((3, 3))
    message = _raises(checks.check_close, FN, "W1", np.zeros((3, 3)), e)
    assert "0입니다" in message


def test_close_scalar_not_scalar():
    message = _raises(checks.check_close, FN, "cost", np.array([0.5, 0.5]), 0.5)
    assert "cost" in message and "float" in message


@pytest.mark.parametrize("shape", [(1,), (1, 1), (1, 1, 1)])
def test_close_compares_a_size_one_array_by_value_and_type_is_its_own_check(rng, shape):
    value = float(rng.uniform(0.1, 2.0))
    checks.check_close(FN, "cost", np.full(shape, value), value)  # the value is right
    message = _raises(checks.check_close, FN, "cost", np.full(shape, value * 1.5), value)
    assert "값이 다릅니다" in message
    message = _raises(checks.check_type, FN, "cost", np.full(shape, value), float)
    assert "스칼라" in message  # the one check that asks for a float


def test_close_nan():
    message = _raises(checks.check_close, FN, "cost", float("nan"), 0.5)
    assert "NaN" in message


def test_close_unrelated_values_no_bogus_hint(rng):
    e = rng.standard_normal((5, 5))
    message = _raises(checks.check_close, FN, Q, rng.standard_normal((5, 5)), e)
    assert "힌트" not in message


# --------------------------------------------------------------------------- check_binary


def test_binary(rng):
    p = rng.random((1, 12))
    checks.check_binary(FN, "predictions", (p > 0.5).astype(int))
    checks.check_binary(FN, "predictions", p > 0.5)
    checks.check_binary(FN, "predictions", (p > 0.5).astype(float))
    message = _raises(checks.check_binary, FN, "predictions", p)
    assert "predictions" in message and "확률" in message and "0.5" in message
    message = _raises(checks.check_binary, FN, "predictions", np.array([[0, 2, 1]]))
    assert "0/1" in message and "2" in message


# --------------------------------------------------------------------------- check_gradient


def test_gradient(rng):
    g = rng.standard_normal((4, 3))
    checks.check_gradient(FN, "dW1", g + 1e-12, g)
    checks.check_gradient(FN, "dW1", np.zeros((2, 2)), np.zeros((2, 2)))
    message = _raises(checks.check_gradient, FN, "dW1", g + 0.1 * rng.standard_normal(g.shape), g)
    assert "dW1" in message and "상대 차이" in message and "기울기 검사" in message
    message = _raises(checks.check_gradient, FN, "dW1", 7 * g, g)
    assert "1/m" in message
    message = _raises(checks.check_gradient, FN, "db1", g[:, 0], g[:, :1])
    assert "keepdims" in message


def test_checks_judge_gradients_as_the_notebooks_gradient_check_does():
    """One measure and one pass mark for gradients (tests/nnkit/test_gradcheck.py tests them)."""
    import inspect

    from nnkit import gradcheck

    assert checks.relative_difference is gradcheck.relative_difference
    assert checks.GRAD_THRESHOLD == gradcheck.GRAD_THRESHOLD
    default = inspect.signature(gradcheck.gradient_check).parameters["threshold"].default
    assert default == inspect.signature(checks.check_gradient).parameters["threshold"].default


# --------------------------------------------------------------------------- compare / check_case


def _expected_pair(rng):
    A2 = rng.random((1, 5))
    return (A2, {"Z1": rng.standard_normal((3, 5)), "A2": A2})


def test_compare_nested(rng):
    e = _expected_pair(rng)
    checks.compare(FN, Q, [e[0].copy(), dict(e[1])], e)
    bad = (e[0], {"Z1": e[1]["Z1"].T, "A2": e[1]["A2"]})
    message = _raises(checks.compare, FN, "반환값", bad, e)
    assert "['Z1']" in message and "(3, 5)" in message and "(5, 3)" in message
    message = _raises(checks.compare, FN, "반환값", (e[0],), e)
    assert "2개" in message and "1개" in message


def test_compare_ints_and_binary():
    checks.compare(FN, "sizes", (2, np.int64(4), 1), (2, 4, 1))
    message = _raises(checks.compare, FN, "sizes", (2, 4, 5), (2, 4, 1))
    assert "[2]" in message and "1" in message and "5" in message
    expected = np.array([[0, 1, 1]])
    checks.compare(FN, "predictions", np.array([[False, True, True]]), expected)
    message = _raises(checks.compare, FN, "predictions", np.array([[0.2, 0.7, 0.9]]), expected)
    assert "확률" in message
    message = _raises(checks.compare, FN, "predictions", np.array([[1, 1, 1]]), expected)
    assert "(0, 0)" in message


def test_check_case(rng):
    X = rng.standard_normal((2, 4))
    case = {"args": [X], "kwargs": {"k": 2.0}, "expected": 2.0 * X}

    def good(x, k=1.0):
        x *= k  # in place: must not corrupt the case
        return x

    checks.check_case(FN, good, case)
    checks.check_case(FN, good, case)
    np.testing.assert_array_equal(case["expected"], 2.0 * X)
    message = _raises(checks.check_case, FN, lambda x, k=1.0: x, case)
    assert "반환값" in message


def test_check_case_rng_seed_and_names():
    np.random.seed(0)
    expected = np.random.randn(2, 2)
    case = {"args": [], "kwargs": {}, "rng_seed": 0, "expected": (expected, 1), "names": ["W", "n"]}
    np.random.seed(123)
    checks.check_case(FN, lambda: (np.random.randn(2, 2), 1), case)
    message = _raises(checks.check_case, FN, lambda: (np.random.randn(2, 2) + 1, 1), case)
    assert "반환값 W" in message
    message = _raises(checks.check_case, FN, lambda: (np.random.randn(2, 2),), case)
    assert "W, n" in message


def _draw_case(rng_seed: int) -> dict:
    np.random.seed(rng_seed)
    return {"args": [3, 2], "rng_seed": rng_seed, "draws_from_global_rng": True,
            "names": ["W", "b"], "expected": (np.random.randn(3, 2) * 0.01, np.zeros(2))}


def _draws(n: int, k: int, scale: float = 0.01) -> tuple:
    return np.random.randn(n, k) * scale, np.zeros(k)


def _reseeds(n: int, k: int) -> tuple:
    np.random.seed(42)
    return _draws(n, k)


def _own_generator(n: int, k: int) -> tuple:
    return np.random.default_rng(7).standard_normal((n, k)) * 0.01, np.zeros(k)


@pytest.mark.parametrize("rng_seed", [0, 5, 41])
@pytest.mark.parametrize("wrong", [_reseeds, _own_generator])
def test_check_case_says_when_the_draws_ignore_the_global_seed(rng_seed, wrong):
    case = _draw_case(rng_seed)
    checks.check_case(FN, _draws, case)
    message = _raises(checks.check_case, FN, wrong, case)
    assert checks.RESEEDS_PROBLEM in message and "np.random.seed" in message


@pytest.mark.parametrize("rng_seed", [0, 5, 41])
@pytest.mark.parametrize("wrong", [
    lambda n, k: _draws(n, k, scale=0.1),          # draws globally, wrong scale
    lambda n, k: (np.zeros((n, k)), np.zeros(k)),  # draws nothing: constant, not re-seeded
    lambda n, k: _reseeds(k, n),                   # re-seeds, but the shape comes first
])
def test_check_case_blames_the_seed_only_for_draws_that_ignore_it(rng_seed, wrong):
    message = _raises(checks.check_case, FN, wrong, _draw_case(rng_seed))
    assert checks.RESEEDS_PROBLEM not in message


def test_check_case_does_not_probe_a_function_that_seeds_itself_by_specification():
    case = {**_draw_case(3), "draws_from_global_rng": False}
    assert checks.RESEEDS_PROBLEM not in _raises(checks.check_case, FN, _reseeds, case)


def test_a_function_given_seed_none_is_told_not_to_seed():
    def wrong(n, k, seed=42):
        np.random.seed(42 if seed is None else seed)
        return _draws(n, k)

    case = {**_draw_case(1), "kwargs": {"seed": None}, "draws_from_global_rng": "seed"}
    message = _raises(checks.check_case, FN, wrong, case)
    assert checks.RESEEDS_PROBLEM in message and "seed=None이면" in message


@pytest.mark.parametrize("assignment", ["logistic_regression", "xor_backprop",
                                        "planar_classification", "mnist_mlp"])
def test_reference_cases_say_draws_from_global_rng_exactly_when_the_answer_depends_on_it(
        assignment):
    import copy
    import importlib

    from nnkit.reference.cases import public_cases

    module = importlib.import_module(f"nnkit.reference.cases.{assignment}")
    reference = importlib.import_module(f"nnkit.reference.{assignment}")
    for function in module.FUNCTIONS:
        found = [module.make_case(function, seed) for seed in range(6)]
        for case in [*found, *public_cases(assignment, function)]:
            answer = getattr(reference, function)
            if case.get("rng_seed") is None or isinstance(answer, type):
                assert not case.get("draws_from_global_rng"), function
                continue
            np.random.seed(case["rng_seed"] + 1)
            other = answer(*copy.deepcopy(case["args"]), **copy.deepcopy(case["kwargs"]))
            depends = not checks.matches(other, case["expected"], rtol=0, atol=0)
            assert bool(case.get("draws_from_global_rng")) == depends, (function, case["kwargs"])


def test_check_case_on_reference_cases():
    from nnkit.reference import planar_classification as ref
    from nnkit.reference.cases import make_case

    for name in (
        "layer_sizes",
        "forward_propagation",
        "compute_cost",
        "backward_propagation",
        "update_parameters",
        "initialize_parameters",
        "predict",
        "nn_model",
    ):
        for seed in (0, 1, 2):
            case = make_case("planar_classification", name, seed)
            checks.check_case(name, getattr(ref, name), case)


# ------------------------------------------------------------- known mistakes, decrease


def test_check_not_mistake():
    z = np.linspace(-3, 3, 7).reshape(1, 7)
    a = 1 / (1 + np.exp(-z))
    right, wrong = a * (1 - a), (1 / (1 + np.exp(-a))) * (1 - 1 / (1 + np.exp(-a)))
    assert checks.check_not_mistake(FN, Q, right, wrong, "이중 시그모이드") is None
    assert checks.check_not_mistake(FN, Q, right[0], wrong, "다른 shape은 통과") is None
    assert checks.check_not_mistake(FN, Q, "text", wrong, "숫자가 아니면 통과") is None
    message = _raises(checks.check_not_mistake, FN, Q, wrong.astype(np.float32), wrong,
                      "이중 시그모이드")
    assert "이중 시그모이드" in message and Q in message
    assert "2.5" in _raises(checks.check_not_mistake, FN, Q, 2.5, 2.5, "스칼라 2.5")


def test_check_decreasing():
    assert checks.check_decreasing(FN, Q, [0.3, 0.2, 0.1], at_most=0.5) is None
    assert checks.check_decreasing(FN, Q, np.array([0.25, 0.25])) is None
    assert "0.3" in _raises(checks.check_decreasing, FN, Q, [0.3, 0.29], at_most=0.5)
    assert "NaN" in _raises(checks.check_decreasing, FN, Q, [0.3, float("nan")])
    _raises(checks.check_decreasing, FN, Q, [0.3])
    _raises(checks.check_decreasing, FN, Q, 0.3)


# ------------------------------------------------------------- one voice, every part named


def test_fail_reads_like_every_check():
    with pytest.raises(checks.CheckFailure) as info:
        checks.fail(FN, "W2", "W1보다 먼저 뽑았습니다.", "W1을 먼저 뽑으세요.")
    assert str(info.value) == f"[{FN}] W2: W1보다 먼저 뽑았습니다.\n힌트: W1을 먼저 뽑으세요."
    assert isinstance(info.value, AssertionError)


def _gradients(rng, m):
    return {"dW1": rng.standard_normal((3, 2)), "db1": rng.standard_normal((3, 1)),
            "dW2": rng.standard_normal((1, 3)), "db2": rng.standard_normal((1, 1))}


def test_check_case_reports_every_part_and_the_first_wrong_in_order(rng):
    expected = _gradients(rng, 5)
    case = {"args": [np.zeros((2, 5))], "kwargs": {}, "arg_names": ["X"], "expected": expected,
            "order": ["dW2", "db2", "dW1", "db1"], "m": 5}
    wrong = {**expected, "dW1": expected["dW1"] * 5, "db1": expected["db1"] * 5}
    message = _raises(checks.check_case, FN, lambda X: wrong, case)
    assert message.startswith(f"[{FN}] 반환값['dW1']:")
    assert "반환값 검사: dW2 ✓  db2 ✓  dW1 ✗  db1 ✗ — 처음 틀린 dW1부터 고치세요." in message
    assert "입력: X (2, 5)" in message and "1/m" in message
    one_wrong = {**expected, "db2": expected["db2"] + 1}
    message = _raises(checks.check_case, FN, lambda X: one_wrong, case)
    assert "dW2 ✓  db2 ✗  dW1 ✓  db1 ✓" in message and "처음 틀린" not in message


def test_check_case_names_nested_parts(rng):
    layers = [(rng.standard_normal((2, 3)), rng.standard_normal((1, 3))),
              (rng.standard_normal((3, 1)), rng.standard_normal((1, 1)))]
    case = {"args": [], "kwargs": {}, "expected": layers,
            "names": [["dW1", "db1"], ["dW2", "db2"]], "order": ["dW2", "db2", "dW1", "db1"]}
    got = [layers[0], (layers[1][0], layers[1][1] * 3)]
    message = _raises(checks.check_case, FN, lambda: got, case)
    assert "반환값 db2" in message and "dW2 ✓  db2 ✗  dW1 ✓  db1 ✓" in message
    message = _raises(checks.check_case, FN, lambda: layers[:1], case)
    assert "(dW1, db1), (dW2, db2)" in message


def test_check_case_recognises_known_mistakes(rng):
    a = rng.random((1, 6))
    expected = {"cost": 0.7, "dw": a}
    case = {"args": [], "kwargs": {}, "expected": expected, "names": None,
            "mistakes": [{"output": {"cost": 0.7, "dw": 2 * a}, "hint": "두 배 실수"},
                         {"output": {"cost": 5.0, "dw": a}, "hint": "비용 실수", "part": "cost"}]}
    assert "힌트: 두 배 실수" in _raises(checks.check_case, FN, lambda: {"cost": 0.7, "dw": 2 * a},
                                       case)
    message = _raises(checks.check_case, FN, lambda: {"cost": 5.0, "dw": 3 * a}, case)
    assert "[some_function] 반환값['cost']: 알려진 실수" in message and "비용 실수" in message
    checks.check_case(FN, lambda: {"cost": 0.7, "dw": a.astype(np.float32)}, case)


def test_describe_inputs():
    case = {"args": [np.zeros((2, 5)), {"W1": np.zeros((4, 2)), "b1": np.zeros((4, 1))}, 0.5,
                     [(np.zeros((2, 3)), np.zeros((1, 3)))], None],
            "kwargs": {"seed": None, "learning_rate": np.float64(0.25)},
            "arg_names": ["X", "parameters", "lr"]}
    assert checks.describe_inputs(case) == (
        "X (2, 5), parameters {W1 (4, 2), b1 (4, 1)}, lr=0.5, 인자 4 [((2, 3), (1, 3))], "
        "인자 5=None, seed=None, learning_rate=0.25")


def test_an_exception_in_the_function_carries_the_inputs():
    case = {"args": [np.zeros((3, 4))], "kwargs": {}, "arg_names": ["X"], "expected": 0.0}

    def broken(X):
        return X @ X

    with pytest.raises(ValueError) as info:
        checks.check_case(FN, broken, case)
    assert info.value.__notes__ == ["입력: X (3, 4)"]


class _Counter:
    def __init__(self, start=0, step=1):
        self.total = np.array([float(start)])
        self.step = step

    def add(self, x):
        self.total = self.total + self.step * x
        return self.total


def test_check_object_case():
    case = {"init": {"args": [1], "kwargs": {"step": 2}}, "attributes": {"total": np.array([5.0])},
            "method": "add", "repeat": 2, "args": [np.array([1.0])], "kwargs": {},
            "read": ["total", "step"], "result": "add 두 번 뒤의 속성",
            "expected": {"total": np.array([9.0]), "step": 2}}
    checks.check_object_case(FN, _Counter, case)
    message = _raises(checks.check_object_case, FN, _Counter, {**case, "repeat": 1})
    assert "add 두 번 뒤의 속성['total']" in message
    message = _raises(checks.check_object_case, FN, _Counter, {**case, "read": ["totals"],
                                                                "expected": {"totals": 9.0}})
    assert "self.totals" in message and "속성이 없습니다" in message
    init_only = {"init": {"args": [3]}, "read": ["total"], "args": [], "kwargs": {},
                 "expected": {"total": np.array([3.0])}}
    checks.check_object_case(FN, _Counter, init_only)
    assert checks.describe_inputs(init_only) == "3"


def test_hints_use_the_notebooks_names():
    e = np.random.default_rng(2).standard_normal((1, 6))
    names = {"output": "A", "labels": "Y"}
    message = _raises(checks.check_close, FN, "dw", -e, e, names=names)
    assert "A - Y인지 Y - A인지" in message and "A2" not in message
    message = _raises(checks.check_close, FN, "dw", -e, e)
    assert "예측 - 정답인지" in message and "A2" not in message
    message = _raises(checks.check_binary, FN, "Y_prediction", np.array([[0.2, 0.7]]), names)
    assert "(A > 0.5)" in message
    message = _raises(checks.check_close, FN, "loss", 8 * 0.25, 0.25, m=8, names={"count": "N"})
    assert "N = 8배" in message and "1/N" in message


def test_a_zero_scalar_gets_no_all_zeros_hint():
    assert "0입니다" not in _raises(checks.check_close, FN, "accuracy", 0.0, 0.5)


@pytest.mark.parametrize("kind, text, words", [
    ("NameError", "name 'dW1' is not defined", "정의되지 않은 이름"),
    ("ValueError", "shapes (1,4) and (1,4) not aligned", "np.dot"),
    ("ValueError", "matmul: Input operand 1 has a mismatch", "(@)"),
    ("ValueError", "operands could not be broadcast together", "브로드캐스팅"),
    ("TypeError", "'NoneType' object is not subscriptable", "return 문"),
    ("TypeError", "only integer scalar arrays can be converted to a scalar index", "X.shape[0]"),
    ("AxisError", "axis 1 is out of bounds for array of dimension 1", "1차원 배열"),
    ("IndexError", "arrays used as indices must be of integer (or boolean) type", "원-핫"),
    ("KeyError", "'W3'", "키"),
])
def test_explain_error(kind, text, words):
    assert words in checks.explain_error(kind, text)


def test_explain_error_knows_when_it_does_not_know():
    assert checks.explain_error("OSError", "disk full") is None


def _documented(X, Y, n_h, num_iterations=10000, print_cost=False):
    return None


def _without_defaults(X, Y, n_h, num_iterations, print_cost):
    return None


def _wrong_default(X, Y, n_h, num_iterations=100, print_cost=False):
    return None


def _old_names(X, Y, n_h, iterations=10000, print_cost=False):
    return None


DOCUMENTED_DEFAULTS = {"num_iterations": 10000, "print_cost": False}


def test_defaults_as_documented_pass():
    checks.check_defaults(FN, _documented, DOCUMENTED_DEFAULTS)


@pytest.mark.parametrize(("function", "said"), [
    (_without_defaults, "기본값이 없습니다"),
    (_wrong_default, "기대: num_iterations=10000, 실제: num_iterations=100"),
    (_old_names, "정의에 num_iterations가 없습니다"),
])
def test_defaults_that_differ_are_named(function, said):
    message = _raises(checks.check_defaults, FN, function, DOCUMENTED_DEFAULTS)
    assert said in message and "num_iterations" in message


def _reference_train(X, steps=3, learning_rate=0.5, print_cost=False):
    values = [float(X.sum())]
    for _ in range(steps):
        values.append(values[-1] * (1 - learning_rate))
    return values


def _crashes_when_printing(X, steps=3, learning_rate=0.5, print_cost=False):
    values = _reference_train(X, steps, learning_rate)
    if print_cost:
        print("cost %f" % (values[-1], steps))  # noqa: F507, UP031 - the classic mistake
    return values


def _wrong_learning_rate(X, steps=3, learning_rate=0.05, print_cost=False):
    return _reference_train(X, steps, learning_rate)


INTERFACE = {"steps": 3, "learning_rate": 0.5, "print_cost": False}


def _train_case(rng):
    X = rng.standard_normal((2, 3))
    return {"args": [X], "kwargs": {"steps": 2, "learning_rate": 0.25},
            "expected": _reference_train(X, 2, 0.25)}


def test_documented_interface_passes_the_documented_function(rng):
    checks.check_documented_interface(FN, _reference_train, _reference_train, _train_case(rng),
                                      INTERFACE, talkative={"print_cost": True})


def test_documented_interface_runs_the_printing_path(rng):
    with pytest.raises(TypeError):
        checks.check_documented_interface(FN, _crashes_when_printing, _reference_train,
                                          _train_case(rng), INTERFACE,
                                          talkative={"print_cost": True})


def test_documented_interface_names_a_wrong_default(rng):
    message = _raises(checks.check_documented_interface, FN, _wrong_learning_rate,
                      _reference_train, _train_case(rng), INTERFACE)
    assert "learning_rate=0.5" in message and "learning_rate=0.05" in message


def _cost_as_one_by_one(A, Y):
    return np.array([[float(np.mean((A - Y) ** 2))]])


def _cost_as_float(A, Y):
    return float(np.mean((A - Y) ** 2))


@pytest.mark.parametrize("strict", [True, False])
def test_a_public_case_is_strict_about_a_float_and_a_hidden_one_weighs_the_value(rng, strict):
    A, Y = rng.uniform(size=(1, 5)), rng.integers(0, 2, size=(1, 5)).astype(float)
    case = {"args": [A, Y], "kwargs": {}, "expected": _cost_as_float(A, Y)}
    if strict:
        case["strict_types"] = True
    checks.check_case(FN, _cost_as_float, case)
    if strict:
        message = _raises(checks.check_case, FN, _cost_as_one_by_one, case)
        assert "(1, 1)" in message and "float(np.squeeze" in message
    else:
        checks.check_case(FN, _cost_as_one_by_one, case)
        wrong = {**case, "expected": case["expected"] + 1.0}
        assert "값이 다릅니다" in _raises(checks.check_case, FN, _cost_as_one_by_one, wrong)


def test_as_scalar_reads_a_size_one_array_and_refuses_the_rest():
    assert checks.as_scalar(FN, "Loss", np.array([[0.25]])) == 0.25
    assert checks.as_scalar(FN, "Loss", np.float32(0.5)) == 0.5
    message = _raises(checks.as_scalar, FN, "Loss", np.array([0.1, 0.2]))
    assert "기대: 실수 스칼라 (float), 실제: NumPy 배열 (ndarray), shape (2,)" in message


def test_a_right_answer_passes_even_where_a_known_mistake_agrees_with_part_of_it(rng):
    a, b = rng.standard_normal(3), rng.standard_normal(2)
    case = {"args": [], "names": ["a", "b"], "expected": (a, b),
            "mistakes": [{"output": (a, b + 1), "part": "a", "hint": "b를 확인하세요"}]}
    checks.check_case(FN, lambda: (a.copy(), b.copy()), case)
    assert "b를 확인하세요" in _raises(checks.check_case, FN, lambda: (a, b + 1), case)


# --------------------------------------------------------------------------- issue 22


@pytest.mark.parametrize("word, pair, shown", [
    ("`sigmoid`", "을/를", "`sigmoid`를"), ("`model`", "이/가", "`model`이"),
    ("`train_step`", "을/를", "`train_step`을"), ("`TwoLayerNet`", "이/가", "`TwoLayerNet`이"),
    ("W1", "을/를", "W1을"), ("W2", "이/가", "W2가"), ("X", "을/를", "X를"),
    ("W3", "이/가", "W3이(가)"), ("사과", "을/를", "사과를"), ("모델", "으로/로", "모델로"),
])
def test_particles_follow_the_last_sound(word, pair, shown):
    assert checks.particle(word, pair) == shown


def test_exception_hints_are_chosen_by_the_call_that_raised():
    shown = checks.explain_error("TypeError", "only integer scalar arrays can be converted",
                                 "return np.max(0, x)")
    assert "축 (axis)" in shown and "np.maximum" in shown
    assert "np.exp" in checks.explain_error("TypeError", "only 0-dimensional arrays",
                                            "return 1 / (1 + math.exp(-x))")
    generic = checks.explain_error("TypeError", "only integer scalar arrays", "return x")
    assert generic and "axis" not in generic


def test_a_history_of_another_length_says_so_not_the_return_statement():
    case = {"args": [], "kwargs": {"num_iterations": 150}, "expected": {"costs": [0.7, 0.5]}}
    message = _raises(checks.check_case, FN, lambda **k: {"costs": [0.7] * 20}, case)
    assert "기록된 값이 기대보다 많습니다" in message and "return 문" not in message


def test_an_argument_handed_back_is_not_marked_right():
    case = {"args": [], "kwargs": {"learning_rate": 0.1}, "expected": {
        "w": np.ones(3), "learning_rate": 0.1}}
    message = _raises(checks.check_case, FN,
                      lambda learning_rate: {"w": np.zeros(3), "learning_rate": learning_rate},
                      case)
    assert "w ✗" in message and "learning_rate ✓" not in message


def test_the_position_comes_before_the_values():
    message = _raises(checks.check_close, FN, Q, np.array([[1.0, 0.0]]), np.array([[1.0, 1.0]]))
    assert "값이 다릅니다. 위치 (0, 1)에서 기대: 1, 실제: 0" in message


def test_an_offline_download_says_what_to_do_in_korean(monkeypatch, tmp_path):
    import urllib.request

    from nnkit.datasets import DatasetError, fetch

    def offline(*args, **kwargs):
        raise OSError("<urlopen error [Errno -3] Temporary failure in name resolution>")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(DatasetError) as raised:
        fetch._download("cifar10", tmp_path / "cifar-10-python.tar.gz")
    message = str(raised.value)
    assert "인터넷 연결을 확인하고" in message
    assert str(tmp_path / "cifar-10-python.tar.gz") in message
    assert "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz를 받아" in message
