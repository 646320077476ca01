"""``export``: Canvas's gradebook import CSV, Moodle's grading worksheet and a plain CSV, each
compared column by column with a file built as the LMS documents it, then read back the way the
LMS's own importer reads it.

Canvas: "How do I import grades in the Gradebook?"
https://community.canvaslms.com/t5/Instructor-Guide/How-do-I-import-grades-in-the-Gradebook/ta-p/807
and the importer it runs, https://github.com/instructure/canvas-lms/blob/master/lib/gradebook_importer.rb
(header ``Student, ID, SIS User ID, SIS Login ID, Section``; a ``Points Possible`` row; an
assignment column ``Name (assignment id)``; any other column a new assignment; a blank cell
removes a grade: ``ui/features/gradebook_uploads/jquery/index.js``).

Moodle: the assignment's "Offline grading worksheet",
https://docs.moodle.org/en/Assignment_settings#Feedback_types, with the columns of
``mod/assign/gradingtable.php`` and the importer
https://github.com/moodle/moodle/blob/main/mod/assign/feedback/offline/importgradeslib.php
(``Identifier`` = ``Participant N``, ``Grade``, ``Last modified (grade)`` found by exact name;
blank, negative or above-maximum grades skipped); the gradebook's CSV import maps a column to a
user's ID number or e-mail, https://docs.moodle.org/en/Grade_import.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from grader import words
from grader.assignment import Question
from grader.course.export import FORMATS, export
from grader.files import write_atomically
from grader.grading.gradebook import INPUT_FILE, ReportInput, Result, save_result
from tests.support.grader_fixtures import run_grader

QUESTIONS = [Question("double", 3.0), Question("affine", 3.0), Question("draw", 1.0)]
MAX_SCORE = 7.0

# The documented layouts, written out here rather than imported from the module under test.
CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
CANVAS_READ_ONLY = ("Current Score", "Current Points", "Current Grade", "Final Score",
                    "Final Points", "Final Grade", "Override Score", "Override Grade",
                    "Override Status")
MOODLE_HEADER = ["Identifier", "Full name", "Email address", "Status", "Grade", "Maximum Grade",
                 "Grade can be changed", "Last modified (submission)", "Last modified (grade)"]


def row(name: str, score: float | None, student: dict | None = None, status: str = "ok",
        **extra) -> Result:
    """A saved row worth ``score`` (``double`` 3, ``affine`` the rest above 4, ``draw`` 1)."""
    questions = {"double": 3.0, "affine": (score or 0) - 4 if score and score > 4 else 0.0,
                 "draw": 1.0}
    result = Result(submission=name, status=status, score=score, max_score=MAX_SCORE,
                    questions=questions if score is not None else {}, **extra)
    if student is not None:
        result.student = student  # the roster wing's field (grade --roster)
    return result


def graded_folder(folder: Path, results: list[Result]) -> Path:
    for result in results:
        save_result(folder, result)
    source = ReportInput("mini", QUESTIONS, [r.submission for r in results])
    write_atomically(folder / INPUT_FILE, source.to_json())
    return folder


def read(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def columns(rows: list[list[str]]) -> dict[str, list[str]]:
    """The file column by column: header → its cells, top to bottom."""
    header, body = rows[0], rows[1:]
    assert all(len(r) == len(header) for r in body), "every row has every column"
    return {name: [r[i] for r in body] for i, name in enumerate(header)}


def assert_same_columns(written: list[list[str]], expected: list[list[str]]) -> None:
    assert written[0] == expected[0]
    got, want = columns(written), columns(expected)
    for name in expected[0]:
        assert got[name] == want[name], name


# --------------------------------------------------------------------------- Canvas


def canvas_import(rows: list[list[str]]) -> dict[str, dict[str, str]]:
    """What Canvas's importer reads from the file: student key → assignment → grade.

    The header rules of ``GradebookImporter#header?`` (``Student`` then ``ID`` first, the two
    SIS columns next, ``Section`` last of the identity columns), assignments as ``Name (id)``
    (``Assignment.title_and_id``), read-only totals dropped, the ``Points Possible`` row skipped,
    a student keyed by ``ID``, else ``SIS User ID``, else ``SIS Login ID``."""
    header = rows[0]
    assert "Student" in header[0] and "ID" in header[1]
    assert re.search(r"SIS\s+User\s+ID", header[2]) and re.search(r"SIS\s+Login\s+ID", header[3])
    assert "Section" in header[4]
    assignments = {i: (m.group(2) if (m := re.fullmatch(r"(.*)\s\((\d+)\)", name)) else name)
                   for i, name in enumerate(header[5:], start=5)
                   if not any(word in name for word in CANVAS_READ_ONLY)}
    read_back = {}
    for cells in rows[1:]:
        if "Points Possible" in cells[0]:
            continue
        key = cells[1] or cells[2] or cells[3]
        read_back[key] = {assignment: cells[i] for i, assignment in assignments.items()}
    return read_back


def canvas_student(name: str, lms_id: str, sid: str, login: str = "", section: str = "") -> dict:
    return {"id": sid, "name": name, "lms_id": lms_id, "sis_login": login, "section": section,
            "roster_format": "canvas"}


def canvas_class(tmp_path: Path) -> Path:
    return graded_folder(tmp_path / "out", [
        row("2026001", 7.0, canvas_student("김민준", "501", "2026001", "mjkim", "분반 1")),
        row("2026002", 5.5, canvas_student("=HYPERLINK(\"x\")", "502", "2026002")),
        row("2026003", None, canvas_student("이서연", "503", "2026003"),
            status="error: grader: crashed"),
        row("2026004", 0.0, canvas_student("박지훈", "504", "2026004"),
            status=words.NOT_SUBMITTED_STATUS),
        row("2026005", 7.0, canvas_student("최유나", "505", "2026005"), penalty=0.7,
            adjustments=[{"function": "total", "points": 0.5, "reason": "regrade"}]),
        row("stray", 7.0, flags=["unmatched"]),
    ])


def test_canvas_import_matches_the_documented_file_column_by_column(tmp_path):
    folder = canvas_class(tmp_path)
    written, notes = export(folder, "canvas", column="Homework 2 (12345)")
    assert written == folder / "canvas-import.csv"
    expected = [
        [*CANVAS_HEADER, "Homework 2 (12345)"],
        ["    Points Possible", "", "", "", "", "7"],
        ["김민준", "501", "2026001", "mjkim", "분반 1", "7"],
        ["'=HYPERLINK(\"x\")", "502", "2026002", "", "", "5.5"],  # inert in a spreadsheet
        ["박지훈", "504", "2026004", "", "", "0"],  # 미제출: 0, as the gradebook has it
        ["최유나", "505", "2026005", "", "", "6.8"],  # 7 - 0.7 late + 0.5 adjusted
    ]
    written_rows = read(written)
    assert_same_columns(written_rows, expected)
    assert written_rows == expected
    # Read back as Canvas does: by Canvas's user id, into assignment 12345, nothing else.
    assert canvas_import(written_rows) == {"501": {"12345": "7"}, "502": {"12345": "5.5"},
                                           "504": {"12345": "0"}, "505": {"12345": "6.8"}}
    # Not graded: a blank would remove Canvas's grade, so the row is left out and named; a
    # file matching nobody has no key.
    assert any("not graded" in n and "2026003" in n for n in notes)
    assert any("no key" in n and "stray" in n for n in notes)
    assert not any("new assignment" in n for n in notes)


def test_canvas_says_what_it_will_do_with_a_column_without_an_id(tmp_path):
    folder = canvas_class(tmp_path)
    _, notes = export(folder, "canvas", column="Homework 2")
    assert any("makes a new assignment" in n for n in notes)
    written, notes = export(folder, "canvas", column="Final Score project (77)")
    assert any("ignores it on import" in n for n in notes)
    assert canvas_import(read(written))["501"] == {}  # Canvas would indeed read nothing


def test_canvas_without_a_roster_uses_submission_names_and_says_so(tmp_path):
    folder = graded_folder(tmp_path / "out", [row("alice", 7.0), row("bob", 3.0)])
    written, notes = export(folder, "canvas", out=tmp_path / "c.csv")
    expected = [[*CANVAS_HEADER, "mini"], ["    Points Possible", "", "", "", "", "7"],
                ["alice", "", "alice", "", "", "7"], ["bob", "", "bob", "", "", "3"]]
    assert_same_columns(read(written), expected)
    assert canvas_import(read(written)) == {"alice": {"mini": "7"}, "bob": {"mini": "3"}}
    assert "no roster" in notes[0]


# --------------------------------------------------------------------------- Moodle


def moodle_import(rows: list[list[str]], max_grade: float) -> dict[str, str]:
    """What Moodle's worksheet importer takes: participant number → grade.

    ``assignfeedback_offline_grade_importer``: the three columns by exact (English) name, else
    the file is refused; the number is what follows ``Participant ``; a blank, negative or
    above-maximum grade is skipped."""
    header = rows[0]
    assert {"Identifier", "Grade", "Last modified (grade)"} <= set(header)
    ident, grade = header.index("Identifier"), header.index("Grade")
    taken = {}
    for cells in rows[1:]:
        value = cells[grade]
        if value == "" or not 0 <= float(value) <= max_grade:
            continue
        taken[cells[ident][len("Participant "):]] = value
    return taken


def moodle_student(name: str, number: str, sid: str, email: str = "") -> dict:
    return {"id": sid, "name": name, "email": email, "lms_id": number,
            "roster_format": "moodle-worksheet"}


def test_moodle_worksheet_matches_the_documented_file_column_by_column(tmp_path):
    folder = graded_folder(tmp_path / "out", [
        row("s1", 6.0, moodle_student("박지훈", "88", "s1", "p@example.edu")),
        row("s2", 0.0, moodle_student("최유나", "89", "s2"), status=words.NOT_SUBMITTED_STATUS),
        row("s3", 7.0, {"id": "s3", "name": "no number", "roster_format": "moodle-worksheet"}),
        row("s4", None, moodle_student("이서연", "90", "s4"), status="error: grader: crashed"),
        row("s5", 7.0, moodle_student("김민준", "91", "s5"),
            adjustments=[{"function": "total", "points": 1.0, "reason": "bonus"}]),
        row("s6", 5.0, moodle_student("-@SUM(A1)", "92", "s6")),
    ])
    written, notes = export(folder, "moodle")
    assert written == folder / "moodle-worksheet.csv"
    expected = [
        MOODLE_HEADER,
        ["Participant 88", "박지훈", "p@example.edu", "Submitted for grading", "6.00", "7.00",
         "Yes", "-", "-"],
        ["Participant 89", "최유나", "", "No submission", "0.00", "7.00", "Yes", "-", "-"],
        ["Participant 92", "'-@SUM(A1)", "", "Submitted for grading", "5.00", "7.00", "Yes",
         "-", "-"],
    ]
    written_rows = read(written)
    assert_same_columns(written_rows, expected)
    assert written_rows == expected
    assert moodle_import(written_rows, MAX_SCORE) == {"88": "6.00", "89": "0.00", "92": "5.00"}
    said = "\n".join(notes)
    assert "English" in said  # Moodle looks the columns up in the uploader's language
    assert "s3" in said and "s4" in said  # no participant number; not graded
    assert "0–7" in said and "s5" in said  # 8 > 7: Moodle would skip it silently


# --------------------------------------------------------------------------- plain


def test_plain_csv_has_every_function_and_the_keys_moodle_can_map(tmp_path):
    folder = graded_folder(tmp_path / "out", [
        row("alice", 7.0, {"id": "2026001", "name": "앨리스", "email": "a@u.ac.kr",
                           "section": "A"}, penalty=0.7),
        row("bob", 5.0)])
    written, _ = export(folder, "csv")
    expected = [
        ["student_id", "student_name", "email", "section", "submission", "status", "double",
         "affine", "draw", "score", "penalty", "adjustment", "final_score", "max_score"],
        ["2026001", "앨리스", "a@u.ac.kr", "A", "alice", "ok", "3", "3", "1", "7", "0.7", "",
         "6.3", "7"],
        ["", "", "", "", "bob", "ok", "3", "1", "1", "5", "", "", "5", "7"],
    ]
    assert_same_columns(read(written), expected)
    # Moodle's gradebook CSV import maps "student_id" to useridnumber or "email" to useremail.
    by_email = {r["email"]: r["final_score"] for r in csv.DictReader(io.StringIO(
        written.read_text(encoding="utf-8"))) if r["email"]}
    assert by_email == {"a@u.ac.kr": "6.3"}


def test_every_format_on_the_command_line(tmp_path):
    folder = canvas_class(tmp_path)
    for name, chosen in FORMATS.items():
        done = run_grader("export", str(folder), "--to", name, "--column", "Homework 2 (12345)")
        assert done.returncode == 0, done.stderr
        assert (folder / chosen.file_name).exists()
    done = run_grader("export", str(tmp_path), "--to", "canvas")
    assert done.returncode == 2 and "not a graded folder" in done.stderr
