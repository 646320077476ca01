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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from grader.assignment import Question
from grader.grading.gradebook import INPUT_FILE, ReportInput, Result, result_from_json, result_path

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
    try:
        source = ReportInput.from_json((folder / INPUT_FILE).read_text(encoding="utf-8"))
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


# --------------------------------------------------------------------------- the merge


