"""Which student each downloaded file belongs to, read from the layout the LMS downloads.

:data:`LAYOUTS` maps a layout's name to how it is recognised and read:

- ``canvas``: "Download Submissions": files ``lastfirst_[LATE_]userid_submissionid_original``;
  Canvas adds ``-N`` to the original name of a resubmission. ``LATE`` says Canvas counted it late
  (against Canvas's due date) but gives no time; the submission id orders one student's files.
- ``moodle``: "Download all submissions": a folder (or, without folders, a file-name prefix) per
  participant, ``Full Name_N_assignsubmission_file_``, N the participant number. The download
  has no time: the roster's, where it is Moodle's grading worksheet, else none; several files of
  one participant are ordered by name.
- ``gradescope``: "Export Submissions": a folder per submission, described by
  ``submission_metadata.yml`` at the top (``submission_N: {:submitters: [{:name, :sid, :email}],
  :created_at}``) or by a ``submission_metadata.json``/``.yml`` inside the folder (the
  autograder's format: ``users``, ``created_at``). Time: ``created_at``.
- ``plain``: files or folders named ``STUDENTID…`` (the id followed by anything that is not a
  letter or digit); several of one student are ordered by name.

A file's modification time is never read: a copy, an unzip or a sync changes it. Every name and
metadata value is untrusted; a student is only ever looked up in the roster
(:meth:`grader.course.roster.Roster.find`), so nothing here can make up one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path, PurePosixPath

from grader.course.roster import Roster, Student

MAX_METADATA_BYTES = 32 * 1024 * 1024
CANVAS_NAME = re.compile(
    r"(?P<name>[^_]+)_(?:(?P<late>LATE)_)?(?P<user>\d{1,18})_(?P<submission>\d{1,18})_"
    r"(?P<original>.+)", re.DOTALL)
CANVAS_RESUBMISSION = re.compile(r"-(\d{1,6})(?:\.[^.]*)?")
MOODLE_NAME = re.compile(r"(?P<name>.*)_(?P<participant>\d{1,18})_assignsubmission_"
                         r"(?P<plugin>[a-z]+)_(?P<rest>.*)", re.DOTALL)
GRADESCOPE_INDEX = ("submission_metadata.yml", "submission_metadata.yaml",
                    "submission_metadata.json")
TIMESTAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?"
                       r"\s*(Z|[+-]\d{2}:?\d{2})?")


@dataclass(frozen=True)
class Found:
    """A file to grade, as the argument folder holds it."""

    path: Path
    relative: str  # posix path below the folder given on the command line, suffix kept


@dataclass(frozen=True)
class Candidate:
    """A file, the student it belongs to (None: nobody in the roster) and what the LMS says."""

    found: Found
    student: Student | None
    order: tuple = ()  # the LMS's own order among one student's files: the largest is kept
    submitted_at: datetime | None = None  # naive: in the course's time zone
    late_marker: bool = False  # the LMS says late but not when (Canvas's LATE)


# --------------------------------------------------------------------------- name parsers


@dataclass(frozen=True)
class CanvasName:
    user: str
    submission: int
    late: bool
    resubmission: int  # the -N Canvas adds to a resubmitted file's name; 0 for the first


def parse_canvas_name(name: str) -> CanvasName | None:
    """The parts of a Canvas "Download Submissions" file name, or None."""
    match = CANVAS_NAME.fullmatch(name)
    if not match:
        return None
    stem = match["original"]
    suffix = CANVAS_RESUBMISSION.search(stem)
    again = int(suffix.group(1)) if suffix and suffix.end() == len(stem) else 0
    return CanvasName(match["user"], int(match["submission"]), bool(match["late"]), again)


@dataclass(frozen=True)
class MoodleName:
    full_name: str
    participant: str


def parse_moodle_name(name: str) -> MoodleName | None:
    """The participant of a Moodle "Download all submissions" folder or file name, or None."""
    match = MOODLE_NAME.fullmatch(name)
    return MoodleName(match["name"], match["participant"]) if match else None


def plain_student(relative: str, roster: Roster) -> Student | None:
    """The student whose id (or e-mail) starts ``relative`` and ends at a non-alphanumeric
    character; the longest such id wins (``2026001`` and ``20260011`` are two students)."""
    cuts = [i for i, c in enumerate(relative) if not c.isalnum()] + [len(relative)]
    for cut in reversed(cuts):
        student = roster.find(relative[:cut]) if cut else None
        if student is not None:
            return student
    return None


def parse_timestamp(text: str) -> datetime | None:
    """An ISO 8601 or Ruby-style (``2026-12-14 23:50:01.1234 +09:00``) time, or None."""
    match = TIMESTAMP.fullmatch(text.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    try:
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second),
                          micro)
        return moment.replace(tzinfo=_offset(offset)) if offset else moment
    except ValueError:  # 2026-02-31, +99:00
        return None


def _offset(text: str) -> timezone:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


# --------------------------------------------------------------------------- layouts


def _first_part(relative: str) -> str:
    parts = PurePosixPath(relative).parts
    return parts[0] if parts else ""


def _scan_canvas(folder: Path, found: list[Found], roster: Roster) -> list[Candidate]:
    candidates = []
    for entry in found:
        name = parse_canvas_name(PurePosixPath(entry.relative).name)
        student = roster.find(name.user) if name else None
        order = (name.submission, name.resubmission) if name else ()
        candidates.append(Candidate(entry, student, order, None, bool(name and name.late)))
    return candidates


def _scan_moodle(folder: Path, found: list[Found], roster: Roster) -> list[Candidate]:
    candidates = []
    for entry in found:
        name = parse_moodle_name(_first_part(entry.relative))
        student = None
        if name is not None:
            student = roster.find(name.participant) or roster.find_by_name(name.full_name)
        when = student.submitted_at if student else None
        candidates.append(Candidate(entry, student, (entry.relative,), when))
    return candidates


def _scan_plain(folder: Path, found: list[Found], roster: Roster) -> list[Candidate]:
    return [Candidate(entry, plain_student(entry.relative, roster), (entry.relative,))
            for entry in found]


def _scan_gradescope(folder: Path, found: list[Found], roster: Roster) -> list[Candidate]:
    index = _gradescope_index(folder)
    candidates = []
    for entry in found:
        part = _first_part(entry.relative)
        metadata = index.get(part) or _gradescope_metadata(folder / part)
        submitters, created = _gradescope_submission(metadata)
        student = next(filter(None, (_gradescope_student(s, roster) for s in submitters)), None)
        when = parse_timestamp(created)
        order = (_instant(when), entry.relative)
        candidates.append(Candidate(entry, student, order, when))
    return candidates


def _instant(when: datetime | None) -> float:
    """A time as a number to order by (naive times are all in one zone: the course's)."""
    if when is None:
        return float("-inf")
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()


def _gradescope_index(folder: Path) -> dict[str, object]:
    """The top-level ``submission_metadata.yml`` of an export: folder name → its metadata."""
    for name in GRADESCOPE_INDEX:
        data = _read_metadata(folder / name)
        if isinstance(data, dict):
            return {str(k): v for k, v in data.items()}
    return {}


def _gradescope_metadata(submission_folder: Path) -> object:
    for name in GRADESCOPE_INDEX:
        data = _read_metadata(submission_folder / name)
        if data is not None:
            return data
    return None


def _read_metadata(path: Path) -> object:
    """Parsed YAML or JSON, or None: a missing, huge or malformed file is no metadata."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_METADATA_BYTES:
            return None
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            return json.loads(text)
        import yaml  # otter-grader's dependency; only Gradescope exports need it

        # BaseLoader: every scalar a string, no tags, no objects built from the file.
        return yaml.load(text, Loader=yaml.BaseLoader)  # noqa: S506
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    except Exception as error:  # yaml.YAMLError, without importing yaml where unused
        if type(error).__module__.startswith("yaml"):
            return None
        raise


def _gradescope_submission(metadata: object) -> tuple[list[dict], str]:
    """(submitters, created_at) of one submission's metadata, in either format."""
    if not isinstance(metadata, dict):
        return [], ""
    plain = {str(k).lstrip(":"): v for k, v in metadata.items()}  # Ruby symbols: ':sid'
    people = plain.get("submitters", plain.get("users"))
    submitters = [{str(k).lstrip(":"): v for k, v in person.items()}
                  for person in (people if isinstance(people, list) else [])
                  if isinstance(person, dict)]
    created = plain.get("created_at")
    return submitters, created if isinstance(created, str) else ""


def _gradescope_student(submitter: dict, roster: Roster) -> Student | None:
    for key in ("sid", "email"):
        value = submitter.get(key)
        if isinstance(value, str) and (student := roster.find(value)):
            return student
    return None


def _is_gradescope(folder: Path, found: list[Found]) -> bool:
    return bool(_gradescope_index(folder)) or any(
        any((folder / _first_part(f.relative) / name).is_file() for name in GRADESCOPE_INDEX)
        for f in found[:50])


def _is_moodle(folder: Path, found: list[Found]) -> bool:
    return any(parse_moodle_name(_first_part(f.relative)) for f in found)


def _is_canvas(folder: Path, found: list[Found]) -> bool:
    return any(parse_canvas_name(PurePosixPath(f.relative).name) for f in found)


@dataclass(frozen=True)
class Layout:
    detect: Callable[[Path, list[Found]], bool]
    scan: Callable[[Path, list[Found], Roster], list[Candidate]]


# Detection tries them in this order; plain takes whatever the others do not recognise.
LAYOUTS: dict[str, Layout] = {
    "gradescope": Layout(_is_gradescope, _scan_gradescope),
    "moodle": Layout(_is_moodle, _scan_moodle),
    "canvas": Layout(_is_canvas, _scan_canvas),
    "plain": Layout(lambda folder, found: True, _scan_plain),
}
AUTO = "auto"


def detect_layout(folder: Path, found: list[Found]) -> str:
    return next(name for name, layout in LAYOUTS.items() if layout.detect(folder, found))


def scan(folder: Path, found: list[Found], roster: Roster, layout: str = AUTO) -> list[Candidate]:
    """Every file of ``folder`` as a candidate of the layout named (or detected)."""
    name = detect_layout(folder, found) if layout == AUTO else layout
    return LAYOUTS[name].scan(folder, found, roster)


# --------------------------------------------------------------------------- one per student


@dataclass
class Choice:
    """A student's file to grade and the files of theirs it supersedes (the LMS's order)."""

    kept: Candidate
    superseded: list[Candidate] = field(default_factory=list)


def choose(candidates: list[Candidate]) -> tuple[dict[str, Choice], list[Candidate]]:
    """Per student id the latest candidate by the LMS's order; and the files matching nobody."""
    by_student: dict[str, list[Candidate]] = {}
    unmatched = []
    for candidate in candidates:
        if candidate.student is None:
            unmatched.append(candidate)
        else:
            by_student.setdefault(candidate.student.id, []).append(candidate)
    choices = {}
    for student_id, theirs in by_student.items():
        ranked = sorted(theirs, key=lambda c: (c.order, c.found.relative))
        choices[student_id] = Choice(ranked[-1], ranked[:-1])
    return choices, unmatched
