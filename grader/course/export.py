"""``python -m grader export DIR --to FORMAT``: a graded folder as a file the LMS imports.

Formats (:data:`FORMATS`, name → writer), each built to what the LMS documents and what its
importer's source does with the file:

- ``canvas``: Canvas's gradebook import CSV ("How do I import grades in the Gradebook?",
  https://community.canvaslms.com/t5/Instructor-Guide/How-do-I-import-grades-in-the-Gradebook/ta-p/807;
  the importer: https://github.com/instructure/canvas-lms/blob/master/lib/gradebook_importer.rb).
  The header starts ``Student, ID, SIS User ID, SIS Login ID, Section``: the importer wants
  ``Student`` then ``ID`` first, takes ``SIS User ID`` and ``SIS Login ID`` as the next two,
  and refuses the file unless the last identity column is ``Section``. A row is matched by
  ``ID`` (Canvas's user id), then ``SIS User ID``, then ``SIS Login ID``, then the name. Every
  other column is an assignment, matched as ``Name (assignment id)`` by id, else by its exact
  title; a column matching neither becomes a *new* assignment, so the file has one assignment
  column and nothing else (``--column``: the column as Canvas's own export names it). Columns
  whose name contains ``Current Score``, ``Final Grade`` and the like are Canvas's read-only
  totals and are dropped on import. A row whose first cell contains ``Points Possible``
  follows the header (Canvas's export writes it indented). A cell Canvas has a grade for and the
  file leaves blank *removes* that grade (the importer compares ``""`` with the old score and
  highlights it as a removal, ``ui/features/gradebook_uploads/jquery/index.js``), so a row the
  grader could not grade is left out of the file and named, never written blank. Canvas reads
  the file as UTF-8 and finds its header by substring, so a byte-order mark would do no harm;
  none is written.
- ``moodle``: the grading worksheet of Moodle's assignment ("Offline grading worksheet"
  feedback type, https://docs.moodle.org/en/Assignment_settings#Feedback_types; columns as
  ``mod/assign/gradingtable.php`` downloads them, read back by
  https://github.com/moodle/moodle/blob/main/mod/assign/feedback/offline/importgradeslib.php):
  ``Identifier, Full name, Email address, Status, Grade, Maximum Grade, Grade can be changed,
  Last modified (submission), Last modified (grade)``. The importer finds ``Identifier``,
  ``Grade`` and ``Last modified (grade)`` by their exact names in the uploading user's
  language (English here) and refuses the file without all three; the identifier is
  ``Participant N``, whose prefix it cuts off to find the participant. It skips a blank grade,
  one below 0 or above the maximum, and, unless "Allow updating records that have been
  modified more recently in Moodle" is ticked, one whose ``Last modified (grade)`` is older than
  Moodle's (``-``, as written here, reads as never). No ``Feedback comments`` column: the
  importer would replace the comments staff wrote in Moodle. Rows Moodle would skip (a grade
  above the maximum after adjustments, or below 0) are left out and named.
- ``csv``: one row per gradebook row, every function's points, the score, penalty, adjustments
  and the final score, with ``student_id`` and ``email`` for Moodle's gradebook CSV import,
  which maps a column to a user's ID number (``useridnumber``) or e-mail (``useremail``)
  ("Grade import", https://docs.moodle.org/en/Grade_import).

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
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from grader.course.class_rows import is_not_submitted
from grader.course.shards import SavedClass, read_shard
from grader.files import write_atomically
from grader.grading.gradebook import Result, adjusted_score
from grader.literal_text import csv_cell, visible

CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
CANVAS_POINTS_ROW = "    Points Possible"  # as Canvas writes it in its own export
# Canvas drops a column whose name contains one of these (its read-only totals) on import.
CANVAS_READ_ONLY = ("Current Score", "Current Points", "Current Grade", "Final Score",
                    "Final Points", "Final Grade", "Override Score", "Override Grade",
                    "Override Status")
CANVAS_TITLE_AND_ID = re.compile(r"(.*)\s\((\d+)\)")  # "Homework 2 (12345)"
MOODLE_COLUMNS = ("Identifier", "Full name", "Email address", "Status", "Grade", "Maximum Grade",
                  "Grade can be changed", "Last modified (submission)", "Last modified (grade)")
MOODLE_PARTICIPANT = "Participant "  # the prefix Moodle's importer cuts off the identifier
MOODLE_SUBMITTED, MOODLE_NOT_SUBMITTED = "Submitted for grading", "No submission"
MOODLE_NEVER = "-"  # Moodle's own "Last modified" of a grade never given
WITHOUT_ROSTER = ("no roster in this folder (grade --roster FILE): each row's submission name "
                  "stands for the student's SIS User ID; check it before importing")
CANVAS_NEW_ASSIGNMENT = ("the column {column!r} names no Canvas assignment id ('Name (12345)', "
                         "as Canvas's gradebook export heads it): Canvas matches it by exact "
                         "title, and makes a new assignment if none has it (--column)")
CANVAS_DROPPED = ("the column {column!r} contains {word!r}: Canvas takes it for its read-only "
                  "total and ignores it on import; name the assignment with --column")
MOODLE_LANGUAGE = ("Moodle finds the worksheet's columns by their English names: upload it "
                   "with Moodle's language set to English, and tick \"Allow updating records "
                   "that have been modified more recently in Moodle\" to replace grades "
                   "already given there")


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

    None for a row the grader could not grade (the LMS must keep what it has)."""
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


def _names(names: list[str]) -> str:
    return ", ".join(visible(n) for n in names[:10]) + (" …" if len(names) > 10 else "")


def left_out(names: list[str]) -> str:
    return (f"{len(names)} row(s) left out: the LMS has no key for them (a file that matched "
            f"no roster student, or no LMS id in the roster): {_names(names)}")


def not_graded(names: list[str]) -> str:
    return (f"{len(names)} row(s) left out: not graded (error: grader: …), and a blank cell "
            f"would clear the grade the LMS has; grade them again first: {_names(names)}")


def out_of_range(names: list[str], max_score: float) -> str:
    return (f"{len(names)} row(s) left out: a grade outside 0–{max_score:g}, which Moodle's "
            f"worksheet import skips; enter them in Moodle by hand: {_names(names)}")


# --------------------------------------------------------------------------- canvas


def canvas_column_notes(column: str) -> list[str]:
    """What Canvas's importer will do with the assignment column, when it is not a plain match
    by id."""
    notes = [CANVAS_DROPPED.format(column=visible(column), word=word)
             for word in CANVAS_READ_ONLY if word in column][:1]
    if not notes and not CANVAS_TITLE_AND_ID.fullmatch(column):
        notes.append(CANVAS_NEW_ASSIGNMENT.format(column=visible(column)))
    return notes


def canvas(saved: SavedClass, results: list[Result], column: str) -> Export:
    def canvas_key(r: Result) -> str:
        who = identity(r)
        return who.get("lms_id") or who.get("id") or who.get("sis_login") or ""

    with_roster = any(identity(r) for r in results)
    notes = [] if with_roster else [WITHOUT_ROSTER]
    notes += canvas_column_notes(column)
    rows = [[*CANVAS_IDENTITY, column],
            [CANVAS_POINTS_ROW, "", "", "", "", points(saved.max_score)]]
    keyed = [r for r in results if not with_roster or canvas_key(r)]
    for result in keyed:
        who = identity(result)
        if final_points(result) is None:
            continue
        rows.append([csv_cell(who.get("name", result.submission)), csv_cell(who.get("lms_id", "")),
                     csv_cell(who.get("id", "" if with_roster else result.submission)),
                     csv_cell(who.get("sis_login", "")), csv_cell(who.get("section", "")),
                     points(final_points(result))])
    if with_roster and (left := _unkeyed(results, canvas_key)):
        notes.append(left_out(left))
    if ungraded := [r.submission for r in keyed if final_points(r) is None]:
        notes.append(not_graded(ungraded))
    return Export(_csv(rows), notes)


# --------------------------------------------------------------------------- moodle


def participant(result: Result) -> str:
    """``Participant N`` (Moodle's worksheet key) from the roster's participant number."""
    who = identity(result)
    number = who.get("lms_id", "") if who.get("roster_format", "").startswith("moodle") else ""
    return f"{MOODLE_PARTICIPANT}{number}" if number.isdigit() else ""


def moodle(saved: SavedClass, results: list[Result], column: str) -> Export:
    rows = [list(MOODLE_COLUMNS)]
    ungraded, outside = [], []
    for result in results:
        if not (key := participant(result)):
            continue
        score = final_points(result)
        if score is None:
            ungraded.append(result.submission)
            continue
        if not 0 <= score <= saved.max_score:
            outside.append(result.submission)
            continue
        who = identity(result)
        status = MOODLE_NOT_SUBMITTED if is_not_submitted(result.status) else MOODLE_SUBMITTED
        rows.append([key, csv_cell(who.get("name", "")), csv_cell(who.get("email", "")),
                     status, f"{score:.2f}", f"{saved.max_score:.2f}", "Yes", MOODLE_NEVER,
                     MOODLE_NEVER])
    notes = [MOODLE_LANGUAGE]
    if left := _unkeyed(results, participant):
        notes.append(left_out(left))
    if ungraded:
        notes.append(not_graded(ungraded))
    if outside:
        notes.append(out_of_range(outside, saved.max_score))
    return Export(_csv(rows), notes)


# --------------------------------------------------------------------------- plain


PLAIN_HEAD = ("student_id", "student_name", "email", "section", "submission", "status")
PLAIN_TAIL = ("score", "penalty", "adjustment", "final_score", "max_score")


def plain(saved: SavedClass, results: list[Result], column: str) -> Export:
    functions = [q.name for q in saved.questions]
    rows = [[*PLAIN_HEAD, *functions, *PLAIN_TAIL]]
    for result in results:
        who = identity(result)
        rows.append([csv_cell(who.get("id", "")), csv_cell(who.get("name", "")),
                     csv_cell(who.get("email", "")), csv_cell(who.get("section", "")),
                     csv_cell(result.submission),
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
