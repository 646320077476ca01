"""What the instructor's report needs from one graded submission beyond its scores.

Kept small, since it is saved with every result: the distinct messages of the failing checks per
question (for grouping the class's mistakes) and the questions whose tests timed out or crashed.
"""

from __future__ import annotations

from grader.runner import Outcome

MAX_MESSAGES = 5  # per question: enough to name every distinct mistake in practice
MAX_MESSAGE_CHARS = 500
INCIDENT_KINDS = ("timeout", "crash")


def failure_messages(outcome: Outcome) -> dict[str, list[str]]:
    """Question → its failing checks' distinct messages, in test order."""
    messages: dict[str, list[str]] = {}
    for case in outcome.cases:
        if case.earned >= case.points or not case.message:
            continue
        text = case.message.replace("\r", "")[:MAX_MESSAGE_CHARS]
        seen = messages.setdefault(case.question, [])
        if text not in seen and len(seen) < MAX_MESSAGES:
            seen.append(text)
    return messages


def incidents(outcome: Outcome) -> dict[str, list[str]]:
    """``timeout`` / ``crash`` → the questions in which a test ended that way."""
    found: dict[str, list[str]] = {}
    for case in outcome.cases:
        if case.kind in INCIDENT_KINDS:
            questions = found.setdefault(case.kind, [])
            if case.question not in questions:
                questions.append(case.question)
    return found
