"""Downloaded file names → students (grader/course/layouts.py): each LMS's scheme, and the
parsers of untrusted names under Hypothesis: they never crash and never name a stranger."""

from __future__ import annotations

import os
import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from grader.course.layouts import (
    Found,
    choose,
    detect_layout,
    parse_canvas_name,
    parse_moodle_name,
    parse_timestamp,
    plain_student,
    scan,
)
from grader.course.roster import parse_roster

ROSTER = parse_roster(
    "Student,ID,SIS User ID,SIS Login ID,Section\n"
    "\"Kim, Minsu\",10234,2026001,minsu,A\n"
    "\"Lee, Seoyeon\",10235,20260011,seoyeon,A\n"
    "\"남궁, 아름다운하늘빛\",10236,2026002,namgung,B\n")


def _found(folder: Path, *relatives: str) -> list[Found]:
    found = []
    for relative in relatives:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}", encoding="utf-8")
        found.append(Found(path, relative))
    return found


def test_canvas_names_late_marker_and_resubmission_suffix():
    name = parse_canvas_name("kimminsu_LATE_10234_5550123_hw1-2.ipynb")
    assert (name.user, name.submission, name.late, name.resubmission) == ("10234", 5550123,
                                                                         True, 2)
    first = parse_canvas_name("남궁아름다운하늘빛_10236_5550001_과제 1.ipynb")
    assert (first.user, first.late, first.resubmission) == ("10236", False, 0)
    assert parse_canvas_name("hw1.ipynb") is None
    assert parse_canvas_name("kimminsu_10234_hw1.ipynb") is None  # no submission id


def test_canvas_keeps_the_latest_submission_id(tmp_path):
    found = _found(tmp_path, "kimminsu_10234_900_hw1.ipynb",
                   "kimminsu_LATE_10234_1200_hw1-1.ipynb", "leeseoyeon_10235_1000_hw1.ipynb",
                   "nobody_99999_1100_hw1.ipynb")
    assert detect_layout(tmp_path, found) == "canvas"
    choices, unmatched = choose(scan(tmp_path, found, ROSTER))
    kim = choices["2026001"]
    assert kim.kept.found.relative == "kimminsu_LATE_10234_1200_hw1-1.ipynb"
    assert kim.kept.late_marker
    assert [c.found.relative for c in kim.superseded] == ["kimminsu_10234_900_hw1.ipynb"]
    assert choices["20260011"].kept.student.name == "Lee, Seoyeon"
    assert [c.found.relative for c in unmatched] == ["nobody_99999_1100_hw1.ipynb"]


def test_moodle_folders_match_by_participant_number_then_by_a_unique_name(tmp_path):
    roster = parse_roster("id,name\n5001,김민수\n2026002,남궁아름다운하늘빛\n")
    nfd = unicodedata.normalize("NFD", "남궁아름다운하늘빛")  # as a Mac unzips it
    found = _found(tmp_path, "김민수_5001_assignsubmission_file_/hw.ipynb",
                   "김민수_5001_assignsubmission_file_/hw_v2.ipynb",
                   f"{nfd}_7777_assignsubmission_file_/hw.ipynb",
                   "홍길동_9999_assignsubmission_file_/hw.ipynb")
    assert detect_layout(tmp_path, found) == "moodle"
    choices, unmatched = choose(scan(tmp_path, found, roster))
    assert choices["5001"].kept.found.relative.endswith("hw_v2.ipynb")  # name order
    assert choices["2026002"].kept.found.relative.startswith(nfd)
    assert [c.found.relative.split("_")[0] for c in unmatched] == ["홍길동"]
    assert parse_moodle_name("A_B_12_assignsubmission_file_x.ipynb").full_name == "A_B"


def test_moodle_never_reads_a_files_modification_time(tmp_path):
    roster = parse_roster("id,name\n5001,김민수\n")
    found = _found(tmp_path, "김민수_5001_assignsubmission_file_/a.ipynb",
                   "김민수_5001_assignsubmission_file_/b.ipynb")
    os.utime(found[0].path, (2_000_000_000, 2_000_000_000))  # a.ipynb looks newer
    choice = choose(scan(tmp_path, found, roster))[0]["5001"]
    assert choice.kept.found.relative.endswith("b.ipynb") and choice.kept.submitted_at is None


def test_gradescope_export_index_and_created_at(tmp_path):
    roster = parse_roster("id,name,email\n2026001,김민수,minsu@u.ac.kr\n2026002,이서연,\n")
    (tmp_path / "submission_metadata.yml").write_text(
        "submission_300:\n"
        "  :submitters:\n  - :name: 김민수\n    :sid: '2026001'\n    :email: minsu@u.ac.kr\n"
        "  :created_at: 2026-12-14 23:50:01.123456000 +09:00\n"
        "submission_200:\n"
        "  :submitters:\n  - :name: Kim\n    :sid: ''\n    :email: MINSU@u.ac.kr\n"
        "  :created_at: 2026-12-15 08:00:00.000000000 +09:00\n"
        "submission_100:\n"
        "  :submitters:\n  - :name: Who\n    :sid: '123'\n"
        "  :created_at: 2026-12-14 10:00:00 +09:00\n", encoding="utf-8")
    found = _found(tmp_path, "submission_100/hw.ipynb", "submission_200/hw.ipynb",
                   "submission_300/hw.ipynb", "submission_400/hw.ipynb")
    (tmp_path / "submission_400" / "submission_metadata.json").write_text(
        '{"created_at": "2026-12-13T09:00:00+09:00", "users": [{"email": "x@y", "id": 5,'
        ' "sid": "2026002", "name": "이서연"}]}', encoding="utf-8")
    assert detect_layout(tmp_path, found) == "gradescope"
    choices, unmatched = choose(scan(tmp_path, found, roster))
    kim = choices["2026001"]
    assert kim.kept.found.relative == "submission_200/hw.ipynb"  # created later, by e-mail
    assert kim.kept.submitted_at == datetime(2026, 12, 15, 8, tzinfo=timezone(timedelta(hours=9)))
    assert [c.found.relative for c in kim.superseded] == ["submission_300/hw.ipynb"]
    assert choices["2026002"].kept.found.relative == "submission_400/hw.ipynb"
    assert [c.found.relative for c in unmatched] == ["submission_100/hw.ipynb"]


def test_plain_files_start_with_the_id(tmp_path):
    found = _found(tmp_path, "2026001_hw.ipynb", "20260011.ipynb", "2026001-v2.ipynb",
                   "2026003_hw.ipynb", "x2026001.ipynb")
    assert detect_layout(tmp_path, found) == "plain"
    choices, unmatched = choose(scan(tmp_path, found, ROSTER))
    assert choices["2026001"].kept.found.relative == "2026001_hw.ipynb"  # name order
    assert choices["20260011"].kept.found.relative == "20260011.ipynb"
    assert sorted(c.found.relative for c in unmatched) == ["2026003_hw.ipynb", "x2026001.ipynb"]


def test_timestamps():
    assert parse_timestamp("2026-12-14T23:59:00Z") == datetime(2026, 12, 14, 23, 59,
                                                               tzinfo=UTC)
    assert parse_timestamp("2026-12-14 23:59:00") == datetime(2026, 12, 14, 23, 59)
    assert parse_timestamp("2026-02-31 10:00:00") is None
    assert parse_timestamp("yesterday") is None


# --------------------------------------------------------------------------- untrusted names

names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
canvasish = st.builds(lambda n, late, u, s, o: f"{n}_{'LATE_' if late else ''}{u}_{s}_{o}",
                      names, st.booleans(), st.integers(0, 10**20), st.integers(0, 10**20), names)
moodleish = st.builds(lambda n, p, rest: f"{n}_{p}_assignsubmission_file_{rest}",
                      names, st.integers(0, 10**20), names)


@settings(max_examples=300, deadline=None)
@given(st.one_of(names, canvasish, moodleish))
def test_name_parsers_never_crash(name):
    parse_canvas_name(name)
    parse_moodle_name(name)
    parse_timestamp(name)
    student = plain_student(name, ROSTER)
    assert student is None or student in ROSTER.students


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(canvasish, moodleish, names.map(lambda n: n + ".ipynb")),
                max_size=6))
def test_matching_never_names_a_student_outside_the_roster(relatives):
    for layout in ("canvas", "moodle", "plain"):
        found = [Found(Path("/nonexistent") / str(i), r) for i, r in enumerate(relatives)
                 if r and not r.startswith("/")]
        choices, unmatched = choose(scan(Path("/nonexistent"), found, ROSTER, layout))
        assert set(choices) <= set(ROSTER.ids())
        assert all(c.kept.student in ROSTER.students for c in choices.values())
        kept = sum(1 + len(c.superseded) for c in choices.values())
        assert kept + len(unmatched) == len(found)  # nothing dropped
