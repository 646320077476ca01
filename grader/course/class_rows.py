"""The class as rows: one per roster student (graded, or 미제출 with 0), one per unmatched file.

``grade --roster FILE [--course FILE] [--layout NAME]`` builds a :class:`Course`;
:meth:`Course.plan` reads the submission folders (:mod:`grader.course.layouts`) into a
:class:`ClassPlan`, whose files :func:`grader.run.grade.grade_all` grades as it grades any; then
:meth:`ClassPlan.finish` adds to each graded result who it is, when it came in and its late
penalty (:mod:`grader.course.deadlines`), and makes the rows of the students who did not submit.
Identity and penalty are recomputed on every run from the roster and the course file, never read
back from an earlier run: changing a due date regrades nothing and changes only the penalties.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from grader import words
from grader.assignment import Assignment
from grader.course.deadlines import CourseError, Deadline, assess, load_course
from grader.course.layouts import AUTO, Candidate, Found, choose, scan
from grader.course.roster import Roster, Student, load_roster
from grader.grading.gradebook import Result, save_result
from grader.grading.submission_files import SubmissionFile, find_submissions
from grader.literal_text import markdown_code

FLAG_UNMATCHED = "unmatched"


@dataclass(frozen=True)
class Planned:
    """One row of the class: a file to grade (``None``: the student did not submit)."""

    name: str
    student: Student | None
    candidate: Candidate | None
    superseded: tuple[str, ...] = ()


@dataclass
class ClassPlan:
    roster: Roster
    deadline: Deadline | None
    rows: list[Planned] = field(default_factory=list)

    def files(self) -> list[SubmissionFile]:
        """The files to grade, as :class:`grader.grading.submission_files.SubmissionFile`."""
        return [SubmissionFile(row.name, row.candidate.found.path) for row in self.rows
                if row.candidate is not None]

    def finish(self, assignment: Assignment, graded: list[Result], out: Path,
               holds: Callable[[str], bool] | None = None,
               render: Callable[[Assignment, Result], str] | None = None) -> list[Result]:
        """Every row of this plan that ``holds`` (a shard's slice), graded ones from ``graded``,
        with identity and penalty; each saved, so ``report`` and ``merge`` see them.

        ``render``: the feedback of a graded row, written again once its penalty is known (the
        student reads the raw score, the late penalty and the final score); the reporting wing
        passes it, since this wing sits below it.
        """
        by_name = {result.submission: result for result in graded}
        rows = []
        for row in self.rows:
            if holds is not None and not holds(row.name):
                continue
            if row.candidate is not None and row.name not in by_name:
                continue  # not graded in this run (cannot happen unless the folder changed)
            result = self._complete(by_name.get(row.name) or not_submitted(assignment, row.name),
                                    row)
            if render is not None and result.status == "ok":
                result = dataclasses.replace(result, feedback=render(assignment, result))
            rows.append(result)
        for result in rows:
            save_result(out, result)
        return rows

    def _complete(self, result: Result, row: Planned) -> Result:
        flags = [f for f in result.flags if f not in COURSE_FLAGS]
        candidate = row.candidate
        extra: dict = {"student": row.student.identity(self.roster.format) if row.student else {},
                       "superseded": list(row.superseded), "submitted_at": "",
                       "minutes_late": None, "penalty": None}
        if row.student is None and candidate is not None:
            flags.append(FLAG_UNMATCHED)
        when = candidate.submitted_at if candidate else None
        if when is not None:
            extra["submitted_at"] = when.isoformat()
        if self.deadline is not None and candidate is not None:
            lateness = assess(self.deadline, row.student.id if row.student else "", when,
                              candidate.late_marker, result.score, result.max_score)
            flags += lateness.flags
            extra.update(minutes_late=lateness.minutes_late, penalty=lateness.penalty,
                         submitted_at=lateness.submitted_at.isoformat()
                         if lateness.submitted_at else "")
        elif self.deadline is not None:
            extra["penalty"] = 0.0
        return dataclasses.replace(result, flags=flags, **extra)


COURSE_FLAGS = frozenset({FLAG_UNMATCHED, "late-time-unknown", "after-cutoff"})


def is_not_submitted(status: str) -> bool:
    """Whether a row's status is that of a roster student without a file (미제출)."""
    return status == words.NOT_SUBMITTED_STATUS


def not_submitted(assignment: Assignment, name: str) -> Result:
    """The row of a roster student with no file: status 미제출, every function 0."""
    feedback = (f"# {words.feedback_title(assignment.name, markdown_code(name))}\n\n"
                f"{words.NOT_SUBMITTED_FEEDBACK}\n")
    return Result(submission=name, status=words.NOT_SUBMITTED_STATUS, score=0.0,
                  max_score=assignment.max_score,
                  questions={q.name: 0.0 for q in assignment.questions}, feedback=feedback)


@dataclass(frozen=True)
class Course:
    """What ``grade`` was told about the class: the roster, the deadline, the layout."""

    roster: Roster
    deadline: Deadline | None = None
    layout: str = AUTO

    def plan(self, arguments: list[Path]) -> ClassPlan:
        candidates = [c for argument in arguments for c in self._candidates(argument)]
        choices, unmatched = choose(candidates)
        rows = []
        for student in self.roster.students:
            choice = choices.get(student.id)
            kept = choice.kept if choice else None
            earlier = tuple(c.found.relative for c in choice.superseded) if choice else ()
            rows.append(Planned(student.id, student, kept, earlier))
        taken = {row.name for row in rows}
        for candidate in unmatched:
            name = _unused(str(Path(candidate.found.relative).with_suffix("")), taken)
            rows.append(Planned(name, None, candidate))
        return ClassPlan(self.roster, self.deadline, rows)

    def _candidates(self, argument: Path) -> list[Candidate]:
        if argument.is_dir():
            found = [Found(f.path, f.path.relative_to(argument).as_posix())
                     for f in find_submissions([argument])]
            return scan(argument, found, self.roster, self.layout)
        return scan(argument.parent, [Found(argument, argument.name)], self.roster, self.layout)


def course_from_files(roster: Path | None, course: Path | None,
                      layout: str = AUTO) -> Course | None:
    """What ``grade --roster FILE --course FILE --layout NAME`` asks for (None: neither given).

    Raises :class:`~grader.course.roster.RosterError` or :class:`CourseError`.
    """
    if roster is None:
        if course is not None:
            raise CourseError("--course needs --roster: penalties are per student")
        return None
    deadline = load_course(course) if course is not None else None
    return Course(load_roster(roster), deadline, layout)


def _unused(name: str, taken: set[str]) -> str:
    """``name``, or ``name~2``, ``name~3`` … : never a student's id or another file's name."""
    unique, count = name, 1
    while unique in taken:
        count += 1
        unique = f"{name}~{count}"
    taken.add(unique)
    return unique
