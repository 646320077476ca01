"""A tiny assignment (``tests/fixtures/mini``) for testing the grading machinery on its own.

Building it runs ``otter assign`` once per test session (a few seconds).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from grader.assignment import Paths, graded_cells, with_graded_cells
from grader.authoring.build import build
from grader.validation.corpus import notebook_with
from tests.support import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "mini"


def copy_project(root: Path) -> Path:
    """A project of its own at ``root``: copies of the checkout's grader, nnkit and
    pyproject.toml, without masters (the caller adds those). Run its command line with
    ``PYTHONPATH=root`` so that it uses these copies."""
    for package in ("grader", "nnkit"):
        shutil.copytree(ROOT / package, root / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def build_mini(root: Path) -> Paths:
    """Copy the mini master into ``root`` and build it there."""
    shutil.copytree(FIXTURE / "solutions", root / "solutions")
    paths = Paths(root, "mini")
    build(paths, run_tests=True, update_student=True)
    return paths


def submission(paths: Paths, target: Path, **cells: str) -> Path:
    """The built solution notebook with graded cells replaced (function name → cell source)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook_with(paths, cells), target)
    return target


def filled_student_notebook(paths: Paths,
                            notebook: nbformat.NotebookNode | None = None) -> nbformat.NotebookNode:
    """The released student notebook (or ``notebook``, e.g. a hosted copy of it) with every
    graded cell answered by the solution's."""
    answers = graded_cells(nbformat.read(paths.solution_notebook, as_version=4))
    released = notebook if notebook is not None else nbformat.read(paths.student, as_version=4)
    return with_graded_cells(released, answers)


def check_outputs(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """What each ``grader.check("f")`` cell of an executed notebook shows, by function."""
    results = {}
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.source.startswith("grader.check("):
            name = cell.source.split('"')[1]
            texts = []
            for output in cell.outputs:
                data = output.get("data", {})
                texts.append(data.get("text/plain", "") + output.get("text", ""))
            results[name] = "\n".join(texts)
    return results


def run_grader(*args: str, python: Path | str = sys.executable, cwd: Path = ROOT,
               env: dict[str, str] | None = None,
               timeout: float = 900) -> subprocess.CompletedProcess:
    """``python -m grader ARGS`` as a user runs it, its output captured."""
    return subprocess.run([str(python), "-m", "grader", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def read_grades(out: Path) -> dict[str, dict[str, str]]:
    """``out/grades.csv``, row by row, by submission name."""
    with open(out / "grades.csv", newline="", encoding="utf-8") as stream:
        return {row["submission"]: row for row in csv.DictReader(stream)}
