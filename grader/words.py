"""Every Korean word the grader says to a student or to course staff, in one place.

A sentence with no variable part is a constant (``CHANGES_HEADING``); one with variable parts
is a function that takes them (already formatted: a number as it is to be shown, a name with its
Markdown or HTML markup where the caller puts one) and returns the sentence; a table's column
heads are a tuple of str. Paragraphs that explain a section of the report are ``*_EXPLAINED``.
The modules that say these words
(:mod:`grader.reporting.feedback`, :mod:`grader.gradescope`, :mod:`grader.reporting.report` …) keep
only markup and layout. A Korean reviewer proofreads this file, :mod:`nnkit.checks` (the checks'
words and the student's notebook front end) and the hints beside each known mistake in
``nnkit/reference/mistakes/``.

Not here: the worker's ``N번째 줄`` (:func:`grader.isolation.worker.describe_error`), which runs
in the sandbox, where the grader cannot be imported.
"""

from __future__ import annotations

from collections.abc import Iterable

# --------------------------------------------------------------------------- names of things


def graded_cell(function: str) -> str:
    """A graded function's cell, as a note names it."""
    return f"`{function}` 셀"


def code_cell(index: int) -> str:
    """Any other code cell, by its position among the notebook's code cells."""
    return f"코드 셀 {index}"


def count_of_students(count: int) -> str:
    return f"{count}명"


def _backticked(names: Iterable[str]) -> str:
    return ", ".join(f"`{name}`" for name in names)


# --------------------------------------------------------------------------- a call that failed


def timed_out(seconds: float | None = None) -> str:
    limit = f" ({seconds:g}초)" if seconds else ""
    return f"시간 초과{limit}: 무한 루프나 너무 긴 계산이 있는지 확인하세요"


def worker_died(reason: str) -> str:
    return f"프로세스가 비정상 종료됨 ({reason}): 메모리 초과나 os._exit 등을 확인하세요"


def restarts_exhausted(starts: int) -> str:
    return (f"작업자 프로세스를 {starts}번 다시 시작했습니다: 멈추거나 프로세스를 끝내는 코드가 "
            "계속 실행되어 이후 호출은 실행하지 않습니다")


def _budget(seconds: float) -> str:
    return f"제출물 전체의 채점 시간 ({seconds:g}초)"


def budget_spent_call_not_run(budget: float) -> str:
    return f"{_budget(budget)}을 다 써서 실행하지 않았습니다"


def budget_spent_test_not_run(question: str, budget: float) -> str:
    return f"{question}: {_budget(budget)}을 넘어 이 테스트는 실행되지 않았습니다"


def execution_error(label: str, kind: str, message: str, where: str = "",
                    hint: str | None = None) -> str:
    """An exception raised by the student's code, with the line it came from and a hint."""
    place = f" ({where})" if where else ""
    text = f"{label} 실행 중 오류{place}: {kind}: {message}"
    return f"{text}\n힌트: {hint}" if hint else text


def not_defined(label: str) -> str:
    return (f"{label}이(가) 정의되지 않았습니다: "
            "해당 셀을 실행했는지, 이름을 바꾸지 않았는지 확인하세요")


def return_too_large(label: str, megabytes: int) -> str:
    return (f"{label}의 반환값이 너무 큽니다 ({megabytes} MB 초과): "
            "반환하는 배열의 shape을 확인하세요 — 브로드캐스팅 (broadcasting)으로 배열이 "
            "의도보다 커졌을 수 있습니다")


def return_not_plain_data(label: str, detail: str) -> str:
    return (f"{label}의 반환값이 지원되지 않는 타입입니다 ({detail}): "
            "배열, 숫자, dict, list, tuple만 허용됩니다")


def return_unreadable(label: str, detail: str) -> str:
    return f"{label}: 반환값을 읽을 수 없습니다 ({detail})"


def parameters_unreadable(label: str, detail: str) -> str:
    return f"{label}: 매개변수를 읽을 수 없습니다 ({detail})"


def object_gone(label: str) -> str:
    return f"{label}: 객체가 더 이상 존재하지 않습니다 (작업자 재시작)"


# How a default value that is not plain data shows in a signature.
OPAQUE_DEFAULT = "<plain data가 아닌 기본값>"


def remote_object(type_name: str) -> str:
    """``repr`` of an instance of the student's class."""
    return f"<{type_name} 객체>"


def student_object(type_name: str) -> str:
    """How a check's message names an instance of the student's class."""
    return f"학생 클래스 {type_name}의 객체"


def test_failed(question: str, test: str) -> str:
    """A test that failed without a message of its own."""
    return f"{question}: 테스트 {test} 실패"


def check_tripped(question: str, error: str) -> str:
    """A test that tripped over a malformed answer (``error``: its type and message)."""
    return f"{question}: 반환값을 검사하다 오류가 났습니다 ({error})"


# --------------------------------------------------------------------------- notes on definitions


def definition_skipped(cell: str, why: str) -> str:
    return f"{cell}: 정의 실행 중 {why} — 건너뜀"


def budget_spent_cells_skipped(budget: float, first_cell: str, count: int) -> str:
    return f"{_budget(budget)}을 모두 써서 {first_cell}부터 셀 {count}개를 건너뜀"


# --------------------------------------------------------------------------- blame reruns


def helper_at_fault(function: str, blamed: list[str]) -> str:
    """A function's own logic is right; the named graded helpers made its values differ."""
    return (f"`{function}` 자체는 맞습니다; {_backticked(blamed)}의 오류 때문에 값이 달랐습니다 "
            f"(참조 답안의 보조 함수로 다시 실행해 확인했습니다)")


def helper_differs_here(function: str, helpers: list[str]) -> str:
    """Right on its own, though no helper lost points: one behaved otherwise on these inputs."""
    return (f"`{function}` 자체는 맞습니다; 직접 작성한 {_backticked(helpers)} 중 하나가 이 "
            "테스트의 입력에서 참조 답안과 다르게 동작해 값이 달랐습니다")


# --------------------------------------------------------------------------- feedback


def feedback_title(assignment: str, submission: str) -> str:
    return f"{assignment} 채점 결과: {submission}"


def total(score: str, max_score: str) -> str:
    return f"총점: {score} / {max_score}"


SCORE_TABLE_HEADS = ("함수 (function)", "점수")


NOTES_HEADING = "실행 메모 (notes)"


ALL_TESTS_PASSED = "모든 테스트를 통과했습니다."


NO_POINTS = "점수를 받지 못했습니다: 위의 전체 결과를 보세요."


def not_a_regular_file(kind: str) -> str:
    """Why a submission that is a link, a device or a FIFO (``kind``, in English) is not graded:
    the grader neither follows nor reads it."""
    return (f"일반 파일이 아닙니다 ({kind}): 링크나 장치 파일은 따라가거나 읽지 "
            "않습니다. 노트북 파일 자체를 제출하세요")


def unsafe_zip_member(member: str) -> str:
    """Why an export zip holding a link, or a name outside the zip (``/…``, ``..``)."""
    return (f"zip 안의 항목 {member}이(가) 링크이거나 zip 밖을 가리킵니다 "
            "(symbolic link, absolute path or ..): 노트북을 다시 내보내 제출하세요")


def unreadable_file(status: str) -> str:
    """The feedback of a file that cannot be graded (``status``: the gradebook's, marked up)."""
    return (f"제출 파일을 채점할 수 없습니다: {status}\n\n"
            "Jupyter에서 노트북을 열어 저장한 뒤 `.ipynb` 파일을 다시 제출하세요.")


NOT_GRADED_TITLE = "채점하지 못했습니다 (채점기 문제)"


# To the student whose submission the grader could not grade: not their fault.
GRADER_FAILED = ("채점 프로그램이나 채점 환경의 문제로 이 제출물을 채점하지 못했습니다. "
                 "제출한 코드의 잘못이 아니며, 점수는 아직 매겨지지 않았습니다. "
                 "강사가 문제를 해결한 뒤 다시 채점합니다.")


ZERO_IS_NOT_A_GRADE = "Gradescope에 보이는 0점은 성적이 아닙니다: 다시 채점하면 바뀝니다."


# --------------------------------------------------------------------------- Gradescope, instructor


# The name of the entry only instructors see.
INSTRUCTOR_ENTRY = "채점 환경 (grading environment, 강사 전용)"


HIDDEN_FROM_STUDENTS = "학생에게는 보이지 않는 항목입니다 (visibility: hidden)."


def sandbox_used(sandbox: str) -> str:
    return f"샌드박스 (sandbox): {sandbox}"


WALLS_CHECKED = "격리 (walls), 워커 안에서 확인:"


def canary_line(score: str, seconds: float) -> str:
    return f"카나리아 (canary, 정답 노트북): {score}, {seconds:.2f} s"


def swept_line(count: int) -> str:
    return f"채점 뒤 정리한 프로세스 (swept): {count}"


def submission_line(submission: str, score: str) -> str:
    return f"제출물 (submission): {submission}, {score}"


def status_line(status: str) -> str:
    return f"상태 (status): {status}"


def flags_line(flags: list[str]) -> str:
    return f"플래그 (flags): {', '.join(flags) or '없음'}"


NOT_GRADED_REASON = "채점하지 못한 이유 (reason):"


# --------------------------------------------------------------------------- the report


def report_title(assignment: str) -> str:
    return f"{assignment} 채점 보고서"


def report_subtitle(submissions: int, functions: int, points: str) -> str:
    return f"제출 {submissions}건 · 함수 {functions}개 · 배점 {points}점"


# The links to the report's four sections, in order.
REPORT_NAVIGATION = ("요약", "함수별", "살펴볼 제출", "모든 학생")


SUMMARY_HEADING = "학급 요약 (class summary)"


def summary_cards(max_score: str) -> tuple[str, str, str, str, str, str, str]:
    """Under the seven numbers: submissions, graded, file errors, grader errors, roster
    students without a submission, mean, median."""
    return ("제출", "채점 완료", "제출 파일 오류", "채점기 오류", "미제출 (no submission)",
            f"평균 / {max_score}", f"중앙값 / {max_score}")


HISTOGRAM_HEADING = "총점 분포 (histogram)"


HISTOGRAM_LABEL = "총점 분포 (학생 수)"


def histogram_bar(span: str, count: int) -> str:
    return f"{span}점: {count_of_students(count)}"


def summary_explained(scored: int, grader_errors: int, student_errors: int,
                      not_submitted: int = 0) -> str:
    missing = f", 미제출 {not_submitted}건도 0점으로 포함" if not_submitted else ""
    return (f"평균·중앙값·분포: 점수가 있는 {scored}건 기준 (채점기 오류 {grader_errors}건 "
            f"제외, 제출 파일 오류 {student_errors}건은 0점으로 포함{missing}).")


FUNCTIONS_HEADING = "함수별 결과 (per function)"


def functions_explained(graded: int) -> str:
    return f"채점 완료 {graded}건 기준. 막대: 만점 비율."


FULL_MARKS_CHART = "함수별 만점 비율"


FUNCTION_TABLE_HEADS = ("함수", "배점", "만점 비율", "평균 점수", "실패 유형")


def common_failures(function: str) -> str:
    return f"{function}: 자주 나온 실패"


NO_FAILURES = "실패한 제출이 없습니다."


def other_failures(groups: int, students: int) -> str:
    return f"그 밖의 실패 유형 {groups}개 (학생 {count_of_students(students)})"


def example_message(students: int) -> str:
    return f"학생 {count_of_students(students)} · 예시 메시지"


NEEDS_A_LOOK_HEADING = "살펴볼 제출 (needs a look)"


CONCERN_TABLE_HEADS = ("학생", "이유")


NOTHING_TO_LOOK_AT = "플래그, 시간 초과, 비정상 종료, 오류가 있는 제출이 없습니다."


REFERENCE_IMPORT_FLAG = "정답 모듈 (nnkit.reference) import 시도"


def incident(kind: str) -> str:
    """``timeout`` or ``crash``, as the report lists it (any other kind as it is)."""
    return {"timeout": "시간 초과 (timeout)", "crash": "비정상 종료 (crash)"}.get(kind, kind)


def grader_error_row(status: str) -> str:
    return f"채점기 오류 (grader error): {status}"


def file_error_row(status: str) -> str:
    return f"제출 파일 오류: {status}"


NEAR_IDENTICAL_HEADING = "거의 같은 제출 (near-identical)"


NEAR_IDENTICAL_EXPLAINED = ("주석, 공백, 지역 변수 이름, docstring, print를 지운 AST가 같은 채점 "
                            "함수를 가진 "
                            "제출의 쌍입니다 (셀 순서는 상관없음). 너무 짧은 함수는 비교하지 "
                            "않습니다.")


NO_NEAR_IDENTICAL = "거의 같은 제출이 없습니다."


def more_pairs(count: int) -> str:
    return f"그 밖에 {count}쌍"


PAIR_TABLE_HEADS = ("학생 A", "학생 B", "같은 함수")


COMMON_FORMS_HEADING = "여러 학생이 똑같이 쓴 함수"


COMMON_FORMS_EXPLAINED = ("같은 코드를 쓴 학생이 많아 쌍으로 나열하지 않았습니다: 자연스러운 "
                          "풀이이거나 공통 "
                          "출처일 수 있습니다.")


def written_alike(function: str, students: int) -> str:
    return f"{function}: {count_of_students(students)}이 똑같이 작성"


SHOW_STUDENTS = "학생 보기"


def students_heading(count: int) -> str:
    return f"모든 학생 ({count_of_students(count)})"


STUDENTS_EXPLAINED = "이름을 누르면 학생에게 보이는 피드백 (HTML)이 열립니다."


# Before the functions' columns.
STUDENT_TABLE_HEADS = ("학생", "총점")


# After the functions' columns.
STUDENT_TABLE_TAIL_HEADS = ("상태", "원문")


# --------------------------------------------------------------------------- the course (roster)


# The status of a roster student with no submission (score 0).
NOT_SUBMITTED_STATUS = "미제출"


NOT_SUBMITTED_FEEDBACK = ("제출물이 없습니다: 이 과제는 0점입니다. 제출했다면 담당 조교에게 알려 "
                          "주세요.")


def late_penalty_lines(raw: str, penalty: str, final: str, max_score: str,
                       minutes_late: int | None) -> tuple[str, str, str]:
    """Under a late submission's total in its feedback: the raw score, the late penalty (and
    how late, when the LMS gave a time) and the final score."""
    late = "" if minutes_late is None else f" ({minutes_late}분 늦게 제출)"
    return (f"채점 점수 (raw score): {raw} / {max_score}",
            f"지각 감점 (late penalty): -{penalty}{late}",
            f"최종 점수 (final score): {final} / {max_score}")


def course_flag(flag: str) -> str:
    """A flag the course wing sets, as the report lists it (any other flag as it is)."""
    return {"unmatched": "명단의 어느 학생과도 맞지 않는 제출 파일 (unmatched)",
            "late-time-unknown": "LMS가 지각으로 표시했으나 제출 시각이 없음: 한 기간 감점",
            "after-cutoff": "최종 마감 이후 제출: 0점"}.get(flag, flag)


# The report's columns after the total when a course file gives a late policy.
PENALTY_HEADS = ("감점", "최종")


# --------------------------------------------------------------------------- the notebook


# The first line of the student notebook's first code cell.
INIT_CELL_COMMENT = ('채점 준비: 맨 먼저 이 셀을 실행하세요. grader.check("함수 이름")이 공개 '
                     '테스트를 '
                     "실행합니다.")


HOSTED_INSTALL_COMMENT = ("nnkit이나 otter-grader가 없으면 (Colab 등) 강의 사이트에서 설치합니다: "
                          "처음 한 번만, "
                          "1분 안쪽.")


INSTALLING = "nnkit과 otter-grader를 설치하는 중입니다 …"


INSTALL_FAILED = "설치하지 못했습니다. 인터넷 연결을 확인하고 이 셀을 다시 실행하세요."


INSTALLED = "설치를 마쳤습니다."


# --------------------------------------------------------------------------- the report: regrades


CHANGES_HEADING = "재채점과 조정 내역 (changes)"


CHANGES_EXPLAINED = ("다시 채점할 때마다 점수가 바뀐 학생과 함수, 이전 → 이후 점수, 바뀐 "
                     "이유입니다 "
                     "(changes.csv와 같습니다). 바뀌기 전 결과는 .results/history/에 남아 "
                     "있습니다.")


CHANGE_TABLE_HEADS = ("채점 회차", "학생", "함수", "이전", "이후", "이유")


def change_reason(reason: str) -> str:
    """A reason of changes.csv (English there, for scripts) as the report says it."""
    return {"submission changed": "제출물이 바뀜", "tests changed": "테스트가 바뀜",
            "grader changed": "채점기 버전이 바뀜", "policy changed": "지각 감점 정책이 바뀜",
            "adjustment changed": "수동 조정이 바뀜", "regraded": "다시 채점함"}.get(reason, reason)


TOTAL_LABEL = "총점"


ADJUSTMENTS_HEADING = "수동 조정 (adjustments.csv)"


ADJUSTMENTS_EXPLAINED = ("조교가 adjustments.csv에 적은 조정은 맨 마지막에 더해집니다. 함수별 "
                         "점수는 테스트가 "
                         "준 그대로이고, 조정은 따로 표시됩니다.")


ADJUSTMENT_TABLE_HEADS = ("학생", "함수", "점수", "사유")


# --------------------------------------------------------------------------- the report: tests


TESTS_HEADING = "테스트별 통과율 (which test the class fails)"


def tests_explained(graded: int) -> str:
    return (f"채점된 제출 {graded}개 중 테스트마다 결과가 남은 제출에서 센 통과율입니다. "
            "숨김 테스트는 학생이 제출 전에 볼 수 없는 테스트입니다.")


TEST_TABLE_HEADS = ("함수", "테스트", "종류", "통과율", "통과/채점")


def test_kind(hidden: bool) -> str:
    return "숨김" if hidden else "공개"


SUSPECTS_HEADING = "의심스러운 테스트 (suspect tests)"


SUSPECTS_EXPLAINED = ("같은 함수의 다른 테스트는 모두 통과하면서 이 숨김 테스트 하나만 실패한 "
                      "제출들입니다. "
                      "테스트의 기대값이나 지문의 설명을 먼저 확인하세요.")


def suspect_line(test: str, function: str, count: int) -> str:
    return f"{function}의 {test}: {count_of_students(count)}이 이 테스트만 실패"


NO_SUSPECTS = "의심스러운 테스트가 없습니다."
