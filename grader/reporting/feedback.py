"""Student-facing feedback in Korean: scores per function and what each failing check said.

Only the messages of the checks appear here, never the hidden tests' source. The same words
serve the feedback file of ``python -m grader grade`` (:func:`render`) and Gradescope, which
shows a summary (:func:`summary`) above one entry per function (:func:`function_feedback`).

A message, a note, a status and a submission's name may hold whatever the student's code or file
put there, so each is shown literally (:mod:`grader.literal_text`): a message is a code block, a
name a code span, and no heading, table or image inside them is ever Markdown.
"""

from __future__ import annotations

from grader import words
from grader.assignment import Assignment
from grader.grading.gradebook import Result
from grader.literal_text import markdown_block, markdown_code

MAX_MESSAGE_CHARS = 1500
MAX_NOTES = 10


def render(assignment: Assignment, result: Result) -> str:
    """The feedback file of a graded submission, from its row alone."""
    lines = _graded_title(assignment, result)
    function_head, score_head = words.SCORE_TABLE_HEADS
    lines += [f"| {function_head} | {score_head} |", "| --- | --- |"]
    lines += [f"| `{q.name}` | {result.questions[q.name]:g} / {q.points:g} |"
              for q in assignment.questions]
    for question in assignment.questions:
        said = result.messages.get(question.name, []) + result.remarks.get(question.name, [])
        if said:
            lines += ["", f"## `{question.name}`", "", *_message_lines(said)]
    return "\n".join(lines + _note_lines(result.notes)) + "\n"


def summary(assignment: Assignment, result: Result) -> str:
    """The total and the notes of a graded submission; the whole feedback of any other."""
    if result.status != "ok" or result.score is None:
        return result.feedback
    lines = _graded_title(assignment, result)
    return "\n".join(lines + _note_lines(result.notes)).rstrip() + "\n"


def function_feedback(earned: float, points: float, messages: list[str],
                      remarks: list[str] = ()) -> str:
    """One function's part of the feedback: what its failing checks said, then its remarks."""
    said = [*messages, *remarks]
    if said:
        return "\n".join(_message_lines(said)) + "\n"
    return (words.ALL_TESTS_PASSED if earned >= points else words.NO_POINTS) + "\n"


def render_error(assignment: Assignment, name: str, status: str) -> str:
    lines = _title(assignment, name, 0) + [words.unreadable_file(markdown_code(_clip(status)))]
    return "\n".join(lines) + "\n"


def render_grader_error(assignment: Assignment, name: str) -> str:
    lines = [_heading(assignment, name), "", f"**{words.NOT_GRADED_TITLE}.**", "",
             words.GRADER_FAILED]
    return "\n".join(lines) + "\n"


def not_graded() -> str:
    """The whole feedback when no grade could be made (Gradescope's ``output``)."""
    return (f"# {words.NOT_GRADED_TITLE}\n\n{words.GRADER_FAILED}\n\n"
            f"{words.ZERO_IS_NOT_A_GRADE}\n")


def _heading(assignment: Assignment, name: str) -> str:
    return f"# {words.feedback_title(assignment.name, markdown_code(name))}"


def _title(assignment: Assignment, name: str, total: float) -> list[str]:
    return [_heading(assignment, name), "",
            f"**{words.total(f'{total:g}', f'{assignment.max_score:g}')}**", ""]


def _graded_title(assignment: Assignment, result: Result) -> list[str]:
    """The title and total of a graded row; after a late penalty (``grade --course``) the
    total is the final score, with the raw score, the penalty and the final score listed."""
    if not result.penalty:  # None (no course file) or 0 (on time): nothing to say
        return _title(assignment, result.submission, result.score)
    lines = _title(assignment, result.submission, result.final_score)
    listed = words.late_penalty_lines(f"{result.score:g}", f"{result.penalty:g}",
                                      f"{result.final_score:g}", f"{assignment.max_score:g}",
                                      result.minutes_late)
    return lines + [f"- {line}" for line in listed] + [""]


def _message_lines(messages: list[str]) -> list[str]:
    """Each distinct message once, as a code block of its own (blank lines between)."""
    distinct = dict.fromkeys(map(_clip, messages))
    return "\n\n".join(map(markdown_block, distinct)).split("\n")


def _note_lines(notes: list[str]) -> list[str]:
    if not notes:
        return []
    return ["", f"## {words.NOTES_HEADING}", "", *_message_lines(notes[:MAX_NOTES])]


def _clip(text: str) -> str:
    text = text.replace("\r", "")
    return text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS] + " …"
