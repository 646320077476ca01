"""Hostile graded cells against the mini assignment: what test_hostile and test_hostile_class
share (the walls they need, grading one submission, finding processes that survived)."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from grader.assignment import Assignment, Paths
from grader.grading.gradebook import Result
from grader.grading.submission_files import SubmissionFile
from grader.isolation import walls
from grader.options import Options
from grader.run.grade import grade_one
from tests.support.grader_fixtures import submission

WALLS = walls.detect_walls()
needs_walls = pytest.mark.needs_wall(
    WALLS.bubblewrap is None,
    reason="bubblewrap does not work on this machine (grader.isolation.walls.detect_walls()"
           ".bubblewrap is None): the namespace walls this row relies on are missing",
)
TIMEOUT = 2.0
FULL = {"double": 3.0, "affine": 3.0, "draw": 1.0}  # mini's points, all earned


def cell(function: str, body: str, *helpers: str) -> str:
    """A graded cell: the header, helper definitions, then ``body`` (dedented)."""
    parts = [textwrap.dedent(part).strip() for part in (*helpers, body)]
    return f"# GRADED FUNCTION: {function}\n" + "\n\n".join(parts) + "\n"


def grade(mini: Paths, folder: Path, name: str, options: Options | None = None,
          **cells: str) -> Result:
    """Grade mini's solution with some graded cells replaced (function name → cell source)."""
    path = submission(mini, folder / f"{name}.ipynb", **cells)
    options = options or Options(timeout=TIMEOUT)
    return grade_one(Assignment(mini), SubmissionFile(name, path), options)


def processes_with(token: str) -> list[int]:
    """Live processes whose command line contains ``token``."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/cmdline", "rb") as stream:
                    if token.encode() in stream.read():
                        found.append(int(entry.name))
            except OSError:
                continue
    return found


def worker_processes() -> list[int]:
    """Live sandboxes of this test session (their command line names its worker bundle).

    Other grading runs on the machine have bundles of their own. Inside a sandbox everything
    lives in a PID namespace that dies with these processes.
    """
    return processes_with(str(walls.worker_bundle()))
