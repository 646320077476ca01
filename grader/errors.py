"""The grader's own failures, kept apart from the student's.

A :class:`GraderError` means that this machine or the grader could not grade a submission — a
sandbox that does not start, a worker that dies before it runs any student code, a module the
sandbox cannot see although this machine has it, a crash of the trusted side. It never becomes a
score: the row's status is ``error: grader: …``, the score is left empty and a rerun grades it
again.
"""

from __future__ import annotations

STUDENT_STATUS_PREFIX = "error: "  # the file cannot be graded: 0 points, the reason said
GRADER_STATUS_PREFIX = STUDENT_STATUS_PREFIX + "grader: "


class GraderError(Exception):
    """This machine or the grader failed; ``str(error)`` says why, for the instructor."""


class WorkerStartError(GraderError):
    """A sandboxed worker did not start (before any of the student's code ran)."""


def student_status(reason: str) -> str:
    """The gradebook status of a file the student made ungradable (``error: …``)."""
    return STUDENT_STATUS_PREFIX + reason


def grader_status(reason: str) -> str:
    """The gradebook status of a row the grader could not grade."""
    return GRADER_STATUS_PREFIX + " ".join(reason.split())[:300]


def is_grader_status(status: str) -> bool:
    return status.startswith(GRADER_STATUS_PREFIX)


# The exit statuses of a grading run (``grade``, ``merge``, Gradescope's run): the command-line
# contract. Refused: the grader will not grade on this machine (the canary failed).
EXIT_GRADED = 0
EXIT_REFUSED = 3
EXIT_GRADER_ERRORS = 4  # some rows are ``error: grader: …``
