"""The class list: who may submit, read from a CSV as the LMS exports it or a plain one.

Formats are told apart by their header row (:data:`FORMATS`, tried in order):

- ``canvas``: Canvas's gradebook export, ``Student, ID, SIS User ID, SIS Login ID, Section, …``;
  a ``Points Possible`` row may follow the header, and Canvas's own ``Student, Test`` is no
  student. The student's id is the SIS User ID where there is one, else Canvas's numeric ID
  (the number in the "Download Submissions" file names, kept as ``lms_id``).
- ``moodle-worksheet``: Moodle's grading worksheet, ``Identifier, Full name, …, Email address``
  (``Identifier`` is ``Participant N``, the N in "Download all submissions" folder names). Its
  ``Last modified (submission)`` (English: ``Monday, 14 December 2026, 11:50 PM``) is the
  submission time Moodle's download lacks; in another language it is not read.
- ``moodle-participants``: Moodle's participants table, ``First name, Last name, …, Email address``.
- ``plain``: ``id, name, email, section`` (``student_id`` or ``sid`` for ``id``; only ``id`` is
  required).

Every value is untrusted text: it is stored as it is and made literal where it is shown.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

MAX_ROSTER_BYTES = 16 * 1024 * 1024  # a class of 100,000 fits; a wrong file is refused early
CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
CANVAS_TEST_STUDENT = "Student, Test"
MOODLE_PARTICIPANT = re.compile(r"Participant\s+(\d+)")
PLAIN_ID_COLUMNS = ("id", "student_id", "student id", "sid")
MOODLE_TIME = re.compile(r"(?:[A-Za-z]+,\s*)?(\d{1,2})\s+([A-Za-z]+)\s+(\d{4}),\s*"
                         r"(\d{1,2}):(\d{2})\s*([AaPp][Mm])")
MONTHS = {name: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}


class RosterError(ValueError):
    """A roster that cannot be read: the message says which file and what is wrong."""


@dataclass(frozen=True)
class Student:
    """One student of the roster. ``keys``: every value a layout may name them by."""

    id: str
    name: str = ""
    email: str = ""
    section: str = ""
    lms_id: str = ""  # Canvas's numeric user ID, Moodle's participant number
    sis_login: str = ""
    keys: tuple[str, ...] = ()
    submitted_at: datetime | None = None  # Moodle's worksheet: naive, in the course's zone

    def identity(self, roster_format: str) -> dict[str, str]:
        """What a gradebook row keeps of the student (see ``Result.student``)."""
        found = {"id": self.id, "name": self.name, "email": self.email, "section": self.section,
                 "lms_id": self.lms_id, "sis_login": self.sis_login,
                 "roster_format": roster_format}
        return {k: v for k, v in found.items() if v}


@dataclass
class Roster:
    """The students, in the file's order, and a lookup by any of their keys."""

    format: str
    students: list[Student]
    _by_key: dict[str, Student] = field(default_factory=dict, repr=False)
    _by_name: dict[str, Student | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # Ids first: another student's login or e-mail never hides an id.
        for student in self.students:
            self._by_key.setdefault(normal(student.id), student)
        for student in self.students:
            for key in student.keys:
                if key.strip():
                    self._by_key.setdefault(normal(key), student)
            name = normal(student.name)
            # A name two students share names neither of them.
            self._by_name[name] = None if name in self._by_name else student

    def find(self, key: str) -> Student | None:
        """The student whose id, LMS id, login or e-mail is ``key``."""
        return self._by_key.get(normal(key)) if key.strip() else None

    def find_by_name(self, name: str) -> Student | None:
        """The one student with exactly this full name (none when it is not unique)."""
        return self._by_name.get(normal(name)) if name.strip() else None

    def ids(self) -> list[str]:
        return [s.id for s in self.students]


def normal(text: str) -> str:
    """Text compared as a person reads it: NFC (macOS writes Hangul file names decomposed),
    case-folded, outer blanks dropped."""
    return unicodedata.normalize("NFC", text).casefold().strip()


# --------------------------------------------------------------------------- the formats


Header = list[str]
Row = dict[str, str]


def _is_canvas(header: Header) -> bool:
    return all(column in header for column in CANVAS_COLUMNS[:2]) and "SIS User ID" in header


def _canvas_student(row: Row) -> Student | None:
    name = row.get("Student", "").strip()
    if name in ("Points Possible", CANVAS_TEST_STUDENT) or not (row.get("ID") or "").strip():
        return None
    canvas_id = row["ID"].strip()
    sis_id, login = row.get("SIS User ID", "").strip(), row.get("SIS Login ID", "").strip()
    return Student(id=sis_id or canvas_id, name=name, section=row.get("Section", "").strip(),
                   lms_id=canvas_id, sis_login=login, keys=(sis_id, canvas_id, login))


def _is_moodle_worksheet(header: Header) -> bool:
    return "Identifier" in header and "Full name" in header


def _moodle_worksheet_student(row: Row) -> Student | None:
    participant = MOODLE_PARTICIPANT.fullmatch(row.get("Identifier", "").strip())
    if not participant:
        return None
    number = participant.group(1)
    id_number, email = row.get("ID number", "").strip(), row.get("Email address", "").strip()
    return Student(id=id_number or number, name=row.get("Full name", "").strip(), email=email,
                   section=row.get("Groups", "").strip(), lms_id=number,
                   keys=(id_number, number, email),
                   submitted_at=moodle_time(row.get("Last modified (submission)", "")))


def moodle_time(text: str) -> datetime | None:
    """A time as Moodle's English worksheet writes it, or None (``-``, another language)."""
    match = MOODLE_TIME.fullmatch(text.strip())
    if not match:
        return None
    day, month, year, hour, minute, half = match.groups()
    if month.lower() not in MONTHS or not 1 <= int(hour) <= 12:
        return None
    hour24 = int(hour) % 12 + (12 if half.lower() == "pm" else 0)
    try:
        return datetime(int(year), MONTHS[month.lower()], int(day), hour24, int(minute))
    except ValueError:
        return None


def _is_moodle_participants(header: Header) -> bool:
    return {"First name", "Last name", "Email address"} <= set(header)


def _moodle_participant(row: Row) -> Student | None:
    email, id_number = row.get("Email address", "").strip(), row.get("ID number", "").strip()
    if not (email or id_number):
        return None
    name = f"{row.get('First name', '').strip()} {row.get('Last name', '').strip()}".strip()
    return Student(id=id_number or email, name=name, email=email,
                   section=row.get("Groups", "").strip(), keys=(id_number, email))


def _is_plain(header: Header) -> bool:
    return any(column.lower() in PLAIN_ID_COLUMNS for column in header)


def _plain_student(row: Row) -> Student | None:
    lower = {k.lower().strip(): (v or "").strip() for k, v in row.items() if k}
    student_id = next((lower[c] for c in PLAIN_ID_COLUMNS if lower.get(c)), "")
    if not student_id:
        return None
    email = lower.get("email", "")
    return Student(id=student_id, name=lower.get("name", ""), email=email,
                   section=lower.get("section", ""), keys=(student_id, email))


@dataclass(frozen=True)
class Format:
    detect: Callable[[Header], bool]
    student: Callable[[Row], Student | None]  # None: a row that is no student


# Tried in order: the LMS exports first, whose headers the plain format could also accept.
FORMATS: dict[str, Format] = {
    "canvas": Format(_is_canvas, _canvas_student),
    "moodle-worksheet": Format(_is_moodle_worksheet, _moodle_worksheet_student),
    "moodle-participants": Format(_is_moodle_participants, _moodle_participant),
    "plain": Format(_is_plain, _plain_student),
}


# --------------------------------------------------------------------------- reading


def load_roster(path: Path) -> Roster:
    """The roster in ``path``, its format told by its header; :class:`RosterError` otherwise."""
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_ROSTER_BYTES + 1)
    except OSError as error:
        raise RosterError(f"cannot read the roster {path}: {error.strerror}") from None
    if len(raw) > MAX_ROSTER_BYTES:
        raise RosterError(f"{path}: larger than {MAX_ROSTER_BYTES // 2**20} MiB: not a roster")
    try:
        text = raw.decode("utf-8-sig")  # Excel and Moodle write a byte-order mark
    except UnicodeDecodeError:
        raise RosterError(f"{path}: not UTF-8 text (save the CSV as UTF-8)") from None
    return parse_roster(text, str(path))


def parse_roster(text: str, source: str = "roster") -> Roster:
    """A roster from CSV text (``source`` names it in errors)."""
    text = text.removeprefix("\ufeff")  # a byte-order mark read as text
    rows = list(csv.reader(io.StringIO(text), _dialect(text)))
    if not rows:
        raise RosterError(f"{source}: empty")
    header = [cell.strip() for cell in rows[0]]
    name, chosen = _format_of(header, source)
    students = list(_students(chosen, header, rows[1:]))
    _refuse_duplicates(students, source)
    if not students:
        raise RosterError(f"{source}: a {name} roster without any student")
    return Roster(name, students)


def _dialect(text: str) -> type[csv.Dialect]:
    """Excel's CSV (what every LMS and spreadsheet writes: a quote inside a quoted cell is
    doubled) with the header line's delimiter. Only the delimiter is sniffed: a header has no
    quotes to tell the quoting by, and the sniffer then guesses ``doublequote`` off, which cut
    ``"Kim ""MJ"" Minjun"`` short."""
    first_line = text.partition("\n")[0]
    try:  # Moodle and spreadsheets in some locales separate with ';' or tabs
        delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:
        return csv.excel
    return type("Sniffed", (csv.excel,), {"delimiter": delimiter})


def _format_of(header: Header, source: str) -> tuple[str, Format]:
    for name, candidate in FORMATS.items():
        if candidate.detect(header):
            return name, candidate
    raise RosterError(f"{source}: unknown roster header {header[:6]!r}; expected a Canvas "
                      "gradebook export, a Moodle grading worksheet or participants export, "
                      "or a CSV with columns id,name,email,section")


def _students(chosen: Format, header: Header, rows: Iterable[list[str]]) -> Iterable[Student]:
    for cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        student = chosen.student(dict(zip(header, cells, strict=False)))
        if student is not None:
            yield student


def _refuse_duplicates(students: list[Student], source: str) -> None:
    seen: set[str] = set()
    for student in students:
        key = normal(student.id)
        if key in seen:
            raise RosterError(f"{source}: student id {student.id!r} appears twice")
        seen.add(key)
