"""Per-submission results, written atomically, and the class gradebook assembled from them."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from grader.assignment import Assignment, Question
from grader.files import write_atomically, write_if_changed
from grader.literal_text import csv_cell, visible

RESULTS_FOLDER = ".results"


@dataclass
class Result:
    """One submission's row, its feedback and what it was computed from."""

    submission: str
    status: str
    score: float | None  # None: the grader could not grade it (status ``error: grader: …``)
    max_score: float
    questions: dict[str, float]
    flags: list[str] = field(default_factory=list)
    feedback: str = ""
    input_hash: str = ""
    messages: dict[str, list[str]] = field(default_factory=dict)  # question → failing checks
    remarks: dict[str, list[str]] = field(default_factory=dict)  # question → blame notes
    # For the instructor's report (grader/reporting/): empty in results saved before it existed.
    incidents: dict[str, list[str]] = field(default_factory=dict)  # "timeout"/"crash" → questions
    fingerprints: dict[str, str] = field(default_factory=dict)  # function → similarity's
    notes: list[str] = field(default_factory=list)  # what happened while defining (Korean)
    # The audit trail (grader/course/changes.py): what the row was graded from (file_sha256,
    # grader_version, tests_hash) and the staff's adjustments (function, points, reason).
    receipt: dict[str, str] = field(default_factory=dict)
    adjustments: list[dict] = field(default_factory=list)
    # Each test's outcome, per function (reporting/test_rates.py): name, hidden, passed, message.
    tests: dict[str, list[dict]] = field(default_factory=dict)
    # With a roster (grader/course): whose row this is, when the LMS says it came in, the late
    # penalty of the course file (None: none given) and the student's earlier files, not graded.
    student: dict[str, str] = field(default_factory=dict)  # id, name, email, section, lms_id …
    submitted_at: str = ""  # ISO 8601; "" when the LMS gave no time
    minutes_late: int | None = None
    penalty: float | None = None
    superseded: list[str] = field(default_factory=list)

    @property
    def final_score(self) -> float | None:
        """The score after the late penalty."""
        if self.score is None or self.penalty is None:
            return self.score
        return round(self.score - self.penalty, 6)

    def score_text(self, ungraded: str = "—") -> str:
        """``24/27``, or ``ungraded`` when the grader could not grade it."""
        return ungraded if self.score is None else f"{self.score:g}/{self.max_score:g}"


SAFE_NAME = re.compile(r"[\w.\-]+")
MAX_PLAIN_NAME_BYTES = 120  # file systems allow 255 bytes; a Hangul character takes 3
HASH_MARK = "--"


def safe_name(name: str) -> str:
    """The file name stem for a submission name: injective and at most ~120 bytes.

    A short name of letters (Hangul included), digits, ``_``, ``.`` and ``-`` is used as it is;
    any other gets a readable, byte-bounded prefix plus ``--`` and a hash of the exact name.
    Plain names never contain ``--``, so the two forms cannot meet.
    """
    if (SAFE_NAME.fullmatch(name) and HASH_MARK not in name and not name.startswith(".")
            and len(name.encode()) <= MAX_PLAIN_NAME_BYTES):
        return name
    readable = re.sub(r"[^\w.\-]+", "_", name.replace("/", "_")).strip("._") or "submission"
    readable = re.sub(r"-{2,}", "-", readable)
    prefix = readable.encode()[:100].decode("utf-8", "ignore")
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{prefix}{HASH_MARK}{digest}"


def result_path(out: Path, name: str) -> Path:
    return out / RESULTS_FOLDER / f"{safe_name(name)}.json"


def feedback_path(out: Path, name: str, suffix: str = ".md") -> Path:
    """Where a submission's feedback is written (``.md``; other renderings beside it)."""
    return out / "feedback" / f"{safe_name(name)}{suffix}"


def save_result(out: Path, result: Result) -> None:
    write_atomically(result_path(out, result.submission), json.dumps(asdict(result), indent=1))


def load_result(out: Path, name: str) -> Result | None:
    """The saved result of exactly this submission name, if there is one."""
    try:
        data = json.loads(result_path(out, name).read_text(encoding="utf-8"))
        result = Result(**data)
    except (OSError, ValueError, TypeError):
        return None
    return result if result.submission == name else None


# Added after ``flags`` when any row has a student (``grade --roster``); ``score`` stays the raw
# score the tests gave, ``final_score`` is after the late penalty.
COURSE_COLUMNS = ("student_id", "student_name", "email", "section", "submitted_at",
                  "minutes_late", "penalty", "final_score", "superseded")


def write_gradebook(out: Path, assignment: Assignment, results: list[Result]) -> Path:
    """``grades.csv`` (one row per submission) and ``feedback/<name>.md``."""
    course = any(r.student or r.penalty is not None for r in results)
    columns = ["submission", "status", "score", "max_score"]
    columns += [q.name for q in assignment.questions] + ["flags"]
    columns += list(COURSE_COLUMNS) if course else []
    adjusted = any(r.adjustments for r in results)
    columns += list(ADJUSTMENT_COLUMNS) if adjusted else []
    columns += list(RECEIPT_COLUMNS)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for result in sorted(results, key=lambda r: r.submission):
        row = [csv_cell(result.submission), csv_cell(result.status), _number(result.score),
               _number(result.max_score)]
        row += [_number(result.questions.get(q.name)) for q in assignment.questions]
        row.append(csv_cell(";".join(result.flags)))
        row += _course_cells(result) if course else []
        row += _adjustment_cells(result) if adjusted else []
        writer.writerow(row + [result.receipt.get(key, "") for key in RECEIPT_COLUMNS])
        write_if_changed(feedback_path(out, result.submission), result.feedback)
    grades = out / "grades.csv"
    write_atomically(grades, buffer.getvalue())
    return grades


def _course_cells(result: Result) -> list[str]:
    """The :data:`COURSE_COLUMNS` of a row, each made literal (names come from files)."""
    who = result.student
    texts = [who.get("id", ""), who.get("name", ""), who.get("email", ""),
             who.get("section", ""), result.submitted_at]
    late = "" if result.minutes_late is None else str(result.minutes_late)
    return ([csv_cell(t) for t in texts] + [late, _number(result.penalty),
            _number(result.final_score), csv_cell(";".join(result.superseded))])


# Last in every row: what it was graded from. Before them, where staff adjusted any row: the sum
# of its adjustments, the score after them, and each adjustment (function points: reason).
RECEIPT_COLUMNS = ("file_sha256", "grader_version", "tests_hash")
ADJUSTMENT_COLUMNS = ("adjustment", "adjusted_score", "adjustments")


def _adjustment_cells(result: Result) -> list[str]:
    total = sum(a["points"] for a in result.adjustments)
    said = "; ".join(f"{a['function']} {a['points']:+g}: {a['reason']}"
                     for a in result.adjustments)
    return [_number(total if result.adjustments else None), _number(adjusted_score(result)),
            csv_cell(said)]


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def format_table(assignment: Assignment, results: list[Result]) -> str:
    """A plain-text gradebook for the terminal (escape sequences in a name shown, not sent)."""
    names = {r.submission: visible(r.submission) for r in results}
    width = max([len("submission")] + [len(name) for name in names.values()]) + 2
    lines = [f"{'submission':<{width}}{'score':>12}  status"]
    for result in sorted(results, key=lambda r: r.submission):
        score = f"{_number(result.score) or '—'}/{_number(result.max_score)}"
        flags = f"  [{', '.join(result.flags)}]" if result.flags else ""
        lines.append(f"{names[result.submission]:<{width}}{score:>12}  "
                     f"{visible(result.status)}{flags}")
    return "\n".join(lines)


INPUT_FILE = ".report.json"


@dataclass(frozen=True)
class ReportInput:
    """What the report needs besides the results: saved beside them by ``grade``."""

    assignment: str
    questions: list[Question]
    submissions: list[str]

    def to_json(self) -> str:
        return json.dumps({"assignment": self.assignment,
                           "questions": [[q.name, q.points] for q in self.questions],
                           "submissions": self.submissions}, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, raw: str) -> ReportInput:
        """What ``to_json`` wrote, or ``TypeError``/``ValueError``/``KeyError`` saying what is
        not: the file sits in a folder anyone may have handed over (a shard to merge)."""
        data = json.loads(raw)
        assignment, questions, names = data["assignment"], data["questions"], data["submissions"]
        if not isinstance(assignment, str) or not isinstance(names, list) \
                or not all(isinstance(name, str) for name in names):
            raise TypeError("the assignment and the submission names must be strings")
        if not isinstance(questions, list) or not all(_is_question(q) for q in questions):
            raise TypeError("each question must be [name, points]")
        return cls(assignment, [Question(n, float(p)) for n, p in questions], list(names))


def _is_question(item: object) -> bool:
    return (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
            and _is_number(item[1]))


def adjusted_score(result: Result) -> float | None:
    """The row's score after the late penalty and the adjustments (None: not graded)."""
    score = getattr(result, "final_score", result.score)
    if score is None:
        return None
    return round(score + sum(a["points"] for a in result.adjustments), 6)


# Each field's JSON type: a saved result from a foreign folder is checked before it is used.
_TYPES = {"submission": str, "status": str, "score": (int, float, type(None)),
          "max_score": (int, float), "questions": dict, "flags": list, "feedback": str,
          "input_hash": str, "messages": dict, "remarks": dict, "incidents": dict,
          "fingerprints": dict, "notes": list, "student": dict, "submitted_at": str,
          "minutes_late": (int, type(None)), "penalty": (int, float, type(None)),
          "superseded": list, "receipt": dict, "adjustments": list, "tests": dict}


def result_from_json(data: object) -> Result:
    """A :class:`Result` from parsed JSON, or ``TypeError``/``ValueError`` saying what is wrong.

    Fields this module does not know the type of (added later) are passed on as they are;
    unknown keys are refused, as ``Result(**data)`` would.
    """
    if not isinstance(data, dict):
        raise TypeError("a result is a JSON object")
    known = {f.name for f in fields(Result)}
    if unknown := sorted(set(data) - known):
        raise TypeError(f"unknown fields {unknown}")
    for key, kind in _TYPES.items():
        if key in data and (not isinstance(data[key], kind) or isinstance(data[key], bool)):
            raise TypeError(f"{key} has the wrong type")
    for key in ("score", "max_score"):
        if isinstance(data.get(key), float) and not math.isfinite(data[key]):
            raise ValueError(f"{key} is not a finite number")
    if not all(_is_number(v) for v in data.get("questions", {}).values()):
        raise TypeError("questions must map functions to points")
    _check_trail(data)
    return Result(**data)


def _is_number(value: object) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value))


def _check_trail(data: dict) -> None:
    """The audit trail's nested fields (receipt, adjustments, per-test outcomes) as written."""
    if not all(isinstance(v, str) for v in data.get("receipt", {}).values()):
        raise TypeError("a receipt holds text")
    for item in data.get("adjustments", []):
        if not (isinstance(item, dict) and isinstance(item.get("function"), str)
                and _is_number(item.get("points")) and isinstance(item.get("reason"), str)):
            raise TypeError("an adjustment is {function, points, reason}")
    for ran in data.get("tests", {}).values():
        if not isinstance(ran, list) or not all(
                isinstance(t, dict) and isinstance(t.get("name"), str)
                and isinstance(t.get("hidden"), bool) and isinstance(t.get("passed"), bool)
                and isinstance(t.get("message"), str) for t in ran):
            raise TypeError("a test outcome is {name, hidden, passed, message}")
