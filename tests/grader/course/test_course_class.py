"""A class of 30 per LMS layout, graded with a roster and a course file (grader/course/):
late ones, a resubmission, a file matching nobody, a student who did not submit, long Korean
names. Most files are the same notebook bytes, so the class grades in seconds (mini)."""

from __future__ import annotations

import csv
import json
import os
import shutil
import unicodedata
from pathlib import Path

import pytest

from grader import words
from grader.course.class_rows import Course, course_from_files
from grader.course.deadlines import CourseError, load_course
from grader.course.roster import load_roster
from grader.options import Options
from grader.run import grade
from grader.run.grade import grade_all
from tests.support.grader_fixtures import read_grades, run_grader, submission

CLASS = 30
SURNAMES = ("남궁", "김", "이", "박", "황보", "제갈")
GIVEN = "아름다운하늘빛별님과바다"
COURSE = """due = 2026-12-14T23:59:00
timezone = "Asia/Seoul"
[late]
policy = "per_day"
rate = 10
floor = 50
[extensions]
{extensions}
[submitted_at]
{stated}
"""
NOT_SUBMITTED = "미제출"
COURSE_HEAD = ["student_id", "student_name", "email", "section", "submitted_at",
               "minutes_late", "penalty", "final_score", "superseded"]


def sid(i: int) -> str:
    return f"2026{i:03d}"


def korean_name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[: 3 + i % 10]


@pytest.fixture(scope="module")
def notebooks(mini, tmp_path_factory) -> dict[str, bytes]:
    """The bytes of a full-marks, a 0 and a 4/7 submission."""
    folder = tmp_path_factory.mktemp("notebooks")
    bug = submission(mini, folder / "bug.ipynb",
                     double="# GRADED FUNCTION: double\ndef double(x):\n    return 3 * x")
    return {"solution": submission(mini, folder / "solution.ipynb").read_bytes(),
            "stub": mini.student.read_bytes(), "bug": bug.read_bytes()}


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _course(tmp_path: Path, extensions: str = "", stated: str = "") -> Path:
    path = tmp_path / "course.toml"
    path.write_text(COURSE.format(extensions=extensions, stated=stated), encoding="utf-8")
    return path


def _grade(mini, tmp_path: Path, folder: Path, roster: Path, course: Path,
           out: str = "out") -> dict[str, dict[str, str]]:
    plan = Course(load_roster(roster), load_course(course))
    grade_all(mini, [folder], tmp_path / out, jobs=2, options=Options(timeout=5.0),
              progress=False, course=plan)
    return read_grades(tmp_path / out)


def _common_checks(rows: dict[str, dict[str, str]], unmatched: str) -> None:
    """What every layout's class must show."""
    assert len(rows) == CLASS + 1  # every roster student, and the file matching nobody
    missing = rows[sid(30)]
    assert (missing["status"], missing["score"], missing["final_score"]) == (NOT_SUBMITTED,
                                                                             "0", "0")
    assert missing["student_name"] == korean_name(30)
    assert "unmatched" in rows[unmatched]["flags"].split(";")
    assert rows[unmatched]["student_id"] == "" and rows[unmatched]["score"] == "7"
    resubmitted = rows[sid(5)]
    assert (resubmitted["score"], resubmitted["superseded"] != "") == ("7", True)
    assert rows[sid(6)]["score"] == "4"  # the 4/7 notebook
    on_time = rows[sid(1)]
    assert (on_time["score"], on_time["penalty"], on_time["final_score"]) == ("7", "0", "7")
    assert on_time["student_name"] == korean_name(1)


# --------------------------------------------------------------------------- Canvas


def test_canvas_download_with_its_gradebook_export(mini, notebooks, tmp_path):
    roster = tmp_path / "roster.csv"
    lines = ["Student,ID,SIS User ID,SIS Login ID,Section,Homework (4821)",
             "    Points Possible,,,,,7"]
    lines += [f"\"{korean_name(i)}\",{10000 + i},{sid(i)},login{i},분반 {i % 2 + 1},"
              for i in range(1, CLASS + 1)]
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    folder = tmp_path / "submissions"
    for i in range(1, CLASS):
        late = "LATE_" if i in (3, 4) else ""
        kind = "bug" if i == 6 else "stub" if i == 5 else "solution"
        _write(folder / f"{korean_name(i)}_{late}{10000 + i}_{50000 + i}_hw.ipynb",
               notebooks[kind])
    _write(folder / f"{korean_name(5)}_LATE_10005_60005_hw-1.ipynb", notebooks["solution"])
    os.utime(folder / f"{korean_name(5)}_10005_50005_hw.ipynb", (2e9, 2e9))  # mtime: ignored
    _write(folder / "nobody_99999_70000_hw.ipynb", notebooks["solution"])
    rows = _grade(mini, tmp_path, folder, roster, _course(tmp_path))
    _common_checks(rows, "nobody_99999_70000_hw")
    assert rows[sid(5)]["superseded"] == f"{korean_name(5)}_10005_50005_hw.ipynb"
    for i in (3, 4, 5):  # LATE without a time: one day's 10 %, flagged for staff
        assert (rows[sid(i)]["penalty"], rows[sid(i)]["final_score"]) == ("0.7", "6.3")
        assert "late-time-unknown" in rows[sid(i)]["flags"]
    assert rows[sid(2)]["section"] == "분반 1"


# --------------------------------------------------------------------------- Moodle


def test_moodle_download_with_its_grading_worksheet(mini, notebooks, tmp_path):
    roster = tmp_path / "worksheet.csv"
    lines = ["Identifier,Full name,ID number,Email address,Status,Grade,Maximum Grade,"
             "Last modified (submission)"]
    times = {4: '"Tuesday, 15 December 2026, 12:30 AM"', 8: '"Monday, 14 December 2026, 9:05 PM"'}
    lines += [f"Participant {5000 + i},{korean_name(i)},{sid(i)},s{i}@u.ac.kr,,,7,"
              f"{times.get(i, '-')}" for i in range(1, CLASS + 1)]
    roster.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    folder = tmp_path / "submissions"
    for i in range(1, CLASS):
        name = korean_name(i) if i != 7 else unicodedata.normalize("NFD", korean_name(i))
        kind = "bug" if i == 6 else "stub" if i == 5 else "solution"
        _write(folder / f"{name}_{5000 + i}_assignsubmission_file_" / "hw.ipynb",
               notebooks[kind])
    _write(folder / f"{korean_name(5)}_5005_assignsubmission_file_" / "hw_v2.ipynb",
           notebooks["solution"])
    _write(folder / "홍길동_9999_assignsubmission_file_" / "hw.ipynb", notebooks["solution"])
    course = _course(tmp_path, stated=f'"{sid(3)}" = 2026-12-16T10:00:00')
    rows = _grade(mini, tmp_path, folder, roster, course)
    _common_checks(rows, "홍길동_9999_assignsubmission_file_/hw")
    assert rows[sid(5)]["superseded"] == f"{korean_name(5)}_5005_assignsubmission_file_/hw.ipynb"
    assert (rows[sid(3)]["minutes_late"], rows[sid(3)]["penalty"]) == ("2041", "1.4")
    # The worksheet's "Last modified (submission)": the time the download lacks.
    assert rows[sid(4)]["submitted_at"] == "2026-12-15T00:30:00+09:00"
    assert (rows[sid(4)]["minutes_late"], rows[sid(4)]["penalty"]) == ("31", "0.7")
    assert rows[sid(8)]["penalty"] == "0" and rows[sid(8)]["minutes_late"] == ""
    assert rows[sid(9)]["submitted_at"] == "" and rows[sid(9)]["penalty"] == "0"  # no time
    assert rows[sid(7)]["score"] == "7" and rows[sid(7)]["email"] == "s7@u.ac.kr"


# --------------------------------------------------------------------------- Gradescope


def _gradescope_export(folder: Path, notebooks: dict[str, bytes]) -> None:
    entries = []

    def add(number: int, student: int, when: str, kind: str) -> None:
        _write(folder / f"submission_{number}" / "hw.ipynb", notebooks[kind])
        entries.append(f"submission_{number}:\n  :submitters:\n  - :name: {korean_name(student)}"
                       f"\n    :sid: '{sid(student)}'\n    :email: s{student}@u.ac.kr\n"
                       f"  :created_at: {when}\n  :score: 0.0\n")

    for i in range(1, CLASS):
        when = {3: "2026-12-15 01:00:00.5 +09:00", 4: "2026-12-16 02:00:00 +09:00"}.get(
            i, "2026-12-14 20:00:00.123456000 +09:00")
        add(1000 + i, i, when, "bug" if i == 6 else "solution")
    add(900, 5, "2026-12-13 09:00:00 +09:00", "stub")  # earlier, though its folder sorts first
    add(2000, CLASS + 50, "2026-12-14 10:00:00 +09:00", "solution")  # nobody in the roster
    (folder / "submission_metadata.yml").write_text("".join(entries), encoding="utf-8")


def test_gradescope_export_then_a_changed_due_date_and_an_extension(mini, notebooks, tmp_path,
                                                                     monkeypatch):
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name,email,section\n" + "".join(
        f"{sid(i)},{korean_name(i)},s{i}@u.ac.kr,A\n" for i in range(1, CLASS + 1)),
        encoding="utf-8")
    folder = tmp_path / "export"
    _gradescope_export(folder, notebooks)
    rows = _grade(mini, tmp_path, folder, roster, _course(tmp_path))
    _common_checks(rows, "submission_2000/hw")
    assert rows[sid(5)]["superseded"] == "submission_900/hw.ipynb"
    assert rows[sid(3)]["submitted_at"] == "2026-12-15T01:00:00.500000+09:00"
    assert (rows[sid(3)]["minutes_late"], rows[sid(3)]["penalty"]) == ("62", "0.7")
    assert (rows[sid(4)]["minutes_late"], rows[sid(4)]["final_score"]) == ("1561", "5.6")
    before = (tmp_path / "out" / "grades.csv").read_text(encoding="utf-8")

    # Re-runs grade nothing again: only the penalty's columns may change.
    def no_grading(paths, pending, *args):
        assert not pending, "a re-run after a policy change must not grade again"
        return iter(())
    monkeypatch.setattr(grade, "_run_pending", no_grading)
    later = _course(tmp_path).read_text(encoding="utf-8").replace("2026-12-14T23:59",
                                                                  "2026-12-15T23:59")
    (tmp_path / "course.toml").write_text(later, encoding="utf-8")
    moved = _grade(mini, tmp_path, folder, roster, tmp_path / "course.toml")
    _only_penalties_differ(before, (tmp_path / "out" / "grades.csv").read_text(encoding="utf-8"),
                           {sid(3), sid(4)})
    assert moved[sid(3)]["penalty"] == "0" and moved[sid(4)]["penalty"] == "0.7"

    before = (tmp_path / "out" / "grades.csv").read_text(encoding="utf-8")
    (tmp_path / "course.toml").write_text(
        later.replace("[extensions]\n", f'[extensions]\n"{sid(4)}" = {{ days = 1 }}\n'),
        encoding="utf-8")
    extended = _grade(mini, tmp_path, folder, roster, tmp_path / "course.toml")
    _only_penalties_differ(before, (tmp_path / "out" / "grades.csv").read_text(encoding="utf-8"),
                           {sid(4)})
    assert extended[sid(4)]["final_score"] == "7"


def _only_penalties_differ(before: str, after: str, students: set[str]) -> None:
    old, new = (list(csv.DictReader(text.splitlines())) for text in (before, after))
    changed = set()
    for a, b in zip(old, new, strict=True):
        differing = {k for k in a if a[k] != b[k]}
        assert differing <= {"minutes_late", "penalty", "final_score"}, differing
        if differing:
            changed.add(a["submission"])
    assert changed == students


# --------------------------------------------------------------------------- a plain folder


def test_plain_folder_of_student_ids(mini, notebooks, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("sid,name,email,section\n" + "".join(
        f"{sid(i)},{korean_name(i)},,B\n" for i in range(1, CLASS + 1)), encoding="utf-8")
    folder = tmp_path / "class"
    for i in range(1, CLASS):
        kind = "bug" if i == 6 else "stub" if i == 5 else "solution"
        _write(folder / f"{sid(i)}_{korean_name(i)}.ipynb", notebooks[kind])
    _write(folder / f"{sid(5)}_{korean_name(5)}_v2.ipynb", notebooks["solution"])
    _write(folder / "9999999.ipynb", notebooks["solution"])
    course = _course(tmp_path, stated=f'"{sid(3)}" = 2026-12-15T00:30:00\n'
                                      f'"{sid(4)}" = 2026-12-15T00:30:00',
                     extensions=f'"{sid(4)}" = 2026-12-15T23:59:00')
    rows = _grade(mini, tmp_path, folder, roster, course)
    _common_checks(rows, "9999999")
    assert rows[sid(5)]["superseded"] == f"{sid(5)}_{korean_name(5)}.ipynb"
    assert rows[sid(3)]["penalty"] == "0.7" and rows[sid(4)]["penalty"] == "0"
    saved = json.loads((tmp_path / "out" / ".results" / f"{sid(3)}.json").read_text("utf-8"))
    assert saved["student"]["id"] == sid(3) and saved["penalty"] == 0.7  # for report and merge
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    penalty, final = words.PENALTY_HEADS
    assert f"<th>{penalty}</th><th>{final}</th>" in page
    assert "<td>7</td><td>0.7</td><td>6.3</td>" in page  # raw, penalty, final of sid(3)
    assert words.course_flag("unmatched") in page
    _sharded_run_merges_to_the_same_bytes(mini, tmp_path, folder, roster, course)


def _sharded_run_merges_to_the_same_bytes(mini, tmp_path, folder, roster, course) -> None:
    """Roster rows (미제출 ones too) split across shards like files, and merge back as one."""
    from grader.course.shards import Shard
    from grader.run.merge import merge

    plan = Course(load_roster(roster), load_course(course))
    shards = []
    for index in (1, 2):
        shard = tmp_path / f"shard{index}"
        shutil.copytree(tmp_path / "out" / ".results", shard / ".results")  # graded already
        grade_all(mini, [folder], shard, jobs=1, options=Options(timeout=5.0), progress=False,
                  shard=Shard(index, 2), course=plan)
        shards.append(shard)
    merge(shards, tmp_path / "merged")
    for page in ("grades.csv", "report.html"):
        assert (tmp_path / "merged" / page).read_bytes() == (tmp_path / "out" / page).read_bytes()


# --------------------------------------------------------------------------- the command line


def test_course_without_roster_and_bad_rosters_exit_2_before_grading(tmp_path):
    course = _course(tmp_path)
    with pytest.raises(CourseError, match="needs --roster"):
        course_from_files(None, course)
    assert course_from_files(None, None) is None
    roster = tmp_path / "roster.csv"
    roster.write_text("name,grade\n", encoding="utf-8")
    done = run_grader("grade", "planar_classification", str(tmp_path), "--out",
                      str(tmp_path / "out"), "--roster", str(roster), timeout=120)
    assert done.returncode == 2 and "unknown roster header" in done.stderr
    assert not (tmp_path / "out").exists()
