"""Per-submission results, written atomically, and the class gradebook assembled from them."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from grader.assignment import Assignment

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
    notes: list[str] = field(default_factory=list)  # what happened while defining (Korean)


def safe_name(name: str) -> str:
    """A file name for a submission name (folders flattened with ``__``)."""
    flat = name.replace("/", "__").replace("\\", "__")
    return re.sub(r"[^\w.\-]", "_", flat)[:150] or "submission"


def result_path(out: Path, name: str) -> Path:
    return out / RESULTS_FOLDER / f"{safe_name(name)}.json"


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


def save_result(out: Path, result: Result) -> None:
    write_atomically(result_path(out, result.submission), json.dumps(asdict(result), indent=1))


def load_result(out: Path, name: str) -> Result | None:
    try:
        data = json.loads(result_path(out, name).read_text(encoding="utf-8"))
        return Result(**data)
    except (OSError, ValueError, TypeError):
        return None


def write_gradebook(out: Path, assignment: Assignment, results: list[Result]) -> Path:
    """``grades.csv`` (one row per submission) and ``feedback/<name>.md``."""
    columns = ["submission", "status", "score", "max_score"]
    columns += [q.name for q in assignment.questions] + ["flags"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for result in sorted(results, key=lambda r: r.submission):
        row = [result.submission, result.status, _number(result.score), _number(result.max_score)]
        row += [_number(result.questions.get(q.name)) for q in assignment.questions]
        writer.writerow(row + [";".join(result.flags)])
        write_atomically(out / "feedback" / f"{safe_name(result.submission)}.md", result.feedback)
    grades = out / "grades.csv"
    write_atomically(grades, buffer.getvalue())
    return grades


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def format_table(assignment: Assignment, results: list[Result]) -> str:
    """A plain-text gradebook for the terminal."""
    width = max([len("submission")] + [len(r.submission) for r in results]) + 2
    lines = [f"{'submission':<{width}}{'score':>12}  status"]
    for result in sorted(results, key=lambda r: r.submission):
        score = f"{_number(result.score) or '—'}/{_number(result.max_score)}"
        flags = f"  [{', '.join(result.flags)}]" if result.flags else ""
        lines.append(f"{result.submission:<{width}}{score:>12}  {result.status}{flags}")
    return "\n".join(lines)
