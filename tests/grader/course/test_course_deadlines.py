"""Deadlines as data (grader/course/deadlines.py): the course file and what it makes of a time."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta, timezone

import pytest

from grader.course.deadlines import CourseError, assess, load_course, parse_course
from tests.support import ROOT

KST = timezone(timedelta(hours=9))
COURSE = """
due = 2026-12-14T23:59:00
timezone = "Asia/Seoul"
[late]
policy = "per_day"
rate = 10
floor = 50
grace_minutes = 15
cutoff = 2026-12-18T23:59:00
[extensions]
"2026003" = 2026-12-16T23:59:00
"2026004" = { days = 1, hours = 12 }
[submitted_at]
"2026010" = 2026-12-15T08:00:00
"""


def _course(text: str = COURSE):
    return parse_course(tomllib.loads(text))


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=KST)


def test_the_example_course_file_is_valid():
    deadline = load_course(ROOT / "examples" / "course.toml")
    assert deadline.due.tzinfo is not None


@pytest.mark.parametrize(("when", "minutes", "penalty"), [
    (_at(14, 23, 0), None, 0.0),         # on time
    (_at(15, 0, 10), None, 0.0),         # within the 15 minutes' grace
    (_at(15, 0, 30), 31, 0.7),           # one started day: 10 % of 7
    (_at(16, 1, 0), 1501, 1.4),          # two
    (_at(18, 23, 0), 5701, 2.8),         # four started days: 40 %, above the 50 % floor
    (_at(19, 0, 30), 5791, 7.0),         # after the cut-off: everything
])
def test_per_day_penalties_grace_floor_and_cutoff(when, minutes, penalty):
    lateness = assess(_course(), "2026001", when, False, 7.0, 7.0)
    assert lateness.minutes_late == minutes
    assert lateness.penalty == pytest.approx(penalty)


def test_the_floor_caps_the_penalty():
    course = _course(COURSE.replace("rate = 10", "rate = 30"))
    assert assess(course, "x", _at(17, 1), False, 7.0, 7.0).penalty == pytest.approx(3.5)


def test_times_without_an_offset_are_in_the_course_zone():
    naive = datetime(2026, 12, 15, 0, 30)
    assert assess(_course(), "x", naive, False, 7.0, 7.0).minutes_late == 31


def test_extensions_move_the_due_date_and_the_cutoff():
    course = _course()
    assert assess(course, "2026003", _at(16, 23), False, 7.0, 7.0).penalty == 0
    assert assess(course, "2026003", _at(20, 23), False, 7.0, 7.0).flags == ()  # cut-off moved
    assert assess(course, "2026004", _at(16, 11), False, 7.0, 7.0).penalty == 0
    assert assess(course, "2026004", _at(16, 12, 30), False, 7.0, 7.0).penalty == 0.7


def test_a_stated_time_beats_the_layouts_and_no_time_is_on_time():
    course = _course()
    assert assess(course, "2026010", None, False, 7.0, 7.0).minutes_late == 481
    assert assess(course, "2026001", None, False, 7.0, 7.0).penalty == 0


def test_a_late_marker_without_a_time_costs_one_period_and_is_flagged():
    lateness = assess(_course(), "2026001", None, True, 7.0, 7.0)
    assert (lateness.penalty, lateness.flags) == (0.7, ("late-time-unknown",))


def test_per_hour_and_the_max_score_basis():
    text = COURSE.replace('"per_day"', '"per_hour"').replace("rate = 10", 'rate = 5\nbasis = '
                                                             '"max_score"')
    lateness = assess(_course(text), "x", _at(15, 2, 30), False, 4.0, 10.0)
    assert lateness.penalty == pytest.approx(1.5)  # 3 started hours × 5 % of 10


def test_no_policy_marks_late_without_a_penalty():
    course = _course('due = 2026-12-14T23:59:00\ntimezone = "Asia/Seoul"\n')
    lateness = assess(course, "x", _at(16, 0), False, 7.0, 7.0)
    assert (lateness.minutes_late, lateness.penalty) == (1441, 0.0)


@pytest.mark.parametrize(("text", "message"), [
    ('timezone = "Asia/Seoul"', "`due` is missing"),
    ('due = 2026-12-14\n', "give a time too"),
    ('due = 2026-12-14T23:59:00\ntimezone = "Mars/Base"', "unknown time zone"),
    ('due = 2026-12-14T23:59:00\n[late]\npolicy = "weekly"', "late.policy"),
    ('due = 2026-12-14T23:59:00\n[late]\ngrace = 5', "unknown key late.grace"),
    ('due = 2026-12-14T23:59:00\n[late]\nrate = 150', "percentage"),
    ('due = 2026-12-14T23:59:00\n[extensions]\n"1" = "soon"', "extensions.1"),
])
def test_course_file_mistakes_are_named(text, message):
    with pytest.raises(CourseError, match=message):
        _course(text)


def test_a_course_file_that_is_not_toml(tmp_path):
    path = tmp_path / "course.toml"
    path.write_text("due = \n", encoding="utf-8")
    with pytest.raises(CourseError, match="not TOML"):
        load_course(path)
