"""Rosters as the LMSs export them, told apart by their header (grader/course/roster.py)."""

from __future__ import annotations

import pytest

from grader.course.roster import RosterError, load_roster, parse_roster

# Canvas's gradebook export: identity columns, one per assignment, the "Points Possible" row,
# and Canvas's own test student.
CANVAS = (
    "Student,ID,SIS User ID,SIS Login ID,Section,Homework 1 (4821),Current Score\n"
    "    Points Possible,,,,,7.00,(read only)\n"
    "\"Kim, Minsu\",10234,2026001,minsu@u.ac.kr,Section A,,\n"
    "\"Namgung, Areumdaunhaneul\",10235,,nam@u.ac.kr,Section B,,\n"
    "\"Student, Test\",10999,,,Section A,,\n"
)
# Moodle's grading worksheet ("Download grading worksheet"), with a byte-order mark.
MOODLE_WORKSHEET = (
    "\ufeffIdentifier,Full name,ID number,Email address,Status,Grade,Maximum Grade,"
    "Grade can be changed,Last modified (submission),Last modified (grade),Feedback comments\n"
    "Participant 5001,김민수,2026001,minsu@u.ac.kr,Submitted for grading,,7.00,Yes,"
    "\"Monday, 14 December 2026, 11:50 PM\",-,\n"
    "Participant 5002,남궁아름다운하늘,,nam@u.ac.kr,No submission,,7.00,Yes,-,-,\n"
)
MOODLE_PARTICIPANTS = (
    "First name;Last name;ID number;Email address;Roles;Groups\n"
    "민수;김;2026001;minsu@u.ac.kr;Student;A\n"
    "아름다운하늘;남궁;;nam@u.ac.kr;Student;B\n"
)
PLAIN = "student_id,name,email,section\n2026001,김민수,minsu@u.ac.kr,A\n\n2026002,이서연,,B\n"


def test_canvas_export_keeps_ids_and_skips_points_and_the_test_student():
    roster = parse_roster(CANVAS)
    assert roster.format == "canvas"
    assert roster.ids() == ["2026001", "10235"]  # no SIS id: Canvas's own ID
    kim = roster.students[0]
    assert (kim.name, kim.section, kim.lms_id, kim.sis_login) == (
        "Kim, Minsu", "Section A", "10234", "minsu@u.ac.kr")
    assert roster.find("10234") is kim and roster.find("2026001") is kim  # file names use 10234


def test_moodle_worksheet_participant_numbers_name_folders():
    roster = parse_roster(MOODLE_WORKSHEET)
    assert roster.format == "moodle-worksheet"
    assert roster.ids() == ["2026001", "5002"]
    assert roster.find("5001").name == "김민수"
    assert roster.find("nam@u.ac.kr").lms_id == "5002"


def test_moodle_worksheet_submission_times():
    from datetime import datetime

    from grader.course.roster import moodle_time

    roster = parse_roster(MOODLE_WORKSHEET)
    assert roster.students[0].submitted_at == datetime(2026, 12, 14, 23, 50)
    assert roster.students[1].submitted_at is None  # "-"
    assert moodle_time("Tuesday, 1 December 2026, 12:05 AM") == datetime(2026, 12, 1, 0, 5)
    assert moodle_time("Tuesday, 1 December 2026, 12:05 PM") == datetime(2026, 12, 1, 12, 5)
    assert moodle_time("2026년 12월 1일 화요일 오후 12:05") is None  # another language: no time
    assert moodle_time("Monday, 31 February 2026, 1:00 PM") is None


def test_moodle_participants_with_semicolons():
    roster = parse_roster(MOODLE_PARTICIPANTS)
    assert roster.format == "moodle-participants"
    assert [s.name for s in roster.students] == ["민수 김", "아름다운하늘 남궁"]
    assert roster.ids() == ["2026001", "nam@u.ac.kr"]


def test_plain_roster_and_blank_lines():
    roster = parse_roster(PLAIN)
    assert roster.format == "plain"
    assert roster.ids() == ["2026001", "2026002"]
    assert roster.students[0].identity("plain") == {
        "id": "2026001", "name": "김민수", "email": "minsu@u.ac.kr", "section": "A",
        "roster_format": "plain"}


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_a_quote_inside_a_quoted_cell_is_doubled_as_every_lms_writes_it(delimiter):
    """The delimiter is sniffed from the header, the quoting is Excel's: a header has no
    quotes, and sniffing it alone once cut a cell at its first doubled quote."""
    header = delimiter.join(["id", "name", "email", "section"])
    row = delimiter.join(["2026001", '"Kim ""MJ"" Minjun"', "mj@u.ac.kr",
                          '"=HYPERLINK(""http://e.vil"",""x"")"'])
    (student,) = parse_roster(f"{header}\n{row}\n").students
    assert student.name == 'Kim "MJ" Minjun'
    assert student.section == '=HYPERLINK("http://e.vil","x")'


def test_names_match_whatever_the_unicode_normalisation():
    roster = parse_roster("id,name\n1,김민수\n2,이서연\n3,이서연\n")
    import unicodedata

    assert roster.find_by_name(unicodedata.normalize("NFD", "김민수")).id == "1"
    assert roster.find_by_name("이서연") is None  # two students share it: neither is named


def test_an_id_wins_over_another_students_login():
    roster = parse_roster("id,name,email\n1,a,2\n2,b,\n")
    assert roster.find("2").id == "2"


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"),
    ("name,grade\nkim,3\n", "unknown roster header"),
    ("id,name\n1,a\n1,b\n", "appears twice"),
    ("id,name\n,a\n", "without any student"),
])
def test_unusable_rosters_say_why(text, message):
    with pytest.raises(RosterError, match=message):
        parse_roster(text)


def test_a_roster_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes("id,name\n1,김민수\n".encode("cp949"))
    with pytest.raises(RosterError, match="not UTF-8"):
        load_roster(path)
    path.write_text(MOODLE_WORKSHEET, encoding="utf-8")
    assert load_roster(path).format == "moodle-worksheet"
