"""Student-facing feedback in Korean: scores per function and what each failing check said.

Only the messages of the checks appear here, never the hidden tests' source. The same words
serve the feedback file of ``python -m grader grade`` (:func:`render`) and Gradescope, which
shows a summary (:func:`summary`) above one entry per function (:func:`function_feedback`).
"""

from __future__ import annotations

from grader.assignment import Assignment
from grader.gradebook import Result
from grader.runner import Outcome

MAX_MESSAGE_CHARS = 1500
MAX_NOTES = 10
GRADER_ERROR_TEXT = ("채점 프로그램이나 채점 환경의 문제로 이 제출물을 채점하지 못했습니다. "
                     "제출한 코드의 잘못이 아니며, 점수는 아직 매겨지지 않았습니다. "
                     "강사가 문제를 해결한 뒤 다시 채점합니다.")
NOT_A_GRADE_TEXT = "Gradescope에 보이는 0점은 성적이 아닙니다: 다시 채점하면 바뀝니다."
PASSED_TEXT = "모든 테스트를 통과했습니다."
NO_POINTS_TEXT = "점수를 받지 못했습니다: 위의 전체 결과를 보세요."


def render(assignment: Assignment, name: str, outcome: Outcome) -> str:
    scores = outcome.question_scores(assignment)
    lines = _title(assignment, name, sum(scores.values()))
    lines += ["| 함수 (function) | 점수 |", "| --- | --- |"]
    lines += [f"| `{q.name}` | {scores[q.name]:g} / {q.points:g} |" for q in assignment.questions]
    messages, remarks = outcome.failure_messages(), outcome.remarks()
    for question in assignment.questions:
        said = messages.get(question.name, []) + remarks.get(question.name, [])
        if said:
            lines += ["", f"## `{question.name}`", "", *_message_lines(said)]
    return "\n".join(lines + _note_lines(outcome.notes)) + "\n"


def summary(assignment: Assignment, result: Result) -> str:
    """The total and the notes of a graded submission; the whole feedback of any other."""
    if result.status != "ok" or result.score is None:
        return result.feedback
    lines = _title(assignment, result.submission, result.score)
    return "\n".join(lines + _note_lines(result.notes)).rstrip() + "\n"


def function_feedback(earned: float, points: float, messages: list[str],
                      remarks: list[str] = ()) -> str:
    """One function's part of the feedback: what its failing checks said, then its remarks."""
    said = [*messages, *remarks]
    if said:
        return "\n".join(_message_lines(said)) + "\n"
    return (PASSED_TEXT if earned >= points else NO_POINTS_TEXT) + "\n"


def render_error(assignment: Assignment, name: str, status: str) -> str:
    return (f"# {assignment.name} 채점 결과: {name}\n\n"
            f"**총점: 0 / {assignment.max_score:g}**\n\n"
            f"제출 파일을 채점할 수 없습니다: `{_clip(status)}`\n\n"
            "Jupyter에서 노트북을 열어 저장한 뒤 `.ipynb` 파일을 다시 제출하세요.\n")


def render_grader_error(assignment: Assignment, name: str) -> str:
    return (f"# {assignment.name} 채점 결과: {name}\n\n"
            "**채점하지 못했습니다 (채점기 문제).**\n\n"
            f"{GRADER_ERROR_TEXT}\n")


def _title(assignment: Assignment, name: str, total: float) -> list[str]:
    return [f"# {assignment.name} 채점 결과: {name}", "",
            f"**총점: {total:g} / {assignment.max_score:g}**", ""]


def _message_lines(messages: list[str]) -> list[str]:
    lines: list[str] = []
    seen: set[str] = set()
    for message in map(_clip, messages):
        if message not in seen:
            seen.add(message)
            lines.append(f"- {_indent(message)}")
    return lines


def _note_lines(notes: list[str]) -> list[str]:
    if not notes:
        return []
    return ["", "## 실행 메모 (notes)", "", *[f"- {_clip(note)}" for note in notes[:MAX_NOTES]]]


def _clip(text: str) -> str:
    text = text.replace("\r", "")
    return text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS] + " …"


def _indent(text: str) -> str:
    return text.replace("\n", "\n  ")
