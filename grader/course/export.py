"""``python -m grader export DIR --to FORMAT``: a graded folder as a file the LMS imports.

Formats (:data:`FORMATS`, name → writer), each checked against the LMS's documented layout:

- ``canvas``: Canvas's gradebook import CSV. Its identity columns ``Student, ID, SIS User ID,
  SIS Login ID, Section`` first (Canvas matches a row by ID, then SIS User ID, then SIS Login ID),
  then one column per assignment, named as Canvas names it (``Name`` or ``Name (assignment id)``,
  ``--column``); a ``Points Possible`` row follows the header. A blank cell changes nothing.
- ``moodle``: Moodle's offline grading worksheet for an assignment, keyed by its ``Identifier``
  column (``Participant N``), then ``Full name, Email address, Status, Grade, Maximum Grade,
  Grade can be changed, Last modified (submission), Last modified (grade)``. No feedback column:
  importing one would replace comments staff wrote in Moodle.
- ``csv``: one row per gradebook row, every function's points, the score, penalty, adjustments
  and the final score.

Rows come from the folder's saved results (what ``grades.csv`` is written from), so they carry the
roster's identity (``grade --roster``): Canvas's numeric ID, the SIS ids, Moodle's participant
number. Without a roster the submission name stands for the student (said on stderr); rows the
LMS cannot key (a file matching nobody, no participant number for Moodle) are left out of the
LMS files and named. Every text cell is made inert for spreadsheets
(:func:`grader.literal_text.csv_cell`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from grader import words
from grader.course.shards import SavedClass, read_shard
from grader.files import write_atomically
from grader.grading.gradebook import Result, adjusted_score
from grader.literal_text import csv_cell, visible

CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
CANVAS_POINTS_ROW = "    Points Possible"  # as Canvas writes it in its own export
MOODLE_COLUMNS = ("Identifier", "Full name", "Email address", "Status", "Grade", "Maximum Grade",
                  "Grade can be changed", "Last modified (submission)", "Last modified (grade)")
MOODLE_SUBMITTED, MOODLE_NOT_SUBMITTED = "Submitted for grading", "No submission"
WITHOUT_ROSTER = ("no roster in this folder (grade --roster FILE): each row's submission name "
                  "stands for the student's SIS User ID; check it before importing")


@dataclass
class Export:
    """What a writer made: the file's text and the notes for the instructor (stderr)."""

    text: str
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Format:
    file_name: str  # in DIR, unless --out names another
    write: Callable[[SavedClass, list[Result], str], Export]


def final_points(result: Result) -> float | None:
    """What the LMS should record: the score after a late penalty and staff adjustments.

    None for a row the grader could not grade (its cell is left blank: the LMS keeps what it
    has)."""
    return adjusted_score(result)


def adjustment_total(result: Result) -> float:
    """Staff adjustments recorded in the row (:mod:`grader.course.changes`), 0 without any."""
    return sum(a["points"] for a in result.adjustments)


def points(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def identity(result: Result) -> dict[str, str]:
    """The roster's identity of a row (``Result.student``), empty without a roster."""
    return dict(getattr(result, "student", {}) or {})


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _unkeyed(results: list[Result], key: Callable[[Result], str]) -> list[str]:
    return [r.submission for r in results if not key(r)]


def left_out(names: list[str]) -> str:
    shown = ", ".join(visible(n) for n in names[:10]) + (" …" if len(names) > 10 else "")
    return (f"{len(names)} row(s) left out: the LMS has no key for them (a file that matched "
            f"no roster student, or no LMS id in the roster): {shown}")


def is_not_submitted(result: Result) -> bool:
    """A roster student's row without a file (``grade --roster``)."""
    status = getattr(words, "not_submitted_status", lambda: None)()  # the roster wing's word
    return status is not None and result.status == status


# --------------------------------------------------------------------------- canvas


def canvas(saved: SavedClass, results: list[Result], column: str) -> Export:
    def canvas_key(r: Result) -> str:
        who = identity(r)
        return who.get("lms_id") or who.get("id") or who.get("sis_login") or ""

    with_roster = any(identity(r) for r in results)
    notes = [] if with_roster else [WITHOUT_ROSTER]
    rows = [[*CANVAS_IDENTITY, column],
            [CANVAS_POINTS_ROW, "", "", "", "", points(saved.max_score)]]
    for result in results:
        who = identity(result)
        if with_roster and not canvas_key(result):
            continue
        rows.append([csv_cell(who.get("name", result.submission)), csv_cell(who.get("lms_id", "")),
                     csv_cell(who.get("id", "" if with_roster else result.submission)),
                     csv_cell(who.get("sis_login", "")), csv_cell(who.get("section", "")),
                     points(final_points(result))])
    if with_roster and (left := _unkeyed(results, canvas_key)):
        notes.append(left_out(left))
    return Export(_csv(rows), notes)


# --------------------------------------------------------------------------- moodle


def participant(result: Result) -> str:
    """``Participant N`` (Moodle's worksheet key) from the roster's participant number."""
    who = identity(result)
    number = who.get("lms_id", "") if who.get("roster_format", "").startswith("moodle") else ""
    return f"Participant {number}" if number.isdigit() else ""


def moodle(saved: SavedClass, results: list[Result], column: str) -> Export:
    rows = [list(MOODLE_COLUMNS)]
    for result in results:
        if not (key := participant(result)):
            continue
        who = identity(result)
        submitted = not is_not_submitted(result)
        score = final_points(result)
        rows.append([key, csv_cell(who.get("name", "")), csv_cell(who.get("email", "")),
                     MOODLE_SUBMITTED if submitted else MOODLE_NOT_SUBMITTED,
                     "" if score is None else f"{score:.2f}", f"{saved.max_score:.2f}", "Yes",
                     "-", "-"])
    notes = []
    if left := _unkeyed(results, participant):
        notes.append(left_out(left))
    return Export(_csv(rows), notes)


# --------------------------------------------------------------------------- plain


PLAIN_HEAD = ("student_id", "student_name", "section", "submission", "status")
PLAIN_TAIL = ("score", "penalty", "adjustment", "final_score", "max_score")


def plain(saved: SavedClass, results: list[Result], column: str) -> Export:
    functions = [q.name for q in saved.questions]
    rows = [[*PLAIN_HEAD, *functions, *PLAIN_TAIL]]
    for result in results:
        who = identity(result)
        rows.append([csv_cell(who.get("id", "")), csv_cell(who.get("name", "")),
                     csv_cell(who.get("section", "")), csv_cell(result.submission),
                     csv_cell(result.status),
                     *(points(result.questions.get(f)) for f in functions),
                     points(result.score), points(getattr(result, "penalty", None)),
                     points(adjustment_total(result) or None), points(final_points(result)),
                     points(saved.max_score)])
    return Export(_csv(rows))


FORMATS: dict[str, Format] = {
    "canvas": Format("canvas-import.csv", canvas),
    "moodle": Format("moodle-worksheet.csv", moodle),
    "csv": Format("grades-by-function.csv", plain),
}


def export(folder: Path, to: str, out: Path | None = None, column: str | None = None
           ) -> tuple[Path, list[str]]:
    """Write ``folder``'s gradebook in format ``to``; the file and the notes for the instructor.

    Raises :class:`grader.course.shards.ShardError` when the folder holds no graded class.
    """
    chosen = FORMATS[to]
    saved, loaded = read_shard(folder)
    results = sorted((r for r, _ in loaded), key=lambda r: r.submission)
    made = chosen.write(saved, results, column or saved.name)
    target = out or folder / chosen.file_name
    write_atomically(target, made.text)
    return target, made.notes
