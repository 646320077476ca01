"""``python -m grader merge``: shard folders joined into the folder one run of the class writes.

Each shard (``grade --shard K/N``, :mod:`grader.course.shards`) graded a deterministic slice;
the merged results, ``grades.csv``, feedback, ``changes.csv`` and ``report.html`` are the same
bytes a single run writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from grader.course.changes import merge_trails
from grader.course.shards import ShardError, read_shard
from grader.files import write_atomically
from grader.grading.gradebook import Result, result_path, write_gradebook
from grader.reporting.report import write_report


def merge(shards: Sequence[Path], out: Path) -> list[Result]:
    """Join shard folders into ``out``: results, ``grades.csv``, feedback and ``report.html``,
    as one ``grade`` of the whole class writes them. Returns the rows, by submission name."""
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
