"""Regrades with an audit trail: receipts, the history of every replaced result, ``changes.csv``
and staff adjustments.

- **Receipt** (``Result.receipt``): the SHA-256 of the graded file's bytes, the grader's version
  and the hash of the tests that graded it (the build's ``source_hash``): what a disputed grade
  was computed from.
- **History**: before a run grades anything, every saved result of the class is copied to
  ``.results/history/<name>/<sha256 of the result>.json`` (named by content: copying twice
  writes nothing, and shards merged hold the same files as one run). No run replaces a grade
  without the earlier one staying there.
- **changes.csv**: after the run, each row whose points differ from the saved result before it:
  one line per function that changed and one for the total, with the reasons read from the two
  receipts (the submission, the tests, the grader, the late policy, an adjustment). Rows of earlier
  runs are kept; ``run`` numbers the runs into the folder.
- **Adjustments** (``DIR/adjustments.csv``: ``student, function, points, reason``; ``function``
  is a graded function or ``total``): applied after everything else, to the rows whose
  submission name or student id is ``student``, kept in ``Result.adjustments`` and shown apart:
  the function columns stay what the tests gave.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from grader.files import write_atomically
from grader.grading.gradebook import (
    RESULTS_FOLDER,
    Result,
    adjusted_score,
    result_from_json,
    result_path,
    safe_name,
    save_result,
)
from grader.grading.submission import SubmissionError, open_regular
from grader.literal_text import csv_cell

HISTORY = "history"
RUN_FILE = "run"
CHANGES_FILE = "changes.csv"
ADJUSTMENTS_FILE = "adjustments.csv"
TOTAL = "total"
CHANGE_COLUMNS = ("run", "submission", "student_id", "function", "old", "new", "reason")
MAX_ADJUSTMENT_BYTES = 4 * 1024 * 1024
MAX_HASHED_BYTES = 64 * 1024 * 1024

# Why a row changed, as changes.csv and the report say it (receipt key → reason).
REASONS = {"file_sha256": "submission changed", "tests_hash": "tests changed",
           "grader_version": "grader changed"}
POLICY, ADJUSTED, REGRADED = "policy changed", "adjustment changed", "regraded"


class AdjustmentError(ValueError):
    """An adjustments file that cannot be applied: the message names the line."""


# --------------------------------------------------------------------------- receipts


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes (streamed); "" when it cannot be read or is too large to
    have been graded (its row says why)."""
    try:
        with open_regular(path) as stream:
            if os.fstat(stream.fileno()).st_size > MAX_HASHED_BYTES:
                return ""
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except (OSError, SubmissionError):
        return ""


def with_receipt(result: Result, path: Path, grader_version: str, tests_hash: str) -> Result:
    """``result`` with what it was computed from."""
    receipt = {"file_sha256": file_sha256(path), "grader_version": grader_version,
               "tests_hash": tests_hash}
    return dataclasses.replace(result, receipt=receipt)


# --------------------------------------------------------------------------- history


def history_folder(out: Path) -> Path:
    return out / RESULTS_FOLDER / HISTORY


def keep_history(out: Path) -> dict[str, Result]:
    """Copy every result saved in ``out`` into the history; return them by submission name
    (the grades this run may replace). A file that is not a result is left alone."""
    previous = {}
    for path in sorted((out / RESULTS_FOLDER).glob("*.json")):
        try:
            raw = path.read_bytes()
            result = result_from_json(json.loads(raw.decode("utf-8")))
        except (OSError, ValueError, TypeError):
            continue
        if result_path(out, result.submission) != path:
            continue
        previous[result.submission] = result
        kept = (history_folder(out) / safe_name(result.submission)
                / f"{hashlib.sha256(raw).hexdigest()}.json")
        if not kept.exists():
            write_atomically(kept, raw)
    return previous


def next_run(out: Path) -> int:
    """Count this run into the folder (``.results/history/run``) and return its number."""
    path = history_folder(out) / RUN_FILE
    try:
        run = int(path.read_text(encoding="ascii").strip()) + 1
    except (OSError, ValueError):
        run = 1
    write_atomically(path, f"{run}\n")
    return run


# --------------------------------------------------------------------------- adjustments


@dataclass(frozen=True)
class Adjustment:
    student: str
    function: str  # a graded function or "total"
    points: float
    reason: str


def read_adjustments(path: Path, functions: list[str]) -> list[Adjustment]:
    """``adjustments.csv`` (``student, function, points, reason``); none when it is absent."""
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_ADJUSTMENT_BYTES + 1)
    except FileNotFoundError:
        return []
    except OSError as error:
        raise AdjustmentError(f"{path}: cannot read ({error.strerror})") from None
    if len(raw) > MAX_ADJUSTMENT_BYTES:
        raise AdjustmentError(f"{path}: larger than {MAX_ADJUSTMENT_BYTES} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AdjustmentError(f"{path}: not UTF-8 text") from None
    return parse_adjustments(text, functions, str(path))


def parse_adjustments(text: str, functions: list[str], where: str = ADJUSTMENTS_FILE
                      ) -> list[Adjustment]:
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise AdjustmentError(f"{where}: not CSV ({error})") from None
    adjustments = []
    for line, row in enumerate(rows, start=2):
        adjustments.append(_adjustment(row, functions, f"{where}, line {line}"))
    return adjustments


def _adjustment(row: dict, functions: list[str], where: str) -> Adjustment:
    cells = {str(k).strip().lower(): (v if isinstance(v, str) else "") for k, v in row.items()
             if k is not None}
    student, function = cells.get("student", "").strip(), cells.get("function", "").strip()
    if not student:
        raise AdjustmentError(f"{where}: no student")
    if function != TOTAL and function not in functions:
        raise AdjustmentError(f"{where}: function must be one of {[*functions, TOTAL]}, "
                              f"not {function!r}")
    try:
        points = float(cells.get("points", "").strip())
    except ValueError:
        raise AdjustmentError(f"{where}: points must be a number") from None
    if not math.isfinite(points):
        raise AdjustmentError(f"{where}: points must be a finite number")
    return Adjustment(student, function, points, cells.get("reason", "").strip())


def apply_adjustments(results: list[Result], adjustments: list[Adjustment]) -> list[Result]:
    """Each row with the adjustments naming it (by submission name or student id), in the file's
    order; rows that none names lose any they had."""
    applied = []
    for result in results:
        keys = {result.submission, getattr(result, "student", {}).get("id", "")} - {""}
        mine = [{"function": a.function, "points": a.points, "reason": a.reason}
                for a in adjustments if a.student in keys]
        applied.append(dataclasses.replace(result, adjustments=mine))
    return applied


# --------------------------------------------------------------------------- changes


@dataclass(frozen=True)
class Change:
    run: int
    submission: str
    student_id: str
    function: str  # a graded function or "total"
    old: float | None
    new: float | None
    reason: str

    def cells(self) -> list[str]:
        return [str(self.run), csv_cell(self.submission), csv_cell(self.student_id),
                csv_cell(self.function), _points(self.old), _points(self.new), self.reason]


def _points(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def why(old: Result, new: Result) -> str:
    """What differs between the two results' inputs, as changes.csv says it."""
    # A result saved before receipts existed has none: only a receipt on both sides tells. A
    # file where there was none (a student who had not submitted) is a changed submission.
    reasons = [reason for key, reason in REASONS.items()
               if (old.receipt.get(key) or key == "file_sha256")
               and old.receipt.get(key) != new.receipt.get(key)]
    if getattr(old, "penalty", None) != getattr(new, "penalty", None):
        reasons.append(POLICY)
    if old.adjustments != new.adjustments:
        reasons.append(ADJUSTED)
    return "; ".join(reasons) or REGRADED


def changes_of(run: int, old: Result, new: Result, functions: list[str]) -> list[Change]:
    """The lines of one row: each function whose points changed, then the total if it did."""
    reason = why(old, new)
    who = getattr(new, "student", {}).get("id", "")
    lines = [Change(run, new.submission, who, f, old.questions.get(f), new.questions.get(f),
                    reason)
             for f in functions if old.questions.get(f) != new.questions.get(f)]
    before, after = adjusted_score(old), adjusted_score(new)
    if lines or before != after:
        lines.append(Change(run, new.submission, who, TOTAL, before, after, reason))
    return lines


def read_changes(path: Path) -> list[list[str]]:
    """The rows of an existing changes.csv (its header left out); none when absent."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return [r for r in rows[1:] if len(r) == len(CHANGE_COLUMNS)]


def write_changes(path: Path, rows: Iterable[list[str]]) -> None:
    """changes.csv from cell rows, in one order whatever order runs and shards found them."""
    def order(row: list[str]) -> tuple:
        return (int(row[0]) if row[0].isdigit() else 0, row[1:])

    unique = sorted({tuple(r): r for r in rows}.values(), key=order)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CHANGE_COLUMNS)
    writer.writerows(unique)
    write_atomically(path, buffer.getvalue())


def record(out: Path, run: int, previous: dict[str, Result], results: list[Result],
           functions: list[str]) -> list[Change]:
    """Append this run's changes to ``DIR/changes.csv``; return them."""
    found = [change for new in results if (old := previous.get(new.submission)) is not None
             for change in changes_of(run, old, new, functions)]
    path = out / CHANGES_FILE
    if found or path.exists():
        write_changes(path, [*read_changes(path), *(c.cells() for c in found)])
    return found


# --------------------------------------------------------------------------- one run


@dataclass
class Ledger:
    """What a grading run into ``out`` needs to leave its trail: opened before any grading."""

    out: Path
    run: int
    previous: dict[str, Result]

    @classmethod
    def open(cls, out: Path, functions: list[str]) -> Ledger:
        """Refuse a broken adjustments file before grading; keep the history; count the run."""
        read_adjustments(out / ADJUSTMENTS_FILE, functions)
        return cls(out, next_run(out), keep_history(out))

    def close(self, results: list[Result], functions: list[str]) -> list[Result]:
        """Apply the adjustments (saving each row they change), write changes.csv, return the
        rows as the gradebook shows them."""
        adjustments = read_adjustments(self.out / ADJUSTMENTS_FILE, functions)
        adjusted = apply_adjustments(results, adjustments)
        for before, after in zip(results, adjusted, strict=True):
            if before.adjustments != after.adjustments:
                save_result(self.out, after)
        record(self.out, self.run, self.previous, adjusted, functions)
        return adjusted


# --------------------------------------------------------------------------- shards merged


def merge_trails(shards: Iterable[Path], out: Path) -> None:
    """The history, run count and changes.csv of shard folders, joined into ``out`` as one run
    into ``out`` would have left them (history files are named by content; changes sorted)."""
    runs, rows, any_changes = [], [], False
    for folder in shards:
        history = history_folder(folder)
        for path in sorted(history.rglob("*.json")) if history.is_dir() else []:
            if path.is_file() and not path.is_symlink():
                target = history_folder(out) / path.relative_to(history)
                if not target.exists():
                    write_atomically(target, path.read_bytes())
        try:
            runs.append(int((history / RUN_FILE).read_text(encoding="ascii").strip()))
        except (OSError, ValueError):
            pass
        any_changes |= (folder / CHANGES_FILE).is_file()
        rows += read_changes(folder / CHANGES_FILE)
    if runs:
        write_atomically(history_folder(out) / RUN_FILE, f"{max(runs)}\n")
    if any_changes:
        write_changes(out / CHANGES_FILE, rows)
