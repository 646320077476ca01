"""One class graded on several machines: deterministic slices (``grade --shard K/N``) and the
merge of their output folders into the gradebook one machine would have written.

A submission's slice is decided by a hash of its name alone, so every machine, given the same
folder, agrees on it without talking to the others, and a late submission added to the folder
moves no one else. The merge reads only what each shard saved (``.report.json`` and
``.results/``) and writes the class's pages with the same functions a single run uses; what those
pages hold depends on the results, never on the order they were graded in (the report sorts them).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TypeVar

from grader.assignment import Question
from grader.gradebook import Result, result_path, write_atomically, write_gradebook

Named = TypeVar("Named")


class ShardError(ValueError):
    """A ``--shard`` that is not ``K/N``, or shard folders that cannot be merged."""


@dataclass(frozen=True)
class Shard:
    """The ``index``-th (from 1) of ``count`` slices of a class."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def holds(self, name: str) -> bool:
        """Whether the submission named ``name`` falls in this slice."""
        return slice_of(name, self.count) == self.index


def parse_shard(text: str) -> Shard:
    """``"K/N"`` with ``1 <= K <= N`` (SLURM's ``$SLURM_ARRAY_TASK_ID`` from ``--array=1-N``,
    or Kubernetes's 0-based ``$JOB_COMPLETION_INDEX`` plus one)."""
    index, slash, count = text.strip().partition("/")
    try:
        shard = Shard(int(index), int(count))
    except ValueError:
        raise ShardError(f"--shard takes K/N (e.g. 2/4), not {text!r}") from None
    if not slash or not 1 <= shard.index <= shard.count:
        raise ShardError(f"--shard K/N needs 1 <= K <= N, not {text!r}")
    return shard


def slice_of(name: str, count: int) -> int:
    """The slice (1 … ``count``) a submission name belongs to: a stable hash of the name."""
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def select(files: Iterable[Named], shard: Shard | None, name=lambda f: f.name) -> list[Named]:
    """The files of ``shard`` (all of them without one), in their order."""
    return [f for f in files if shard is None or shard.holds(name(f))]


# --------------------------------------------------------------------------- what a shard saved


@dataclass(frozen=True)
class SavedClass:
    """The gradebook's inputs as a finished ``grade --out`` folder keeps them."""

    name: str
    questions: list[Question]

    @property
    def max_score(self) -> float:
        return sum(q.points for q in self.questions)


def read_shard(folder: Path) -> tuple[SavedClass, list[tuple[Result, bytes]]]:
    """A shard folder's assignment and its results (each with its saved bytes).

    Anything that is not exactly what ``grade`` writes is a :class:`ShardError` that names the
    file: a merged gradebook must not quietly lose or invent a row.
    """
    from grader.report import INPUT_FILE, ReportInput

    try:
        source = ReportInput.from_json((folder / INPUT_FILE).read_text(encoding="utf-8"))
        if not all(isinstance(n, str) for n in source.submissions):
            raise TypeError("submission names must be strings")
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ShardError(f"{folder}: not a graded folder ({INPUT_FILE}: {error})") from None
    saved = [_read_result(folder, name) for name in source.submissions]
    return SavedClass(source.assignment, source.questions), saved


def _read_result(folder: Path, name: str) -> tuple[Result, bytes]:
    path = result_path(folder, name)
    try:
        raw = path.read_bytes()
        result = result_from_json(json.loads(raw.decode("utf-8")))
    except (OSError, ValueError, TypeError) as error:
        raise ShardError(f"{path}: unreadable result of {name!r} ({error})") from None
    if result.submission != name:
        raise ShardError(f"{path}: holds {result.submission!r}, not {name!r}")
    return result, raw


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


# --------------------------------------------------------------------------- the merge


def merge(shards: Sequence[Path], out: Path) -> list[Result]:
    """Join shard folders into ``out``: results, ``grades.csv``, feedback and ``report.html``,
    as one ``grade`` of the whole class writes them. Returns the rows, by submission name."""
    from grader.course.changes import merge_trails
    from grader.report import write_report

    if not shards:
        raise ShardError("merge needs at least one shard folder")
    classes, rows = [], {}
    for folder in shards:
        saved_class, saved = read_shard(folder)
        classes.append(saved_class)
        for result, raw in saved:
            if result.submission in rows:
                raise ShardError(f"{result.submission!r} was graded by two shards "
                                 f"(the second in {folder}): were they run with the same N?")
            rows[result.submission] = (result, raw)
    if any(c != classes[0] for c in classes[1:]):
        raise ShardError("the shards graded different assignments or builds of one")
    for name, (_, raw) in rows.items():
        write_atomically(result_path(out, name), raw)
    merge_trails(shards, out)
    results = [rows[name][0] for name in sorted(rows)]
    write_gradebook(out, classes[0], results)  # type: ignore[arg-type]  # questions and name
    write_report(out, classes[0], results)  # type: ignore[arg-type]
    return results
