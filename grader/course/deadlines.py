"""Deadlines as data: a course file (TOML) → each row's lateness and penalty.

The course file (``grade --course FILE``; ``examples/course.toml`` is a commented example)::

    due = 2026-12-14T23:59:00          # without an offset: in `timezone`
    timezone = "Asia/Seoul"
    [late]
    policy = "per_day"                 # "none" (default) | "per_day" | "per_hour"
    rate = 10                          # percent taken per started day (hour) late
    basis = "score"                    # percent of the earned score, or "max_score"
    floor = 50                         # percent of the earned score never taken
    grace_minutes = 15                 # this late counts as on time
    cutoff = 2026-12-18T23:59:00       # later than this scores 0
    [extensions]                       # student id → their own due date (cut-off moves along)
    "2026003" = 2026-12-16T23:59:00
    "2026004" = { days = 2 }           # or hours
    [submitted_at]                     # times a download does not carry (Moodle), by student id
    "2026010" = 2026-12-15T08:00:00

The submission time comes from the LMS (:mod:`grader.course.layouts`: Gradescope's
``created_at``, Moodle's grading worksheet used as the roster) or ``[submitted_at]``, never from
a file's modification time or the clock: grading the same files under the same
course file gives the same penalties on any day. A file without a time is on time, unless the
LMS marked it late (Canvas's ``LATE``): then it is late by one period (a day or an hour) and
flagged ``late-time-unknown`` for staff to check.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from grader.course.roster import normal

PERIODS: dict[str, timedelta | None] = {"none": None, "per_day": timedelta(days=1),
                                        "per_hour": timedelta(hours=1)}
BASES = ("score", "max_score")
FLAG_TIME_UNKNOWN = "late-time-unknown"
FLAG_AFTER_CUTOFF = "after-cutoff"
TOP_KEYS = {"due", "timezone", "late", "extensions", "submitted_at"}
LATE_KEYS = {"policy", "rate", "basis", "floor", "grace_minutes", "cutoff"}


class CourseError(ValueError):
    """A course file that cannot be used: the message says which key and why."""


@dataclass(frozen=True)
class LatePolicy:
    policy: str = "none"
    rate: float = 0.0  # percent per started period
    basis: str = "score"
    floor: float = 0.0  # percent of the earned score that is always kept
    grace: timedelta = timedelta(0)
    cutoff: datetime | None = None

    @property
    def period(self) -> timedelta | None:
        return PERIODS[self.policy]


@dataclass(frozen=True)
class Deadline:
    """One assignment's due date, late policy, extensions and stated submission times."""

    due: datetime  # aware
    zone: ZoneInfo
    late: LatePolicy = LatePolicy()
    extensions: dict[str, datetime] = field(default_factory=dict)  # normal(id) → due
    submitted: dict[str, datetime] = field(default_factory=dict)  # normal(id) → time

    def due_for(self, student_id: str) -> datetime:
        return self.extensions.get(normal(student_id), self.due)

    def cutoff_for(self, student_id: str) -> datetime | None:
        if self.late.cutoff is None:
            return None
        return self.late.cutoff + (self.due_for(student_id) - self.due)

    def aware(self, moment: datetime) -> datetime:
        """``moment`` with the course's zone where it has none."""
        return moment if moment.tzinfo else moment.replace(tzinfo=self.zone)


@dataclass(frozen=True)
class Lateness:
    """What the policy makes of one row."""

    submitted_at: datetime | None
    minutes_late: int | None  # None: on time, or late by an unknown time (see flags)
    penalty: float
    flags: tuple[str, ...] = ()


def assess(deadline: Deadline, student_id: str, submitted_at: datetime | None,
           late_marker: bool, score: float | None, max_score: float) -> Lateness:
    """The lateness and penalty of a row whose raw score is ``score`` (None: not graded)."""
    stated = deadline.submitted.get(normal(student_id)) if student_id else None
    when = deadline.aware(stated or submitted_at) if (stated or submitted_at) else None
    if when is None:
        periods = 1 if late_marker else 0
        flags = (FLAG_TIME_UNKNOWN,) if late_marker else ()
        return Lateness(None, None, _penalty(deadline.late, periods, score, max_score), flags)
    late_by = when - deadline.due_for(student_id)
    if late_by <= deadline.late.grace:
        return Lateness(when, None, 0.0)
    minutes = math.ceil(late_by.total_seconds() / 60)
    cutoff = deadline.cutoff_for(student_id)
    if cutoff is not None and when > cutoff:
        return Lateness(when, minutes, score or 0.0, (FLAG_AFTER_CUTOFF,))
    period = deadline.late.period
    periods = math.ceil(late_by / period) if period else 0
    return Lateness(when, minutes, _penalty(deadline.late, periods, score, max_score))


def _penalty(late: LatePolicy, periods: int, score: float | None, max_score: float) -> float:
    if not periods or late.period is None or not score:
        return 0.0
    basis = score if late.basis == "score" else max_score
    taken = basis * late.rate * periods / 100
    return round(min(taken, score * (1 - late.floor / 100), score), 6)


# --------------------------------------------------------------------------- reading


def load_course(path: Path) -> Deadline:
    """The course file at ``path``; :class:`CourseError` naming what is wrong."""
    try:
        with open(path, "rb") as stream:
            data = tomllib.load(stream)
    except OSError as error:
        raise CourseError(f"cannot read the course file {path}: {error.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CourseError(f"{path}: not TOML ({error})") from None
    try:
        return parse_course(data)
    except CourseError as error:
        raise CourseError(f"{path}: {error}") from None


def parse_course(data: Mapping[str, object]) -> Deadline:
    _known_keys(data, TOP_KEYS, "")
    zone = _zone(data.get("timezone", "UTC"))
    if "due" not in data:
        raise CourseError("`due` is missing (e.g. due = 2026-12-14T23:59:00)")
    due = _moment(data["due"], zone, "due")
    late = _late(_table(data.get("late", {}), "late"), zone)
    extensions = {normal(str(k)): _extension(v, due, zone, f"extensions.{k}")
                  for k, v in _table(data.get("extensions", {}), "extensions").items()}
    stated = {normal(str(k)): _moment(v, zone, f"submitted_at.{k}")
              for k, v in _table(data.get("submitted_at", {}), "submitted_at").items()}
    return Deadline(due, zone, late, extensions, stated)


def _late(table: Mapping[str, object], zone: ZoneInfo) -> LatePolicy:
    _known_keys(table, LATE_KEYS, "late.")
    policy = table.get("policy", "none")
    if policy not in PERIODS:
        raise CourseError(f"late.policy must be one of {', '.join(PERIODS)}, not {policy!r}")
    basis = table.get("basis", "score")
    if basis not in BASES:
        raise CourseError(f"late.basis must be one of {', '.join(BASES)}, not {basis!r}")
    cutoff = table.get("cutoff")
    return LatePolicy(
        policy=str(policy), rate=_percent(table.get("rate", 0), "late.rate"), basis=str(basis),
        floor=_percent(table.get("floor", 0), "late.floor"),
        grace=timedelta(minutes=_number(table.get("grace_minutes", 0), "late.grace_minutes")),
        cutoff=None if cutoff is None else _moment(cutoff, zone, "late.cutoff"))


def _extension(value: object, due: datetime, zone: ZoneInfo, key: str) -> datetime:
    if isinstance(value, dict):
        _known_keys(value, {"days", "hours"}, f"{key}.")
        return due + timedelta(days=_number(value.get("days", 0), f"{key}.days"),
                               hours=_number(value.get("hours", 0), f"{key}.hours"))
    return _moment(value, zone, key)


def _moment(value: object, zone: ZoneInfo, key: str) -> datetime:
    """A TOML date-time (or ISO 8601 text); without an offset it is in the course's zone."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise CourseError(f"{key}: not a date and time: {value!r}") from None
    if isinstance(value, date) and not isinstance(value, datetime):
        raise CourseError(f"{key}: give a time too (e.g. {value}T23:59:00)")
    if not isinstance(value, datetime):
        raise CourseError(f"{key}: not a date and time: {value!r}")
    return value if value.tzinfo else value.replace(tzinfo=zone)


def _zone(value: object) -> ZoneInfo:
    try:
        return ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise CourseError(f"timezone: unknown time zone {value!r} (e.g. \"Asia/Seoul\")") from None


def _table(value: object, key: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise CourseError(f"[{key}] must be a table")
    return value


def _number(value: object, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or value < 0:
        raise CourseError(f"{key}: a number ≥ 0, not {value!r}")
    return float(value)


def _percent(value: object, key: str) -> float:
    number = _number(value, key)
    if number > 100:
        raise CourseError(f"{key}: a percentage (0–100), not {value!r}")
    return number


def _known_keys(table: Mapping[str, object], known: set[str], prefix: str) -> None:
    if unknown := sorted(set(table) - known):
        raise CourseError(f"unknown key {prefix}{unknown[0]} (known: "
                          f"{', '.join(prefix + k for k in sorted(known))})")
