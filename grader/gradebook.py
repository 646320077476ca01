"""Per-submission results, written atomically, and the class gradebook assembled from them."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from grader.assignment import Assignment
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
    # For the instructor's report (grader/report.py); empty in results saved before it existed.
    incidents: dict[str, list[str]] = field(default_factory=dict)  # "timeout"/"crash" → questions
    fingerprints: dict[str, str] = field(default_factory=dict)  # function → grader.similarity
    notes: list[str] = field(default_factory=list)  # what happened while defining (Korean)
    # The audit trail (grader/course/changes.py): what the row was graded from (file_sha256,
    # grader_version, tests_hash) and the staff's adjustments (function, points, reason).
    receipt: dict[str, str] = field(default_factory=dict)
    adjustments: list[dict] = field(default_factory=list)
    # Each test's outcome, per function (grader/test_rates.py): name, hidden, passed, message.
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


def write_atomically(path: Path, data: str | bytes, mode: int | None = None) -> None:
    """Write to a temporary file beside ``path``, then rename: readers never see half a file,
    and two writers at once leave one whole file. Text is written as UTF-8, as it is.

    ``mode``: the file's permissions (default: the temporary file's, 0600).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        stream.flush()
        os.fsync(stream.fileno())
        if mode is not None:
            os.fchmod(stream.fileno(), mode)
    os.replace(temporary, path)


def write_if_changed(path: Path, text: str) -> None:
    """:func:`write_atomically` unless ``path`` holds ``text`` already: rewriting (and syncing)
    a thousand unchanged feedback pages on each rerun costs seconds."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    write_atomically(path, text)


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
    from grader.course.changes import adjusted_score

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
