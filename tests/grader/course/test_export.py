"""``export``: Canvas's gradebook import CSV, Moodle's grading worksheet and a plain CSV, checked
column by column against the layouts the LMSs document."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from grader.assignment import Question
from grader.course.export import (
    CANVAS_IDENTITY,
    CANVAS_POINTS_ROW,
    FORMATS,
    MOODLE_COLUMNS,
    export,
)
from grader.files import write_atomically
from grader.grading.gradebook import INPUT_FILE, ReportInput, Result, save_result
from tests.support.grader_fixtures import run_grader

QUESTIONS = [Question("double", 3.0), Question("affine", 3.0), Question("draw", 1.0)]


def row(name: str, score: float | None, student: dict | None = None, status: str = "ok",
        **extra) -> Result:
    questions = {"double": 3.0, "affine": (score or 0) - 4 if score and score > 4 else 0.0,
                 "draw": 1.0}
    result = Result(submission=name, status=status, score=score, max_score=7.0,
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


def canvas_class(tmp_path: Path) -> Path:
    return graded_folder(tmp_path / "out", [
        row("2026001", 7.0, {"id": "2026001", "name": "김민준", "lms_id": "501",
                             "sis_login": "mjkim", "section": "분반 1", "roster_format": "canvas"}),
        row("2026002", 5.5, {"id": "2026002", "name": "=HYPERLINK(\"x\")", "lms_id": "502",
                             "roster_format": "canvas"}),
        row("2026003", None, {"id": "2026003", "name": "이서연", "lms_id": "503",
                              "roster_format": "canvas"}, status="error: grader: crashed"),
        row("stray", 7.0, flags=["unmatched"]),
    ])


def test_canvas_import_has_its_identity_columns_points_row_and_one_assignment(tmp_path):
    folder = canvas_class(tmp_path)
    written, notes = export(folder, "canvas", column="Homework 2 (12345)")
    assert written == folder / "canvas-import.csv"
    rows = read(written)
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                       "Homework 2 (12345)"]
    assert tuple(rows[0][:5]) == CANVAS_IDENTITY
    assert rows[1] == [CANVAS_POINTS_ROW, "", "", "", "", "7"]
    assert rows[1][0].strip() == "Points Possible"
    assert rows[2] == ["김민준", "501", "2026001", "mjkim", "분반 1", "7"]
    assert rows[3] == ["'=HYPERLINK(\"x\")", "502", "2026002", "", "", "5.5"]  # inert
    assert rows[4] == ["이서연", "503", "2026003", "", "", ""]  # ungraded: Canvas keeps its value
    assert len(rows) == 5 and "stray" in notes[0]  # a file matching nobody cannot be imported


def test_canvas_without_a_roster_uses_submission_names_and_says_so(tmp_path):
    folder = graded_folder(tmp_path / "out", [row("alice", 7.0), row("bob", 3.0)])
    written, notes = export(folder, "canvas", out=tmp_path / "c.csv")
    rows = read(written)
    assert rows[0][-1] == "mini"
    assert rows[2:] == [["alice", "", "alice", "", "", "7"], ["bob", "", "bob", "", "", "3"]]
    assert "no roster" in notes[0]


def test_moodle_worksheet_is_keyed_by_participant(tmp_path):
    moodle = {"roster_format": "moodle-worksheet"}
    folder = graded_folder(tmp_path / "out", [
        row("s1", 6.0, {"id": "s1", "name": "박지훈", "email": "p@example.edu", "lms_id": "88",
                        **moodle}),
        row("s2", 0.0, {"id": "s2", "name": "최유나", "lms_id": "89", **moodle}),
        row("s3", 7.0, {"id": "s3", "name": "no number", **moodle}),
    ])
    written, notes = export(folder, "moodle")
    rows = read(written)
    assert tuple(rows[0]) == MOODLE_COLUMNS
    assert rows[0][:2] == ["Identifier", "Full name"] and rows[0][4] == "Grade"
    assert rows[1] == ["Participant 88", "박지훈", "p@example.edu", "Submitted for grading",
                       "6.00", "7.00", "Yes", "-", "-"]
    assert rows[2][0] == "Participant 89" and rows[2][4] == "0.00"
    assert len(rows) == 3 and "s3" in notes[0]


def test_plain_csv_has_every_function(tmp_path):
    folder = graded_folder(tmp_path / "out", [row("alice", 7.0), row("bob", 5.0)])
    written, _ = export(folder, "csv")
    rows = read(written)
    assert rows[0] == ["student_id", "student_name", "section", "submission", "status", "double",
                       "affine", "draw", "score", "penalty", "adjustment", "final_score",
                       "max_score"]
    assert rows[2] == ["", "", "", "bob", "ok", "3", "1", "1", "5", "", "", "5", "7"]


def test_every_format_on_the_command_line(tmp_path):
    folder = canvas_class(tmp_path)
    for name, chosen in FORMATS.items():
        done = run_grader("export", str(folder), "--to", name)
        assert done.returncode == 0, done.stderr
        assert (folder / chosen.file_name).exists()
    done = run_grader("export", str(tmp_path), "--to", "canvas")
    assert done.returncode == 2 and "not a graded folder" in done.stderr
