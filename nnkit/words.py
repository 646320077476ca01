"""Every Korean word nnkit itself says to a student, in one place (beside :mod:`grader.words`).

One format: a sentence with variable parts is a function that takes them (already formatted: a
number as it is to be shown, a shape as text) and returns the sentence; a sentence with none is
a constant. The modules that say these words (:mod:`nnkit.checking`, :mod:`nnkit.notebook`,
:mod:`nnkit.datasets`) keep only the logic that chooses them. A Korean reviewer proofreads this
file, :mod:`grader.words` and the hints beside each known mistake in ``nnkit/reference/mistakes/``
(which are the course text of each notebook, and stay beside their mistakes).

The shape of a check's message is published here too (:data:`HINT`, :data:`POSITION`), for
:mod:`grader.reporting.failure_groups`, which reads those messages back.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

# --------------------------------------------------------------------------- Korean particles

# Letters read alone (``X``, ``b``, ``W1``'s ``W``) as a Korean reader says them: the ones whose
# name ends in a final consonant (엘, 엠, 엔, 알).
_LETTERS_WITH_FINAL = set("lmnr")
# Digits whose Korean and English readings both end in a final consonant (일/원, 칠/세븐,
# 팔/에잇) or both do not (이/투, 사/포, 오/파이브); the others (영/제로, 삼/쓰리, 육/식스, 구/나인)
# are read both ways, and the particle is written with both forms.
_DIGITS_WITH_FINAL = {"1": True, "7": True, "8": True, "2": False, "4": False, "5": False}
_PAIRS = {"이/가": ("이", "가"), "을/를": ("을", "를"), "은/는": ("은", "는"),
          "과/와": ("과", "와"), "으로/로": ("으로", "로")}
_FIRST_SYLLABLE, _LAST_SYLLABLE = "가", "힣"


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
    if _FIRST_SYLLABLE <= last <= _LAST_SYLLABLE:
        return (ord(last) - ord(_FIRST_SYLLABLE)) % 28 != 0
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
    if _FIRST_SYLLABLE <= last <= _LAST_SYLLABLE:
        return (ord(last) - ord(_FIRST_SYLLABLE)) % 28 == 8
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


# --------------------------------------------------------------------------- a check's message

# ``[fn] quantity: problem``, the notes, then the hint after this prefix.
HINT = "힌트: "
# The word before an element's position (``위치 (2, 0)에서``): a position, not a shape, for
# :mod:`grader.reporting.failure_groups`.
POSITION = "위치"
RESULT = "반환값"  # what a function's result is called unless a case names it
NONE_LISTED = "(없음)"


def headline(fn: str, quantity: str, problem: str) -> str:
    """A failed check's first line."""
    return f"[{fn}] {quantity}: {problem}"


def hint_line(hint: str) -> str:
    return f"{HINT}{hint}"


def inputs_line(inputs: str) -> str:
    """The inputs of the failing case (:func:`nnkit.checking.describe.describe_inputs`)."""
    return f"입력: {inputs}"


def nth_argument(index: int) -> str:
    """An argument without a name, counted from 1."""
    return f"인자 {index}"


# --------------------------------------------------------------------------- kinds of value

TYPE_NAMES: dict[type, str] = {
    float: "실수 스칼라 (float)",
    int: "정수 (int)",
    bool: "불리언 (bool)",
    str: "문자열 (str)",
    dict: "딕셔너리 (dict)",
    tuple: "튜플 (tuple)",
    list: "리스트 (list)",
    type(None): "None",
}
ARRAY = "NumPy 배열 (ndarray)"
TYPE_SEPARATOR = " 또는 "


def array_described(shape: str, dtype: str) -> str:
    return f"{ARRAY}, shape {shape}, dtype {dtype}"


def numpy_scalar(type_name: str) -> str:
    return f"NumPy 스칼라 ({type_name})"


def sequence_described(kind: str, length: int) -> str:
    return f"{kind}, 길이 {length}"


# --------------------------------------------------------------------------- type and shape


def wrong_type(expected: str, got: str) -> str:
    return f"자료형이 다릅니다. 기대: {expected}, 실제: {got}."


def size_one_array_hint(shape: str) -> str:
    return (f"shape {shape}인 배열이 아니라 스칼라를 반환하세요. "
            "np.dot으로 합을 구하면 (1, 1) 배열이 됩니다: "
            "np.sum(...)을 쓰거나 float(np.squeeze(...))로 바꾸세요.")


def square_matrix_hint(shape: str) -> str:
    return (f"(m, m) = {shape} 배열이 나왔습니다. (m,1)과 (1,m) 브로드캐스팅 "
            "(broadcasting)으로 행렬이 만들어졌을 가능성이 큽니다: "
            "레이블과 예측값의 shape을 docstring에 적힌 대로 똑같이 맞추세요.")


REDUCE_TO_ONE_VALUE = "배열 전체를 하나의 값으로 줄이세요 (np.sum 또는 np.mean 후 1/m 스케일 확인)."
SIZE_IS_AN_INTEGER = "크기(개수)는 정수여야 합니다. X.shape[0]처럼 shape에서 바로 읽으세요."
RETURN_AN_ARRAY = "리스트가 아니라 NumPy 배열을 반환하세요 (np.array(...))."


def wrong_shape(expected: str, got: str) -> str:
    return f"shape이 다릅니다. 기대: {expected}, 실제: {got}."


TRANSPOSED = "shape이 전치 (transpose)되어 있습니다. 행렬 곱의 순서나 .T를 확인하세요."
BROADCAST_SQUARE = ("(m,1)과 (1,m) 브로드캐스팅 (broadcasting): "
                    "shape이 다른 두 배열을 더하거나 곱해서 정사각 행렬이 되었습니다. "
                    "두 배열의 shape을 같게 맞추세요.")
LOST_A_DIMENSION = ("차원이 하나 빠졌습니다. 합계라면 np.sum(..., axis=1, keepdims=True)처럼 "
                    "keepdims=True를, 그 밖에는 .reshape(...)으로 2차원 shape을 유지하세요.")
COLUMNS_MULTIPLIED = ("열이 늘어났습니다: 샘플 축 (axis=1)으로 합하지 않았거나, shape이 다른 "
                      "배열과의 브로드캐스팅 (broadcasting)으로 열이 복제되었습니다. 더하거나 "
                      "빼는 두 배열의 "
                      "shape을 확인하세요.")


def missing_keys(missing: str, expected: str, got: str) -> str:
    return (f"딕셔너리에 키가 빠졌습니다: {missing}. "
            f"기대한 키: {expected}; 실제 키: {got}.")


def key_case_hint(example: str) -> str:
    return f"키 이름은 대소문자까지 정확히 맞춰야 합니다 (예: {example})."


# --------------------------------------------------------------------------- values


def not_numeric(dtype: str) -> str:
    return f"숫자 배열이 아닙니다 (dtype {dtype})."


HAS_NAN = "NaN (숫자가 아님) 값이 있습니다."
NAN_HINT = "log(0), 0으로 나누기, 또는 발산 (학습률, 부호)을 확인하세요."
HAS_INF = "무한대 (inf) 값이 있습니다."
INF_HINT = "log(0)이나 exp 오버플로를 확인하세요."


def at_position(index: str) -> str:
    """Where in an array the largest error is (``index``: ``(2, 0)``)."""
    return f"{POSITION} {index}에서 "


def wrong_values(where: str, expected: str, got: str, error: str) -> str:
    """The start of a value mismatch; :func:`wrong_elements` and :func:`tolerance` follow."""
    return f"값이 다릅니다. {where}기대: {expected}, 실제: {got} (최대 절대 오차 {error}"


def wrong_elements(bad: int, size: int) -> str:
    return f", 틀린 원소 {bad}/{size}개"


def tolerance(rtol: str, atol: str) -> str:
    return f"; 허용 오차 rtol={rtol}, atol={atol})."


def wrong_value(expected: str, got: str) -> str:
    """A value other than an array or a float (an int, a bool, a str) that differs."""
    return f"값이 다릅니다. 기대: {expected}, 실제: {got}."


def difference_words(output: str | None, labels: str | None) -> str:
    """``A2 - Y`` in the notebook's own names, or in words when the test gave none."""
    if output and labels:
        return f"{output} - {labels}인지 {labels} - {output}인지"
    return "예측 - 정답인지 정답 - 예측인지"


ALL_ZEROS = ("모든 값이 0입니다. 계산 결과를 실제로 반환했는지, "
             "0으로 초기화한 채로 두지 않았는지 확인하세요.")


def sign_flipped(difference: str) -> str:
    return ("부호가 반대입니다 (-1배). "
            f"마이너스 부호나 빼기의 순서 ({difference})를 확인하세요.")


def missing_mean(count: str, m: int) -> str:
    return f"값이 정확히 {count} = {m}배 큽니다: 1/{count} 누락? (평균을 내지 않았습니다)"


def divided_twice(count: str, m: int) -> str:
    by = particle(count, "으로/로")
    return f"값이 정확히 1/{count} = 1/{m}배 작습니다: {by} 두 번 나누었나요?"


def missing_mean_and_sign(count: str, m: int) -> str:
    return f"값이 -{count} = -{m}배입니다: 1/{count} 누락과 부호 반대가 함께 있습니다."


def factor_of_two(k: str) -> str:
    return f"값이 기대값의 {k}배입니다: 2배 차이 (factor of 2) — 계수 2나 1/2를 확인하세요."


def factor_of_ten(k: str) -> str:
    return (f"값이 기대값의 {k}배입니다: 곱한 스케일 상수 (0.1, 0.01, 0.001 …)나 "
            "소수점 자리를 확인하세요.")


def constant_factor(k: str) -> str:
    return f"값이 기대값의 약 {k}배로, 모두 같은 비율입니다 (상수배 차이)."


INTEGER_FACTOR = " 정수배라면 평균을 내는 1/m이 빠졌을 수 있습니다."
INVERSE_INTEGER_FACTOR = " 1/정수배라면 m으로 한 번 더 나누었나요?"
CHECK_THE_CONSTANTS = " 곱한 상수 (학습률 (learning rate), 스케일, 계수)를 확인하세요."

PROBABILITY = "확률"


def not_binary(bad: int, example: str) -> str:
    return f"0 또는 1만 있어야 합니다. 실제로 {bad}개 원소가 0/1이 아닙니다 (예: {example})."


def threshold_hint(probability: str) -> str:
    return ("0과 1 사이의 확률이 그대로 반환되었습니다. 임계값 0.5로 0/1을 만드세요: "
            f"({probability} > 0.5).astype(int).")


GRADIENT_NOT_FINITE = "기울기에 NaN 또는 inf가 있습니다."
GRADIENT_DIRECTION = ("수치 미분 (numerical gradient)과 방향까지 다릅니다. 연쇄 법칙 "
                      "(chain rule)의 "
                      "각 항 — 특히 활성화 함수의 도함수 (캐시에 저장된 활성화로 쓰는지, 활성화 전 "
                      "값으로 쓰는지)와 행렬 곱의 순서 — 를 확인하세요.")


def gradient_check_failed(difference: str, threshold: str, analytic: str, numerical: str) -> str:
    return (f"기울기 검사 (gradient check) 실패: 상대 차이 ‖g − g̃‖/(‖g‖ + ‖g̃‖) = {difference} "
            f"(허용 {threshold}). 예: 해석적 {analytic}, 수치적 {numerical}.")


SAME_AS_A_MISTAKE = "알려진 실수와 같은 결과입니다."
RESULT_OF_A_MISTAKE = "알려진 실수를 했을 때와 같은 결과입니다."
VALUE_OF_A_MISTAKE = "알려진 실수를 했을 때와 같은 값입니다."


def too_few_values(count: int) -> str:
    return f"값이 {count}개뿐입니다. 학습 과정의 기록이 필요합니다."


HISTORY_NOT_FINITE = "NaN 또는 inf가 있습니다."
DIVERGED_HINT = "학습률 (learning rate)이 너무 크거나 갱신 부호가 반대일 수 있습니다."


def not_decreasing(first: str, last: str, at_most: str) -> str:
    return (f"손실이 충분히 줄지 않았습니다. 처음 {first} → 마지막 {last} "
            f"(기대: 마지막 ≤ {at_most} × 처음).")


NOT_DECREASING_HINT = ("갱신 방향 (θ ← θ - 학습률 × 기울기)의 부호, 학습률, "
                       "그리고 갱신한 파라미터를 다음 에포크에서 실제로 쓰는지 확인하세요.")


# --------------------------------------------------------------------------- counts and parts


def wrong_count(expected: int, listed: str, got: int) -> str:
    """``listed``: the part names in parentheses with a leading space, or nothing."""
    return f"원소 개수가 다릅니다. 기대: {expected}개{listed}, 실제: {got}개."


CHECK_THE_RETURN = "return 문에서 반환하는 값의 개수와 순서를 확인하세요."


def history_length_hint(expected: int, got: int) -> str:
    """A history of another length: the loop ran, or recorded, another number of times."""
    more = "많습니다" if got > expected else "적습니다"
    return (f"기록된 값이 기대보다 {more} ({got}개, 기대 {expected}개): 반복한 횟수나 "
            "기록한 간격이 다릅니다. 반복 횟수를 정하는 인자 (num_iterations, epochs …)를 "
            "고정값이 아니라 받은 값 그대로 썼는지 확인하세요.")


def returned_parts(marks: str) -> str:
    """Which returned parts are right (``dW2 ✓ db2 ✓ dW1 ✗``)."""
    return f"반환값 검사: {marks}"


def fix_first(first: str) -> str:
    return f" — 처음 틀린 {first}부터 고치세요."


# --------------------------------------------------------------------------- objects and defaults


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


MISSING_ATTRIBUTE = "속성이 없습니다."


def set_the_attribute(name: str) -> str:
    return f"__init__이나 메서드에서 self.{name}에 값을 넣었는지 확인하세요."


PARAMETERS = "매개변수"
UNREADABLE_DEFINITION = "함수의 정의를 읽을 수 없습니다."


def parameter(name: str) -> str:
    return f"{PARAMETERS} {name}"


def parameter_missing(name: str) -> str:
    return f"정의에 {particle(name, '이/가')} 없습니다."


def write_the_documented(documented: str) -> str:
    return f"노트북에 적힌 def 줄대로 {particle(documented, '을/를')} 두세요."


NO_DEFAULT = "기본값이 없습니다."


def give_the_default(documented: str) -> str:
    return (f"노트북에 적힌 대로 {particle(documented, '으로/로')} 두세요: "
            "채점은 이 인자를 생략하고도 부릅니다.")


def other_default(documented: str, actual: str) -> str:
    return f"기본값이 다릅니다. 기대: {documented}, 실제: {actual}."


def result_without(omitted: str) -> str:
    """A call that leaves the documented defaults ``omitted`` out."""
    return particle(omitted, "을/를") + " 생략하고 부른 반환값"


def result_with_flags(flags: str) -> str:
    """A call that takes the printing path (``print_cost=True``)."""
    return particle(flags, "으로/로") + " 부른 반환값 (출력 내용은 보지 않습니다)"


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


# --------------------------------------------------------------------------- re-seeding

RESEEDS_PROBLEM = "전역 시드 (np.random.seed)를 바꿔도 똑같은 난수가 나옵니다."
RESEEDS_HINT = ("함수 안에서 np.random.seed(...)로 시드를 다시 정했거나 따로 만든 난수 생성기 "
                "(np.random.default_rng 등)에서 뽑은 것 같습니다. 시드는 함수 밖에서 정하고, 함수 "
                "안에서는 전역 난수 생성기 (np.random.randn)로 뽑기만 하세요.")


def reseeds_when_none_hint(argument: str) -> str:
    """The hint for a function that may seed itself, but not when ``argument`` is None."""
    return (f"{argument}=None이면 np.random.seed를 부르지 마세요: 호출한 쪽이 정해 둔 전역 난수 "
            "생성기의 상태에서 (np.random.randn) 그대로 뽑아야 합니다.")


# --------------------------------------------------------------------------- student exceptions

# By exception type (and a text its message contains, where one type has several causes).
UNDEFINED_NAME = ("정의되지 않은 이름입니다. 아직 채우지 않은 `...` 부분이 있거나, 이름에 오타가 "
                  "있거나, 그 이름을 만드는 셀을 아직 실행하지 않았습니다.")
UNBOUND_LOCAL = "값을 넣기 전에 쓴 지역 변수가 있습니다. 계산하는 순서를 확인하세요."
NOT_ALIGNED = ("행렬 곱 (np.dot)의 안쪽 차원이 맞지 않습니다. 두 배열의 shape을 적어 보고, "
               "곱하는 순서와 전치 (.T)를 확인하세요.")
MATMUL_MISMATCH = ("행렬 곱 (@)의 안쪽 차원이 맞지 않습니다. 두 배열의 shape을 적어 보고, "
                   "곱하는 순서와 전치 (.T)를 확인하세요.")
NOT_BROADCASTABLE = ("shape이 맞지 않아 브로드캐스팅 (broadcasting)을 할 수 없습니다. "
                     "연산하는 두 배열의 shape을 확인하세요.")
UNPACK_COUNT = ("받는 변수의 개수와 반환값의 개수가 다릅니다. 부르는 함수가 무엇을 몇 개 "
                "반환하는지 "
                "docstring에서 확인하세요.")
A_NONE_VALUE = ("어떤 값이 None입니다. return 문이 빠진 함수나, 아직 채우지 않은 함수를 부르고 "
                "있지 않은지 확인하세요.")
ARRAY_FOR_AN_INTEGER = ("정수가 필요한 자리 (shape, 인덱스, range)에 배열을 넘겼습니다. 크기는 "
                        "X.shape[0]처럼 정수로 쓰세요.")
UNKNOWN_KEYWORD = ("함수 정의에 없는 이름의 키워드 인자를 넘겼습니다. "
                   "def 줄의 인자 이름을 확인하세요.")
ARGUMENT_COUNT = ("함수에 넘긴 인자의 개수가 정의와 다릅니다. "
                  "부르는 곳과 def 줄의 인자를 비교하세요.")
NO_SUCH_AXIS = ("배열에 없는 축 (axis)을 썼습니다. 1차원 배열 (샘플 하나)에는 axis=1이 없습니다: "
                "입력의 차원 (ndim)을 확인하세요.")
NON_INTEGER_INDEX = ("정수가 아닌 배열을 인덱스로 썼습니다. 레이블이 정수인지, "
                     "원-핫 행렬의 열의 수 "
                     "(클래스 수)가 확률의 열의 수와 같은지 확인하세요.")
INDEX_OUT_OF_RANGE = ("배열의 범위를 벗어난 인덱스입니다. 인덱스를 쓰는 축 (axis)과 그 축의 크기를 "
                      "확인하세요.")
MISSING_KEY = "딕셔너리에 없는 키입니다. 키 이름을 대소문자까지 정확히 확인하세요."
DIVISION_BY_ZERO = "0으로 나누었습니다. 나누는 값이 어디서 오는지 확인하세요."
ATTRIBUTE_OF_NONE = ("None의 속성을 썼습니다. "
                     "return 문이 빠진 함수의 결과를 쓰고 있지 않은지 확인하세요.")
NO_SUCH_ATTRIBUTE = ("없는 속성 (attribute)을 썼습니다. 이름의 오타나, "
                     "배열이 아닌 값 (리스트 등)에 "
                     ".shape 같은 배열의 속성을 쓰지 않았는지 확인하세요.")
ENDLESS_RECURSION = ("함수가 자기 자신을 끝없이 부릅니다. 함수 안에서 같은 이름의 함수를 부르지 "
                     "않았는지 확인하세요.")


def reduction_with_two_values(call: str, which: str) -> str:
    """``np.max(0, x)``: the second argument of ``np.max`` / ``np.min`` is an axis."""
    what, bigger = ("최댓값", "큰") if which == "max" else ("최솟값", "작은")
    return (f"{call}: np.{which}의 두 번째 인자는 축 (axis)입니다. 두 값을 원소마다 비교하지 "
            f"않고 첫 인자의 그 축에서 {what}을 찾으려 합니다. 원소마다 두 값 중 {bigger} 값은 "
            f"np.{which}imum(…, …)입니다 (예: np.{which}imum(0, x)).")


def scalar_math(which: str) -> str:
    """``math.exp(array)``: the ``math`` module takes one number."""
    return (f"{particle('math.' + which, '은/는')} 숫자 하나만 받습니다: "
            "배열을 넘기면 이 오류가 납니다. "
            f"배열의 원소마다 계산하는 {particle('np.' + which, '을/를')} 쓰세요.")


# ------------------------------------------------------------------------ what grader.check shows


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


def student_error(question: str, frames: Sequence[tuple[str, str]], kind: str, text: str,
                  notes: Sequence[str] = (), explanation: str | None = None) -> str:
    """An exception in the student's code: its lines (``(where, source)``, outermost first),
    the error, the inputs of the check (``notes``) and an explanation, if one fits."""
    lines = [f"❌ `{question}`: 여러분의 코드에서 오류가 났습니다 ({frames[-1][0]})"]
    for where, source in frames if len(frames) > 1 else ():
        lines.append(f"    {where}: {source}")
    if len(frames) == 1 and frames[0][1]:
        lines.append(f"    {frames[0][1]}")
    lines.append(f"{kind}: {text}")
    lines += list(notes)
    if explanation:
        lines.append(hint_line(explanation))
    return "\n".join(lines)


def unreadable_result_message(question: str, kind: str, text: str) -> str:
    return (f"❌ `{question}`: 반환값을 검사하다 오류가 났습니다 ({kind}: {text}).\n"
            f"{HINT}반환값의 자료형, 개수, 순서를 docstring과 비교하세요.")


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


def location(qualname: str, line: int) -> str:
    """Where in the student's notebook: the function and the line counted in its cell."""
    return f"`{qualname}`, 셀의 {line}번째 줄"


# --------------------------------------------------------------------------- data sets


def download_failed_advice(file: Path | str, url: str) -> str:
    """A data set's download failed (offline, a firewall): what to do, in the student's words."""
    return (f"데이터 파일을 내려받지 못했습니다. 인터넷 연결을 확인하고 이 셀을 다시 실행하세요. "
            f"인터넷을 쓸 수 없는 곳이라면 다른 컴퓨터에서 {particle(url, '을/를')} 받아 "
            f"이 컴퓨터의 {file}에 "
            "두고 다시 실행하세요 (파일은 SHA-256 체크섬으로 확인합니다).")
