"""Student-facing feedback in Korean: scores per function and what each failing check said.

Only the messages of the checks appear here, never the hidden tests' source.
"""

from __future__ import annotations

from grader.assignment import Assignment
from grader.runner import Outcome

MAX_MESSAGE_CHARS = 1500
MAX_NOTES = 10


def render(assignment: Assignment, name: str, outcome: Outcome) -> str:
    scores = outcome.question_scores(assignment)
    total = sum(scores.values())
    lines = [f"# {assignment.name} 채점 결과: {name}", "",
             f"**총점: {total:g} / {assignment.max_score:g}**", "",
             "| 함수 (function) | 점수 |", "| --- | --- |"]
    lines += [f"| `{q.name}` | {scores[q.name]:g} / {q.points:g} |" for q in assignment.questions]
    for question in assignment.questions:
        failures = [c for c in outcome.cases if c.question == question.name and c.earned < c.points]
        if not failures:
            continue
        lines += ["", f"## `{question.name}`", ""]
        seen: set[str] = set()
        for case in failures:
            message = _clip(case.message)
            if message in seen:
                continue
            seen.add(message)
            lines += [f"- {_indent(message)}"]
    if outcome.notes:
        lines += ["", "## 실행 메모 (notes)", ""]
        lines += [f"- {_clip(note)}" for note in outcome.notes[:MAX_NOTES]]
    return "\n".join(lines) + "\n"


def render_error(assignment: Assignment, name: str, status: str) -> str:
    return (f"# {assignment.name} 채점 결과: {name}\n\n"
            f"**총점: 0 / {assignment.max_score:g}**\n\n"
            f"제출 파일을 채점할 수 없습니다: `{_clip(status)}`\n\n"
            "Jupyter에서 노트북을 열어 저장한 뒤 `.ipynb` 파일을 다시 제출하세요.\n")


def render_grader_error(assignment: Assignment, name: str) -> str:
    return (f"# {assignment.name} 채점 결과: {name}\n\n"
            "**채점하지 못했습니다 (채점기 문제).**\n\n"
            "채점 프로그램이나 채점 환경의 문제로 이 제출물을 채점하지 못했습니다. "
            "제출한 코드의 잘못이 아니며, 점수는 아직 매겨지지 않았습니다. "
            "강사가 문제를 해결한 뒤 다시 채점합니다.\n")


def _clip(text: str) -> str:
    text = text.replace("\r", "")
    return text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS] + " …"


def _indent(text: str) -> str:
    return text.replace("\n", "\n  ")
